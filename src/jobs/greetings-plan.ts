import { shanghaiDate } from '../domain/calendar/index.ts';
import { loadGreetingTemplates, renderGreeting } from '../domain/greetings/greeting-templates.ts';
import { occasionsOn } from '../domain/greetings/occasions.ts';
import { dueGreetings, type AnniversaryPolicy } from '../domain/greetings/occasions-for.ts';
import { toLang } from '../i18n/index.ts';
import { reachFor } from './outbox/reach.ts';
import { countNewOutbox, insertOutbox, type OutboxRow } from './outbox/store.ts';
import { firstSendTime, quietHoursFrom } from './quiet-hours.ts';
import { count, type JobDeps, type JobOptions, type JobResult } from './types.ts';

/** Customers read per page: bounded memory whatever the customer count. */
const PAGE = 2000;

/**
 * Plans the greetings of `opts.date`: one OutboxMessage per customer, occasion and year (see occasions-for.ts),
 * for customers who consent and have not opted out. The text is rendered now (a dry run can show it, staff can
 * audit it); the send phase re-checks the opt-out. A customer nobody can message (no conversation) gets a row
 * `skipped` / `no_channel`, which a later run the same day turns into `planned` if they have written in since.
 *
 * @returns the number of greetings newly planned (a re-run of the same day returns 0).
 */
export async function planGreetings(deps: Pick<JobDeps, 'db' | 'clock' | 'config'>, opts: JobOptions, result: JobResult): Promise<number> {
  const { db, clock, config } = deps;
  const templates = loadGreetingTemplates(config.ANXIN_TEMPLATES_DIR);
  if (templates.problems.length) result.notes = [...(result.notes ?? []), ...templates.problems];
  const festivals = occasionsOn(opts.date);
  const now = clock.now();
  const notBefore = firstSendTime(quietHoursFrom(config), opts.date, now);
  const audience = { greetingConsent: true, optedOutAt: null };
  opts.progress?.start(await db.customer.count({ where: audience }), 'plan');

  let planned = 0;
  let lastId = '';
  for (;;) {
    const customers = await db.customer.findMany({
      where: { ...audience, id: { gt: lastId } },
      orderBy: { id: 'asc' },
      take: PAGE,
      select: { id: true, name: true, gender: true, birthday: true, lunarBirthday: true, language: true, vipTier: true },
    });
    if (!customers.length) break;
    lastId = customers[customers.length - 1].id;
    const ids = customers.map((c) => c.id);
    const [reach, policies] = await Promise.all([reachFor(db, ids), activePoliciesOf(deps, ids)]);

    const rows: OutboxRow[] = [];
    for (const c of customers) {
      const due = dueGreetings({ id: c.id, birthday: c.birthday ? shanghaiDate(c.birthday) : null, lunarBirthday: c.lunarBirthday }, opts.date, festivals, policies.get(c.id));
      if (!due.length) continue;
      const where = reach.get(c.id);
      if (where?.identityOptedOut) {
        count(result, 'excluded_opted_out');
        continue;
      }
      const [first, ...rest] = due;
      const text = renderGreeting(templates, { name: c.name, gender: c.gender, language: toLang(c.language), vipTier: c.vipTier }, first);
      const base = { kind: 'greeting' as const, customerId: c.id, channel: where?.channel ?? null, notBefore };
      rows.push({ ...base, key: first.key, occasion: first.occasion, text, status: where ? 'planned' : 'skipped', skipReason: where ? null : 'no_channel' });
      for (const r of rest) rows.push({ ...base, key: r.key, occasion: r.occasion, text: '', status: 'skipped', skipReason: `same_day:${first.occasion}` });
    }
    const written = opts.dryRun ? await countNewOutbox(db, rows) : await insertOutbox(db, rows, now);
    planned += written.planned;
    count(result, 'skipped_recorded', written.skipped);
    count(result, 'skipped_no_channel', rows.filter((r) => r.skipReason === 'no_channel').length);
    opts.progress?.tick(customers.length);
  }
  opts.progress?.stop();
  return planned;
}

/** Active policies held by a page of customers, as anniversary candidates. */
async function activePoliciesOf(deps: Pick<JobDeps, 'db'>, holderIds: string[]): Promise<Map<string, AnniversaryPolicy[]>> {
  const out = new Map<string, AnniversaryPolicy[]>();
  for (let i = 0; i < holderIds.length; i += 900) {
    const rows = await deps.db.policy.findMany({
      where: { holderId: { in: holderIds.slice(i, i + 900) }, status: 'active' },
      select: { id: true, holderId: true, product: true, effectiveDate: true },
    });
    for (const p of rows) {
      const list = out.get(p.holderId) ?? [];
      list.push({ id: p.id, product: p.product, effectiveDate: shanghaiDate(p.effectiveDate) });
      out.set(p.holderId, list);
    }
  }
  return out;
}
