import type { App } from '@slack/bolt';
import type { Config } from '../../src/config/schema.ts';
import { AnxinError } from '../../src/core/errors.ts';
import type { Logger } from '../../src/core/logger.ts';
import { describeLookup, getCustomerView, parseLookupKey, type CustomerMatch, type CustomerView } from '../../src/domain/customer-view.ts';
import { claimAction, settleAction } from '../../src/domain/processed-actions.ts';
import { replyToCustomer, type StaffDeps } from '../../src/domain/staff-actions.ts';
import { t, type Lang } from '../../src/i18n/index.ts';
import { findEscalationByRef, escalationRef } from '../../src/web/staff/escalation-view.ts';
import { deadlineLabel, formatAge, formatTime, intentLabel, queueLabel } from '../../src/web/staff/format.ts';
import { listOpenEscalations, todayStats } from '../../src/web/staff/queries.ts';
import { errorText, type SlackAccess } from './access.ts';
import { clip, esc, who } from './mrkdwn.ts';
import { requestKey } from './once.ts';

/** The slash command's name; register it with this name in the Slack app. */
export const COMMAND = '/anxin';

export interface CommandDeps {
  staff: StaffDeps;
  config: Config;
  access: SlackAccess;
  logger: Logger;
  lang: Lang;
}

const LIST_MAX = 5;

function list<T>(lang: Lang, heading: string, rows: T[], line: (r: T) => string): string[] {
  const out = [t(lang, heading)];
  if (!rows.length) out.push(`• ${t(lang, 'slack:command.lookup.none')}`);
  out.push(...rows.slice(0, LIST_MAX).map(line));
  if (rows.length > LIST_MAX) out.push(t(lang, 'slack:command.lookup.more', { n: rows.length - LIST_MAX }));
  return out;
}

/** The single customer view as an ephemeral Slack message (already masked by getCustomerView). */
export function renderCustomerView(lang: Lang, v: CustomerView): string {
  const c = v.customer;
  const L = (k: string, vars: Record<string, string | number | null | undefined>) => t(lang, `slack:command.lookup.${k}`, vars);
  return [
    L('customer', { name: esc(c.name), phone: c.phone || '-', idNumber: c.idNumber || '-', tier: c.vipTier, code: c.code ? ` · ${esc(c.code)}` : '' }),
    ...list(lang, 'slack:command.lookup.policies', v.policies, (p) =>
      L('policy', {
        number: p.number, product: esc(p.product), status: p.status, role: p.role, from: p.effectiveDate ?? '-',
        to: p.expiryDate ? ` → ${p.expiryDate}` : '', due: p.nextDueDate ? ` · ⏰ ${p.nextDueDate}` : '',
      }),
    ),
    ...list(lang, 'slack:command.lookup.claims', v.claims, (x) => L('claim', { number: x.number, policy: x.policyNumber, status: x.status, at: formatTime(x.reportedAt) })),
    ...list(lang, 'slack:command.lookup.complaints', v.complaints, (x) =>
      L('complaint', { number: x.number, status: x.status, acceptance: formatTime(x.acceptanceDeadline), decision: x.decisionDeadline ? ` · ${deadlineLabel(lang, 'decision')} ${formatTime(x.decisionDeadline)}` : '' }),
    ),
    ...list(lang, 'slack:command.lookup.interactions', v.interactions, (x) => L('interaction', { at: formatTime(x.at), kind: x.kind, summary: esc(clip(x.summary, 120)) })),
  ].join('\n');
}

/**
 * Claims a command's request key (see ./once.ts). `answer` is what a replay is told; null when this is the first
 * request (or there is no key) and the command should run.
 */
async function firstTime(deps: CommandDeps, req: { key?: string; user: string; action: string; escalationId?: string }, answer: string): Promise<string | null> {
  if (!req.key) return null;
  const claim = await claimAction(deps.staff, { key: req.key, source: 'slack', actor: req.user, action: req.action, escalationId: req.escalationId }, { text: answer });
  if (claim.first) return null;
  deps.logger.info({ key: req.key, what: req.action }, 'slack: repeated request acknowledged, not run again');
  return (claim.result as { text?: string } | null)?.text ?? answer;
}

async function lookup(deps: CommandDeps, user: string, key: string, reqKey?: string): Promise<string> {
  const { staff, config, lang } = deps;
  if (!key) return t(lang, 'slack:command.lookupUsage');
  // A replayed lookup would show the records again and leave no trace: it is told it was handled, nothing more.
  const replay = await firstTime(deps, { key: reqKey, user, action: 'command.lookup' }, t(lang, 'slack:command.repeated'));
  if (replay) return replay;
  const shown = describeLookup(parseLookupKey(key));
  // Looking at someone's records is itself recorded (who looked up whom, when), with the key masked.
  await staff.db.staffAction.create({ data: { actor: user, action: 'lookup', detail: shown, createdAt: staff.clock.now() } });
  if (reqKey) await settleAction(staff, reqKey, 'done');
  try {
    return renderCustomerView(lang, await getCustomerView(staff.db, key, { secret: config.ANXIN_ID_SECRET }));
  } catch (e) {
    if (e instanceof AnxinError && e.code === 'customer_ambiguous') {
      const matches = (e.details?.matches ?? []) as CustomerMatch[];
      return [t(lang, 'slack:command.lookup.candidates', { key: shown }), ...matches.map((m) => t(lang, 'slack:command.lookup.candidate', { name: esc(m.name), code: m.code ?? '-' }))].join('\n');
    }
    return errorText(lang, e);
  }
}

async function queue(deps: CommandDeps, user: string): Promise<string> {
  const { staff, access, lang } = deps;
  const queues = ['claims', 'complaints', 'service', 'general', ...((await access.seesCompliance(user)) ? ['compliance'] : [])];
  const now = staff.clock.now();
  const items = await listOpenEscalations(staff.db, now, { queues });
  if (!items.length) return t(lang, 'slack:command.queue.empty');
  const out = [t(lang, 'slack:command.queue.title', { n: items.length })];
  for (const q of queues) {
    const mine = items.filter((i) => i.queue === q);
    if (!mine.length) continue;
    out.push(`*${queueLabel(lang, q)}*`);
    for (const i of mine) {
      const d = i.nextDeadline;
      out.push(
        t(lang, 'slack:command.queue.item', {
          ref: i.ref,
          intent: intentLabel(lang, i.intent),
          customer: i.customer ? ` · ${esc(i.customer)}` : '',
          age: formatAge(lang, i.ageMs),
          taken: i.takenBy ? t(lang, 'slack:command.queue.taken', { who: who(i.takenBy) }) : '',
          deadline: d ? t(lang, 'slack:command.queue.deadline', { name: deadlineLabel(lang, d.name), at: formatTime(d.at), overdue: d.overdue ? ` ${t(lang, 'slack:card.overdue')}` : '' }) : '',
        }),
      );
    }
  }
  return out.join('\n');
}

async function stats(deps: CommandDeps, user: string): Promise<string> {
  const { staff, access, lang } = deps;
  const s = await todayStats(staff.db, staff.clock.now());
  const sep = lang === 'zh' ? '，' : ', ';
  // Even a count of today's whistleblowing reports is for the compliance team only.
  if (!(await access.seesCompliance(user))) {
    s.intents = s.intents.filter((i) => i.intent !== 'whistleblow');
    s.handoffs -= s.handoffsByQueue.compliance ?? 0;
    delete s.handoffsByQueue.compliance;
  }
  return t(lang, 'slack:command.stats', {
    date: s.date,
    conversations: s.conversations,
    inbound: s.inboundMessages,
    intents: s.intents.map((i) => `${intentLabel(lang, i.intent)} ${i.count}`).join(sep) || '-',
    handoffs: s.handoffs,
    byQueue: Object.entries(s.handoffsByQueue).map(([q, n]) => `${queueLabel(lang, q)} ${n}`).join(sep) || '-',
    openEscalations: s.openEscalations,
    openComplaints: s.openComplaints,
    dueSoon: s.complaintsDueSoon,
    overdue: s.complaintsOverdue,
  });
}

/**
 * `/anxin` — lookup, queue, stats, reply, help. Answers are ephemeral (only the caller sees them). Slash commands
 * carry no thread context, so `reply` names the escalation by the short reference printed on its card.
 */
export function registerCommands(bolt: App, deps: CommandDeps): void {
  const { access, staff, lang, logger } = deps;
  bolt.command(COMMAND, async ({ command, ack, respond, context }) => {
    const user = command.user_id;
    const [sub = 'help', ...rest] = command.text.trim().split(/\s+/);
    const arg = command.text.trim().slice(sub.length).trim();
    const answer = (text: string) => ack({ response_type: 'ephemeral', text });
    if (sub === 'help' || sub === '') return answer(t(lang, 'slack:command.help'));
    const gate = await access.forStaff(user);
    if (!gate.ok) return answer(gate.message);
    const key = requestKey(context, command);
    if (sub === 'lookup') return answer(await lookup(deps, user, arg, key));
    if (sub === 'queue') return answer(await queue(deps, user));
    if (sub === 'stats') return answer(await stats(deps, user));
    if (sub !== 'reply') return answer(t(lang, 'slack:command.unknown'));

    const ref = rest[0] ?? '';
    const text = arg.slice(ref.length).trim();
    if (!ref || !text) return answer(t(lang, 'slack:command.replyUsage'));
    let escalation;
    try {
      escalation = await findEscalationByRef(staff.db, ref);
    } catch (e) {
      return answer(errorText(lang, e));
    }
    const allowed = await access.forEscalation(user, escalation.id);
    if (!allowed.ok) return answer(allowed.message);
    if (escalation.status === 'resolved' || escalation.status === 'handed_back') return answer(t(lang, 'slack:error.escalation_closed'));
    const queued = t(lang, 'slack:command.replyQueued', { ref: escalationRef(escalation.id) });
    // The same signed request again (a replay) gets the same acknowledgement and sends nothing.
    const replay = await firstTime(deps, { key, user, action: 'command.reply', escalationId: escalation.id }, queued);
    if (replay) return answer(replay);
    // Acknowledge within Slack's 3 seconds; the outcome follows through the command's response_url.
    await answer(queued);
    const settle = (status: 'done' | 'failed') => (key ? settleAction(staff, key, status) : Promise.resolve());
    try {
      const msg = await replyToCustomer(staff, escalation.id, user, text);
      await settle('done');
      const line = msg.status === 'failed' ? t(lang, 'slack:command.replyFailed', { error: esc(msg.error ?? '') }) : t(lang, 'slack:command.replySent', { ref: escalationRef(escalation.id) });
      await respond({ response_type: 'ephemeral', text: line });
    } catch (e) {
      logger.warn({ err: e, escalationId: escalation.id }, 'slack: /anxin reply failed');
      await settle('failed');
      await respond({ response_type: 'ephemeral', text: errorText(lang, e) });
    }
  });
}
