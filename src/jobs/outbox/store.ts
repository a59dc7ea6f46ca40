import type { Db } from '../../db/client.ts';
import { prismaRunner, sqlTime, type SqlRunner } from '../../domain/import/bulk-upsert.ts';
import { newId } from '../../domain/import/new-id.ts';

/** One outbound message planned by a job (written before anything is sent). */
export interface OutboxRow {
  /** Exactly-once key, e.g. `greeting:spring_festival:2027:<customerId>`. */
  key: string;
  kind: 'greeting' | 'reminder';
  occasion: string | null;
  customerId: string;
  channel: string | null;
  text: string;
  status: 'planned' | 'skipped';
  skipReason?: string | null;
  notBefore: Date;
}

const COLUMNS = ['id', 'key', 'kind', 'occasion', 'customerId', 'channel', 'text', 'status', 'skipReason', 'notBefore', 'attempts', 'createdAt', 'updatedAt'];
/** Rows per INSERT: 512 × 13 values stays far below SQLite's 32,766 bound parameters. */
const MAX_ROWS_PER_STATEMENT = 512;

/**
 * Splits n rows into statement sizes from a fixed set (512, then powers of two): a handful of distinct statements
 * whatever the page sizes, so a connection that caches prepared statements (the better-sqlite3 runner) reuses
 * them instead of preparing — and keeping — a new 2,000-row statement for every page.
 */
function statementSizes(n: number): number[] {
  const sizes: number[] = [];
  let left = n;
  while (left >= MAX_ROWS_PER_STATEMENT) {
    sizes.push(MAX_ROWS_PER_STATEMENT);
    left -= MAX_ROWS_PER_STATEMENT;
  }
  for (let size = MAX_ROWS_PER_STATEMENT / 2; size >= 1; size /= 2) {
    if (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}

/**
 * A planned row may replace a row skipped only because the customer had no conversation yet (they have one
 * now); every other existing key stays as it is — that is the once-per-key guarantee.
 */
const ON_CONFLICT_PLANNED =
  `ON CONFLICT ("key") DO UPDATE SET "status" = 'planned', "skipReason" = NULL, "channel" = excluded."channel", ` +
  `"text" = excluded."text", "notBefore" = excluded."notBefore", "updatedAt" = excluded."updatedAt" ` +
  `WHERE "OutboxMessage"."status" = 'skipped' AND "OutboxMessage"."skipReason" = 'no_channel'`;

const TUPLE = `(${COLUMNS.map(() => '?').join(',')})`;
const HEAD = `INSERT INTO "OutboxMessage" (${COLUMNS.map((c) => `"${c}"`).join(',')}) VALUES `;
const statements = new Map<string, string>();
/** The INSERT for `rows` rows with its conflict clause, built once per size (a handful of sizes, see above). */
function insertSql(rows: number, conflict: string): string {
  const key = `${rows}:${conflict}`;
  let sql = statements.get(key);
  if (!sql) statements.set(key, (sql = `${HEAD}${Array(rows).fill(TUPLE).join(',')} ${conflict}`));
  return sql;
}

/**
 * Writes planned and skipped rows with multi-row INSERTs; an existing key is left alone (see above), so a re-run
 * plans nothing new. Returns how many rows were newly planned and newly recorded as skipped.
 *
 * Ids are one random, time-ordered prefix per call plus a counter: unique, and 100,000 inserts append to the
 * primary key instead of splitting pages at random. Values go straight into one flat array per statement — this
 * runs for every customer on a festival, so it allocates as little as it can.
 */
export async function insertOutbox(sql: SqlRunner | Db, rows: readonly OutboxRow[], now: Date): Promise<{ planned: number; skipped: number }> {
  const runner = 'execute' in sql ? sql : prismaRunner(sql);
  const at = sqlTime(now);
  const prefix = newId(now.getTime());
  let seq = 0;
  const times = new Map<number, string | null>();
  const time = (d: Date) => {
    let v = times.get(d.getTime());
    if (v === undefined) times.set(d.getTime(), (v = sqlTime(d)));
    return v;
  };
  const write = async (list: readonly OutboxRow[], conflict: string): Promise<number> => {
    let changed = 0;
    let i = 0;
    for (const size of statementSizes(list.length)) {
      const values: unknown[] = [];
      for (const end = i + size; i < end; i++) {
        const r = list[i];
        values.push(`${prefix}${(seq++).toString(36).padStart(5, '0')}`, r.key, r.kind, r.occasion, r.customerId, r.channel, r.text, r.status, r.skipReason ?? null, time(r.notBefore), 0, at, at);
      }
      changed += await runner.execute(insertSql(size, conflict), values);
    }
    return changed;
  };
  const planned: OutboxRow[] = [];
  const skipped: OutboxRow[] = [];
  for (const r of rows) (r.status === 'planned' ? planned : skipped).push(r);
  return { planned: await write(planned, ON_CONFLICT_PLANNED), skipped: await write(skipped, 'ON CONFLICT ("key") DO NOTHING') };
}

/** What {@link insertOutbox} would write, without writing (dry runs). */
export async function countNewOutbox(sql: SqlRunner | Db, rows: readonly OutboxRow[]): Promise<{ planned: number; skipped: number }> {
  const runner = 'execute' in sql ? sql : prismaRunner(sql);
  const existing = new Map<string, { status: string; skipReason: string | null }>();
  for (let i = 0; i < rows.length; i += 900) {
    const keys = rows.slice(i, i + 900).map((r) => r.key);
    const found = await runner.query<{ key: string; status: string; skipReason: string | null }>(
      `SELECT "key", "status", "skipReason" FROM "OutboxMessage" WHERE "key" IN (${keys.map(() => '?').join(',')})`,
      keys,
    );
    for (const f of found) existing.set(f.key, f);
  }
  let planned = 0;
  let skipped = 0;
  for (const r of rows) {
    const e = existing.get(r.key);
    if (r.status === 'planned' && (!e || (e.status === 'skipped' && e.skipReason === 'no_channel'))) planned++;
    else if (r.status === 'skipped' && !e) skipped++;
  }
  return { planned, skipped };
}

