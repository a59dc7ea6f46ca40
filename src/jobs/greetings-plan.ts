import { shanghaiDate } from '../domain/calendar/index.ts';
import { greetingRenderer, loadGreetingTemplates } from '../domain/greetings/greeting-templates.ts';
import { dueGreetings, greetingDay, type AnniversaryPolicy, type GreetingDay } from '../domain/greetings/occasions-for.ts';
import { toLang } from '../i18n/index.ts';
import type { SqlRunner } from '../domain/import/bulk-upsert.ts';
import { bulkSql } from './outbox/fast-sql.ts';
import { reachInRange } from './outbox/reach.ts';
import { countNewOutbox, insertOutbox, type OutboxRow } from './outbox/store.ts';
import { firstSendTime, quietHoursFrom } from './quiet-hours.ts';
import { count, type JobDeps, type JobOptions, type JobResult } from './types.ts';

/**
 * Customers read per page: bounded memory whatever the customer count. Small pages also keep each page's
 * objects short-lived, so V8 frees them young instead of promoting them (2,000 per page doubled the peak RSS).
 */
const PAGE = 500;

interface CustomerRow {
  id: string;
  name: string;
  gender: string;
  birthday: Date | string | null;
  lunarBirthday: boolean | number;
  language: string;
  vipTier: string;
}

/**
 * The audience page by page, in plain SQL on the bulk connection (see fast-sql.ts): this is the hot path, and
 * planning must stay within seconds for 100,000 customers.
 */
const customerPage = (sql: SqlRunner, after: string) =>
  sql.query<CustomerRow>(
    'SELECT "id", "name", "gender", "birthday", "lunarBirthday", "language", "vipTier" FROM "Customer" ' +
      'WHERE "greetingConsent" = TRUE AND "optedOutAt" IS NULL AND "id" > ? ORDER BY "id" LIMIT ?',
    [after, PAGE],
  );

/**
 * The Shanghai calendar date of a stored date-only value. shanghaiDate() goes through Intl (a few µs a call);
 * birthdays and effective dates repeat a lot (a century has ~36,500 days), so one planning run remembers them,
 * keyed by the stored value itself (ISO text from better-sqlite3, a Date from Prisma).
 */
function ymdMemo(): (v: Date | string) => string {
  const seen = new Map<string | number, string>();
  return (v) => {
    const key = v instanceof Date ? v.getTime() : v;
    let ymd = seen.get(key);
    if (ymd === undefined) seen.set(key, (ymd = shanghaiDate(v instanceof Date ? v : new Date(v))));
    return ymd;
  };
}

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
  const day = greetingDay(opts.date);
  const now = clock.now();
  const notBefore = firstSendTime(quietHoursFrom(config), opts.date, now);
  const ymd = ymdMemo();
  opts.progress?.start(await db.customer.count({ where: { greetingConsent: true, optedOutAt: null } }), 'plan');

  const bulk = await bulkSql(db);
  try {
    return await planPages(bulk.sql, { ...opts, now, notBefore, day, templates, ymd }, result);
  } finally {
    bulk.close();
    opts.progress?.stop();
  }
}

interface PlanContext extends JobOptions {
  now: Date;
  notBefore: Date;
  day: GreetingDay;
  templates: ReturnType<typeof loadGreetingTemplates>;
  ymd: (v: Date | string) => string;
}

async function planPages(sql: SqlRunner, ctx: PlanContext, result: JobResult): Promise<number> {
  const { now, notBefore, day, templates, ymd } = ctx;
  const render = greetingRenderer(templates);
  let planned = 0;
  let lastId = '';
  for (;;) {
    const customers = await customerPage(sql, lastId);
    if (!customers.length) break;
    const after = lastId;
    lastId = customers[customers.length - 1].id;
    // Conversations and policies of the page's id range; rows of customers outside the audience are ignored.
    const reach = await reachInRange(sql, after, lastId);
    const policies = await activePoliciesOf(sql, after, lastId, ymd);

    const rows: OutboxRow[] = [];
    for (const c of customers) {
      const birthday = c.birthday ? ymd(c.birthday) : null;
      const due = dueGreetings({ id: c.id, birthday, lunarBirthday: Boolean(c.lunarBirthday) }, day, policies.get(c.id));
      if (!due.length) continue;
      const where = reach.get(c.id);
      if (where?.identityOptedOut) {
        count(result, 'excluded_opted_out');
        continue;
      }
      const [first, ...rest] = due;
      const text = render({ name: c.name, gender: c.gender, language: toLang(c.language), vipTier: c.vipTier }, first);
      const channel = where?.channel ?? null;
      rows.push({ kind: 'greeting', customerId: c.id, channel, notBefore, key: first.key, occasion: first.occasion, text, status: where ? 'planned' : 'skipped', skipReason: where ? null : 'no_channel' });
      if (!where) count(result, 'skipped_no_channel');
      for (const r of rest) rows.push({ kind: 'greeting', customerId: c.id, channel, notBefore, key: r.key, occasion: r.occasion, text: '', status: 'skipped', skipReason: `same_day:${first.occasion}` });
    }
    const written = ctx.dryRun ? await countNewOutbox(sql, rows) : await insertOutbox(sql, rows, now);
    planned += written.planned;
    count(result, 'skipped_recorded', written.skipped);
    ctx.progress?.tick(customers.length);
  }
  return planned;
}

/** Active policies held by the customers with ids in (after, upTo], as anniversary candidates. */
async function activePoliciesOf(sql: SqlRunner, after: string, upTo: string, ymd: (v: Date | string) => string): Promise<Map<string, AnniversaryPolicy[]>> {
  const out = new Map<string, AnniversaryPolicy[]>();
  const rows = await sql.query<{ id: string; holderId: string; product: string; effectiveDate: Date | string }>(
    `SELECT "id", "holderId", "product", "effectiveDate" FROM "Policy" WHERE "status" = 'active' AND "holderId" > ? AND "holderId" <= ?`,
    [after, upTo],
  );
  for (const p of rows) {
    const list = out.get(p.holderId) ?? [];
    list.push({ id: p.id, product: p.product, effectiveDate: ymd(p.effectiveDate) });
    out.set(p.holderId, list);
  }
  return out;
}
