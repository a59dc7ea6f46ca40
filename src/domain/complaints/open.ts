import type { Db } from '../../db/client.ts';
import type { Complaint } from '../../generated/sqlite/client.ts';
import { OPEN_STATUSES } from './types.ts';

/**
 * A verified customer's complaints still being handled (received, waiting for materials, accepted), newest first:
 * mentioned before a new complaint is opened, so the same matter is not filed twice.
 */
export async function openComplaintsOf(db: Db, customerId: string, take = 3): Promise<Complaint[]> {
  return db.complaint.findMany({
    where: { customerId, status: { in: [...OPEN_STATUSES] } },
    orderBy: { receivedAt: 'desc' },
    take,
  });
}

/**
 * Links to the customer the complaints this channel identity filed before it was verified (they were brought by
 * the same person, who has now proved who they are), so they show in the customer view and in "我的投诉".
 * Returns how many were linked.
 */
export async function claimIdentityComplaints(db: Db, identityId: string, customerId: string): Promise<number> {
  const r = await db.complaint.updateMany({ where: { identityId, customerId: null }, data: { customerId } });
  return r.count;
}
