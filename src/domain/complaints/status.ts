import type { Db } from '../../db/client.ts';
import { t, type Lang } from '../../i18n/index.ts';
import { displayDate } from './display-date.ts';
import type { ComplaintWithExtensions } from './types.ts';

/** Whose complaints a conversation may see: its own channel identity's, and the verified customer's. */
export interface Owner {
  identityId: string;
  customerId?: string | null;
}

const ownerFilter = (o: Owner) => [{ identityId: o.identityId }, ...(o.customerId ? [{ customerId: o.customerId }] : [])];

/**
 * A complaint by number, only when it belongs to the asker (filed from this channel identity, or the verified
 * customer's). Someone else's number gives null, exactly like an unknown one, so numbers cannot be probed.
 */
export async function findOwnComplaint(db: Db, number: string, owner: Owner): Promise<ComplaintWithExtensions | null> {
  return db.complaint.findFirst({
    where: { number: number.trim().toUpperCase(), OR: ownerFilter(owner) },
    include: { extensions: { orderBy: { createdAt: 'asc' } } },
  });
}

/** The asker's complaints, newest first. */
export async function listOwnComplaints(db: Db, owner: Owner, take = 5): Promise<ComplaintWithExtensions[]> {
  return db.complaint.findMany({
    where: { OR: ownerFilter(owner) },
    include: { extensions: { orderBy: { createdAt: 'asc' } } },
    orderBy: { receivedAt: 'desc' },
    take,
  });
}

/** One complaint as the complainant reads it: status, dates, extensions (with their reasons) and the decision. */
export function describeComplaint(lang: Lang, c: ComplaintWithExtensions): string {
  const lines = [
    t(lang, 'complaint:status.head', {
      number: c.number,
      category: t(lang, `complaint:category.${c.category}`),
      status: t(lang, `complaint:statusName.${c.status}`),
      received: displayDate(lang, c.receivedAt),
    }),
  ];
  const open = ['received', 'materials_requested', 'accepted'].includes(c.status);
  if (open && c.status === 'materials_requested' && c.supplyDeadline) lines.push(t(lang, 'complaint:status.supply', { date: displayDate(lang, c.supplyDeadline) }));
  if (open && c.status !== 'accepted') lines.push(t(lang, 'complaint:status.acceptance', { date: displayDate(lang, c.acceptanceDeadline) }));
  if (open && c.decisionDeadline) lines.push(t(lang, 'complaint:status.decision', { date: displayDate(lang, c.decisionDeadline) }));
  for (const e of c.extensions) lines.push(t(lang, 'complaint:status.extension', { date: displayDate(lang, e.newDeadline), reason: e.reason }));
  if (c.mergedCount > 0) lines.push(t(lang, 'complaint:status.merged', { count: c.mergedCount }));
  if (c.decision) lines.push(t(lang, 'complaint:status.decided', { date: displayDate(lang, c.decidedAt), decision: c.decision }));
  if (c.status === 'not_accepted' && c.notAcceptedReason) lines.push(t(lang, 'complaint:status.notAccepted', { reason: c.notAcceptedReason }));
  return lines.join('\n');
}
