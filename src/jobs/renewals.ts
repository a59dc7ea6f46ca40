import { addDays, endOfShanghaiDay, fromShanghai, shanghaiDate } from '../domain/calendar/index.ts';
import { addresseeOf } from '../domain/greetings/addressee.ts';
import { loadReminderTemplates } from '../domain/reminders/reminder-templates.ts';
import { graceEnd, RENEWAL_WINDOW, renewalStage } from '../domain/reminders/renewals.ts';
import { fileStaffTask, staffTaskExists } from '../domain/reminders/staff-tasks.ts';
import { toLang, t } from '../i18n/index.ts';
import { reachFor } from './outbox/reach.ts';
import { sendDueOutbox } from './outbox/send.ts';
import { countNewOutbox, insertOutbox, type OutboxRow } from './outbox/store.ts';
import { firstSendTime, quietHoursFrom } from './quiet-hours.ts';
import { count, emptyResult, type JobDefinition, type JobDeps, type JobOptions, type JobResult } from './types.ts';

/**
 * Daily: renewal premium reminders (due in 15 and 3 days, grace period ending, lapse — see
 * src/domain/reminders/renewals.ts) planned into the outbox and sent like greetings (quiet hours, exactly once per
 * key) — but as service notices they do not depend on greeting consent; and every active policy whose servicing
 * agent has left gets one `reassign_policy` task (收展: a new agent takes over so no customer is left without
 * service).
 */
export const renewalsJob: JobDefinition = {
  name: 'renewals',
  description: 'Renewal premium reminders (15/3 days, grace ending, lapse) and policies of departed agents',
  schedule: '0 10 * * *',
  plans: true,
  summarise: 'always',
  async run(deps, opts) {
    const result = emptyResult();
    result.planned = await planReminders(deps, opts, result);
    await listOrphanedPolicies(deps, opts, result);
    if (!opts.dryRun) await sendDueOutbox(deps, result, { kinds: ['reminder'], signal: opts.signal, progress: opts.progress, runId: opts.runId });
    return result;
  },
};

async function planReminders(deps: JobDeps, opts: JobOptions, result: JobResult): Promise<number> {
  const { db, clock, config } = deps;
  const templates = loadReminderTemplates(config.ANXIN_TEMPLATES_DIR);
  if (templates.problems.length) result.notes = [...(result.notes ?? []), ...templates.problems];
  const now = clock.now();
  const policies = await db.policy.findMany({
    where: {
      status: { in: ['active', 'lapsed'] },
      paymentFrequency: { not: 'single' },
      nextDueDate: { gte: fromShanghai(addDays(opts.date, -RENEWAL_WINDOW.pastDays)), lte: endOfShanghaiDay(addDays(opts.date, RENEWAL_WINDOW.futureDays)) },
    },
    include: { holder: true, payments: true },
  });
  const reach = await reachFor(db, [...new Set(policies.map((p) => p.holderId))]);
  const notBefore = firstSendTime(quietHoursFrom(config), opts.date, now);
  const rows: OutboxRow[] = [];
  for (const p of policies) {
    const due = shanghaiDate(p.nextDueDate!);
    const payment = p.payments.find((x) => shanghaiDate(x.dueDate) === due);
    const stage = renewalStage(opts.date, due, payment?.status === 'paid' || payment?.status === 'waived');
    // The core system may already have marked the policy lapsed: only the lapse notice still applies then.
    if (!stage || (p.status === 'lapsed' && stage !== 'lapsed')) continue;
    const where = reach.get(p.holderId);
    const lang = toLang(where?.language ?? p.holder.language);
    const text = templates.render(stage, lang, p.holder.vipTier, {
      ...addresseeOf(lang, p.holder.name, p.holder.gender),
      product: p.product,
      policyNumber: p.number,
      amount: Number(payment?.amount ?? p.premium).toFixed(2),
      dueDate: due,
      graceEnd: graceEnd(due),
    });
    rows.push({
      key: `reminder:${stage}:${p.id}:${due}`,
      kind: 'reminder',
      occasion: stage,
      customerId: p.holderId,
      channel: where?.channel ?? null,
      text,
      status: where ? 'planned' : 'skipped',
      skipReason: where ? null : 'no_channel',
      notBefore,
    });
    count(result, `stage_${stage}`);
  }
  const written = opts.dryRun ? await countNewOutbox(db, rows) : await insertOutbox(db, rows, now);
  if (written.skipped) count(result, 'skipped_no_channel', written.skipped);
  return written.planned;
}

async function listOrphanedPolicies(deps: JobDeps, opts: JobOptions, result: JobResult): Promise<void> {
  const orphaned = await deps.db.policy.findMany({
    where: { status: 'active', agent: { status: 'left' } },
    select: { id: true, number: true, product: true, holderId: true, agent: { select: { id: true, code: true, name: true, branch: true, leftAt: true } } },
  });
  for (const p of orphaned) {
    const agent = p.agent!;
    const key = `reassign_policy:${p.id}:${agent.id}`;
    if (opts.dryRun) {
      if (!(await staffTaskExists(deps, key))) count(result, 'reassign_tasks');
      continue;
    }
    const vars = { policy: p.number, product: p.product, agent: `${agent.name}（${agent.code}）`, left: agent.leftAt ? shanghaiDate(agent.leftAt) : '-', branch: agent.branch ?? '-' };
    const { created } = await fileStaffTask(deps, {
      key,
      kind: 'reassign_policy',
      title: t('zh', 'jobs:reassign.title', vars),
      detail: t('zh', 'jobs:reassign.detail', vars),
      customerId: p.holderId,
      refType: 'Policy',
      refId: p.id,
      owner: agent.branch ? `branch:${agent.branch}` : 'service',
    });
    if (created) count(result, 'reassign_tasks');
  }
}
