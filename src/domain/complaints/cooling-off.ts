import type { Db } from '../../db/client.ts';

/** A policy whose cooling-off period (犹豫期) has not ended, as the complaint dialog mentions it. */
export interface CoolingOffPolicy {
  id: string;
  number: string;
  product: string;
  /** ISO time the cooling-off period ends. */
  coolingOffEnd: string;
}

/**
 * The customer's policies (as policyholder — only the holder may surrender) still in their cooling-off period at
 * `now`, most recently bought first. Within it a surrender refunds the premiums paid (less at most 10 yuan), so a
 * customer complaining about a mis-sale should hear that before anything else: it is usually what they want.
 */
export async function policiesInCoolingOff(db: Db, customerId: string, now: Date): Promise<CoolingOffPolicy[]> {
  const rows = await db.policy.findMany({
    where: { holderId: customerId, status: 'active', coolingOffEnd: { gt: now } },
    orderBy: { effectiveDate: 'desc' },
    take: 3,
  });
  return rows.map((p) => ({ id: p.id, number: p.number, product: p.product, coolingOffEnd: p.coolingOffEnd!.toISOString() }));
}
