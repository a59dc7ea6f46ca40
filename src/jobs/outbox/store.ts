import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { sqlTime } from '../../domain/import/bulk-upsert.ts';

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
// SQLite allows 32,766 bound parameters per statement.
const ROWS_PER_STATEMENT = Math.floor(30_000 / COLUMNS.length);

/**
 * A planned row may replace a row skipped only because the customer had no conversation yet (they have one
 * now); every other existing key stays as it is — that is the once-per-key guarantee.
 */
const ON_CONFLICT_PLANNED =
  `ON CONFLICT ("key") DO UPDATE SET "status" = 'planned', "skipReason" = NULL, "channel" = excluded."channel", ` +
  `"text" = excluded."text", "notBefore" = excluded."notBefore", "updatedAt" = excluded."updatedAt" ` +
  `WHERE "OutboxMessage"."status" = 'skipped' AND "OutboxMessage"."skipReason" = 'no_channel'`;

/**
 * Writes planned and skipped rows with multi-row INSERTs; an existing key is left alone (see above), so a re-run
 * plans nothing new. Returns how many rows were newly planned and newly recorded as skipped.
 */
export async function insertOutbox(db: Db, rows: readonly OutboxRow[], now: Date): Promise<{ planned: number; skipped: number }> {
  const at = sqlTime(now);
  const values = (r: OutboxRow) => [randomUUID(), r.key, r.kind, r.occasion, r.customerId, r.channel, r.text, r.status, r.skipReason ?? null, sqlTime(r.notBefore), 0, at, at];
  const write = async (list: readonly OutboxRow[], conflict: string): Promise<number> => {
    let changed = 0;
    for (let i = 0; i < list.length; i += ROWS_PER_STATEMENT) {
      const chunk = list.slice(i, i + ROWS_PER_STATEMENT);
      const tuple = `(${COLUMNS.map(() => '?').join(',')})`;
      changed += await db.$executeRawUnsafe(
        `INSERT INTO "OutboxMessage" (${COLUMNS.map((c) => `"${c}"`).join(',')}) VALUES ${chunk.map(() => tuple).join(',')} ${conflict}`,
        ...chunk.flatMap(values),
      );
    }
    return changed;
  };
  const planned = await write(rows.filter((r) => r.status === 'planned'), ON_CONFLICT_PLANNED);
  const skipped = await write(rows.filter((r) => r.status === 'skipped'), 'ON CONFLICT ("key") DO NOTHING');
  return { planned, skipped };
}

/** What {@link insertOutbox} would write, without writing (dry runs). */
export async function countNewOutbox(db: Db, rows: readonly OutboxRow[]): Promise<{ planned: number; skipped: number }> {
  const existing = new Map<string, { status: string; skipReason: string | null }>();
  for (let i = 0; i < rows.length; i += 900) {
    const found = await db.outboxMessage.findMany({
      where: { key: { in: rows.slice(i, i + 900).map((r) => r.key) } },
      select: { key: true, status: true, skipReason: true },
    });
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
