import { maskText } from '../../domain/pii.ts';
import { raiseEscalation, recordInteraction, type Queue } from '../../domain/escalations.ts';
import { businessHoursFrom, isOpen, nextOpening } from '../business-hours.ts';
import type { FlowServices, SayEvent } from './types.ts';

/**
 * Hands the conversation to staff: stores an escalation, makes staff the owner (the bot stays silent until staff
 * hand it back or resolve it), and tells the customer when a person will answer.
 */
export async function handOff(s: FlowServices, opts: { reason: string; queue?: Queue; summary?: string }): Promise<SayEvent[]> {
  const recent = await s.db.message.findMany({
    where: { conversationId: s.conversation.id, direction: { in: ['in', 'out'] } },
    orderBy: { createdAt: 'desc' },
    take: 6,
    select: { direction: true, text: true },
  });
  // A conversation that carried a misconduct report never shows its transcript outside the compliance queue:
  // the reporter's identity must not reach the general staff queue.
  const reported = opts.queue !== 'compliance' && (await s.db.whistleblowReport.count({ where: { conversationId: s.conversation.id } })) > 0;
  const transcript = reported
    ? '(transcript withheld: this conversation contains a misconduct report — see the compliance queue)'
    : recent.reverse().map((m) => `${m.direction === 'in' ? '>' : '<'} ${maskText(m.text).slice(0, 200)}`).join('\n');
  await raiseEscalation(s, {
    conversationId: s.conversation.id,
    queue: opts.queue ?? 'general',
    intent: opts.reason,
    summary: opts.summary ?? transcript,
  });
  await s.db.conversation.update({ where: { id: s.conversation.id }, data: { owner: 'staff' } });
  await recordInteraction(s, {
    customerId: s.customer?.id,
    conversationId: s.conversation.id,
    kind: 'handoff',
    channel: s.conversation.channel,
    summary: opts.reason,
  });
  const bh = businessHoursFrom(s.config, s.calendar?.isWorkday.bind(s.calendar));
  if (isOpen(bh, s.clock.now())) return [{ type: 'say', key: 'dialog:handoff.now' }];
  const next = nextOpening(bh, s.clock.now());
  return [{ type: 'say', key: 'dialog:handoff.later', vars: { date: next.date, time: next.time } }];
}
