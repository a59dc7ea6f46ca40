/**
 * While a conversation waits for a person (an escalation nobody has taken yet), the customer is not left talking
 * to a wall: "还要等多久啊" gets the queue position and when staff are back; "算了，我不要人工了" withdraws the request
 * and the bot helps again; a claim report is taken at once (promised 24 hours a day), withdrawing the wait. Once
 * a person has taken the conversation the bot stays silent: everything the customer writes is for that person.
 */
import { businessHoursFrom, isOpen, nextOpening } from '../business-hours.ts';
import { isDropHandoff, isWaitQuery } from '../nlu/acts/index.ts';
import type { Nlu } from '../nlu/types.ts';
import type { Responder, TurnContext, TurnOutcome } from '../turn.ts';
import { render } from './replies.ts';
import { readState } from './state.ts';
import type { SayEvent } from './types.ts';

const SILENT: TurnOutcome = { replies: [] };
const SELF_SERVICE: string[] = ['claim_status', 'complaint_status', 'inquiry'];
const say = (key: string, vars?: SayEvent['vars']): SayEvent => ({ type: 'say', key, vars });

/** A responder for turns while staff own the conversation; `bot` takes over when the customer withdraws the wait. */
export function createWaitingRoom(opts: { nlu: Nlu; bot: Responder; calendar?: { isWorkday(date: string): boolean } }): Responder {
  return async (ctx: TurnContext) => {
    const waiting = await ctx.db.escalation.findFirst({
      where: { conversationId: ctx.conversation.id, status: { in: ['open', 'taken'] } },
      orderBy: { createdAt: 'desc' },
    });
    // Taken by a person, or handed over without an escalation row (e.g. by a staff command): stay silent.
    if (!waiting || waiting.status !== 'open') return SILENT;
    const text = ctx.inbound.text.trim();
    if (!text) return SILENT;
    const nlu = opts.nlu.classify(text, { now: ctx.clock.now() });
    const claim = nlu.intent === 'claim_report' && nlu.confidence >= 0.6;

    if (isDropHandoff(text) || claim) {
      await withdraw(ctx, waiting.id, claim ? 'customer_started_claim' : 'customer_withdrew');
      const note = render(ctx.lang, [say(claim ? 'dialog:waiting.claimFirst' : 'dialog:waiting.withdrawn')]);
      if (!claim) return { replies: note, nlu: pick(nlu) };
      const out = await opts.bot({ ...ctx, conversation: { ...ctx.conversation, owner: 'bot' } });
      return { ...out, replies: [...note, ...out.replies] };
    }
    if (isWaitQuery(text)) return { replies: render(ctx.lang, [await waitAnswer(ctx, waiting, opts.calendar)]), nlu: pick(nlu) };
    // Self-service while waiting: a status check or a question is answered, and the customer keeps their place in
    // the queue; a flow begun that way goes on until it ends.
    // In office hours a person is moments away and answers everything; outside them the bot helps meanwhile.
    const selfService = SELF_SERVICE.includes(nlu.intent) && nlu.confidence >= 0.6 && !isOpen(hours(ctx, opts.calendar), ctx.clock.now());
    if (selfService || readState(ctx.conversation.dialogState).active) {
      const out = await opts.bot(ctx);
      return selfService ? { ...out, replies: [...out.replies, ...render(ctx.lang, [say('dialog:waiting.stillQueued')])] } : out;
    }
    return SILENT;
  };
}

const pick = (n: ReturnType<Nlu['classify']>) => ({ intent: n.intent, confidence: n.confidence, entities: n.entities });

async function withdraw(ctx: TurnContext, escalationId: string, reason: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.escalation.update({ where: { id: escalationId }, data: { status: 'resolved', closedBy: `customer:${reason}`, closedAt: now } });
  await ctx.db.conversation.update({ where: { id: ctx.conversation.id }, data: { owner: 'bot' } });
  ctx.events.emit('escalation.updated', { escalationId, conversationId: ctx.conversation.id, status: 'resolved', actor: 'customer' });
}

const hours = (ctx: TurnContext, calendar?: { isWorkday(date: string): boolean }) => businessHoursFrom(ctx.config, calendar?.isWorkday.bind(calendar));

async function waitAnswer(ctx: TurnContext, waiting: { id: string; queue: string; createdAt: Date }, calendar?: { isWorkday(date: string): boolean }): Promise<SayEvent> {
  const ahead = await ctx.db.escalation.count({ where: { queue: waiting.queue, status: 'open', createdAt: { lt: waiting.createdAt } } });
  const bh = hours(ctx, calendar);
  const now = ctx.clock.now();
  if (isOpen(bh, now)) return say('dialog:waiting.open', { position: ahead + 1 });
  const next = nextOpening(bh, now);
  return say('dialog:waiting.closed', { position: ahead + 1, date: next.date, time: next.time });
}
