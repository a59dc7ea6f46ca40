import type { Db } from '../../db/client.ts';
import { prismaRunner, type SqlRunner } from '../../domain/import/bulk-upsert.ts';

/** Where the bot can speak first to a customer: a conversation whose stored ref addresses them on a channel. */
export interface Reach {
  conversationId: string;
  channel: string;
  language: string;
  /** Some channel identity of the customer said 退订 (possibly before it was linked to the customer). */
  identityOptedOut: boolean;
}

/** WeChat first (where customers read messages), the web chat last (only seen when the page is open). */
const rank = (channel: string) => (channel === 'wechat' ? 0 : channel === 'web' ? 2 : 1);
/** Raw SQL returns dates as Date (Prisma) or as the stored ISO text (better-sqlite3). */
const ms = (v: unknown) => (v === null || v === undefined ? 0 : v instanceof Date ? v.getTime() : Date.parse(String(v)));
const marks = (n: number) => Array(n).fill('?').join(',');

type ConversationRow = { id: string; channel: string; customerId: string; language: string; lastInboundAt: unknown };
const CONVERSATION_COLUMNS = '"id", "channel", "customerId", "language", "lastInboundAt"';

/** Keeps the best conversation per customer (see {@link rank}), flagging customers with an opted-out identity. */
function pick(out: Map<string, Reach & { lastInboundAt: number }>, rows: ConversationRow[], stopped: Set<string>): void {
  for (const r of rows) {
    const candidate = { conversationId: r.id, channel: r.channel, language: r.language, identityOptedOut: stopped.has(r.customerId), lastInboundAt: ms(r.lastInboundAt) };
    const best = out.get(r.customerId);
    const better =
      !best ||
      rank(candidate.channel) < rank(best.channel) ||
      (rank(candidate.channel) === rank(best.channel) && candidate.lastInboundAt > best.lastInboundAt);
    if (better) out.set(r.customerId, candidate);
  }
}

/**
 * The best conversation per customer, for a list of customers (ids in chunks so each statement stays small).
 * Customers with no conversation are absent from the map: nobody can be messaged there. Plain SQL so bulk
 * planning can run it on its fast SQLite connection; {@link reachFor} runs it through Prisma.
 */
export async function reachForSql(sql: SqlRunner, customerIds: readonly string[]): Promise<Map<string, Reach>> {
  const out = new Map<string, Reach & { lastInboundAt: number }>();
  for (let i = 0; i < customerIds.length; i += 900) {
    const chunk = customerIds.slice(i, i + 900);
    const rows = await sql.query<ConversationRow>(`SELECT ${CONVERSATION_COLUMNS} FROM "Conversation" WHERE "customerId" IN (${marks(chunk.length)})`, chunk);
    const optedOut = await sql.query<{ customerId: string }>(
      `SELECT "customerId" FROM "ChannelIdentity" WHERE "optedOutAt" IS NOT NULL AND "customerId" IN (${marks(chunk.length)})`,
      chunk,
    );
    pick(out, rows, new Set(optedOut.map((o) => o.customerId)));
  }
  return out;
}

/**
 * Same for every customer whose id is in (after, upTo] — a page of customers read in id order. Two fixed
 * statements on the customerId indexes instead of long IN lists: the planner's per-page cost.
 */
export async function reachInRange(sql: SqlRunner, after: string, upTo: string): Promise<Map<string, Reach>> {
  const out = new Map<string, Reach & { lastInboundAt: number }>();
  const rows = await sql.query<ConversationRow>(`SELECT ${CONVERSATION_COLUMNS} FROM "Conversation" WHERE "customerId" > ? AND "customerId" <= ?`, [after, upTo]);
  const optedOut = await sql.query<{ customerId: string }>(
    'SELECT "customerId" FROM "ChannelIdentity" WHERE "optedOutAt" IS NOT NULL AND "customerId" > ? AND "customerId" <= ?',
    [after, upTo],
  );
  pick(out, rows, new Set(optedOut.map((o) => o.customerId)));
  return out;
}

/** {@link reachForSql} through Prisma (the send loop, callbacks). */
export function reachFor(db: Db, customerIds: readonly string[]): Promise<Map<string, Reach>> {
  return reachForSql(prismaRunner(db), customerIds);
}
