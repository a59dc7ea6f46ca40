import type { Db } from '../../db/client.ts';

/** Where the bot can speak first to a customer: a conversation whose stored ref addresses them on a channel. */
export interface Reach {
  conversationId: string;
  channel: string;
  language: string;
  /** Some channel identity of the customer said 退订 before it was linked to the customer. */
  identityOptedOut: boolean;
}

/** WeChat first (where customers read messages), the web chat last (only seen when the page is open). */
const rank = (channel: string) => (channel === 'wechat' ? 0 : channel === 'web' ? 2 : 1);

/**
 * The best conversation per customer, for a page of customers (ids in chunks so the statement stays small).
 * Customers with no conversation are absent from the map: nobody can be messaged there.
 */
export async function reachFor(db: Db, customerIds: readonly string[]): Promise<Map<string, Reach>> {
  const out = new Map<string, Reach & { lastInboundAt: number }>();
  for (let i = 0; i < customerIds.length; i += 900) {
    const rows = await db.conversation.findMany({
      where: { customerId: { in: customerIds.slice(i, i + 900) } },
      select: { id: true, channel: true, customerId: true, language: true, lastInboundAt: true, identity: { select: { optedOutAt: true } } },
    });
    for (const r of rows) {
      const id = r.customerId!;
      const optedOut = r.identity.optedOutAt !== null;
      const candidate = {
        conversationId: r.id,
        channel: r.channel,
        language: r.language,
        identityOptedOut: optedOut,
        lastInboundAt: r.lastInboundAt?.getTime() ?? 0,
      };
      const best = out.get(id);
      const better =
        !best ||
        rank(candidate.channel) < rank(best.channel) ||
        (rank(candidate.channel) === rank(best.channel) && candidate.lastInboundAt > best.lastInboundAt);
      if (better) out.set(id, { ...candidate, identityOptedOut: optedOut || Boolean(best?.identityOptedOut) });
      else if (optedOut) best.identityOptedOut = true;
    }
  }
  return out;
}
