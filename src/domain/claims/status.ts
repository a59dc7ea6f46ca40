import type { Claim, Policy } from '../../generated/sqlite/client.ts';
import type { CoreDeps } from '../../core/turn.ts';

/** Who is asking: the verified customer (if any) and the conversation (one per channel identity). */
export interface ClaimRequester {
  customerId?: string | null;
  conversationId: string;
}

export type ClaimWithPolicy = Claim & { policy: Pick<Policy, 'number' | 'line' | 'product'> };

export const CLAIM_STATUSES = ['reported', 'in_review', 'awaiting_documents', 'approved', 'paid', 'closed', 'rejected'] as const;

/**
 * Whether a requester may see a claim: it is the verified customer's own, or it was reported from this very
 * conversation (the same channel identity, before or without verification). Nobody else's, ever.
 */
export function mayView(claim: Pick<Claim, 'customerId' | 'conversationId'>, who: ClaimRequester): boolean {
  return Boolean((who.customerId && claim.customerId === who.customerId) || (claim.conversationId && claim.conversationId === who.conversationId));
}

/**
 * Looks a claim up by report number for a requester. `not_visible` covers both "no such claim" and "someone
 * else's", so the answer never tells whether a number exists.
 */
export async function findClaimFor(
  deps: Pick<CoreDeps, 'db'>,
  number: string,
  who: ClaimRequester,
): Promise<{ ok: true; claim: ClaimWithPolicy } | { ok: false; reason: 'not_visible' }> {
  const claim = await deps.db.claim.findUnique({
    where: { number: number.toUpperCase() },
    include: { policy: { select: { number: true, line: true, product: true } } },
  });
  if (!claim || !mayView(claim, who)) return { ok: false, reason: 'not_visible' };
  return { ok: true, claim };
}

/** The requester's most recent claims (own as customer, or reported from this conversation), newest first. */
export async function recentClaimsFor(deps: Pick<CoreDeps, 'db'>, who: ClaimRequester, take = 5): Promise<ClaimWithPolicy[]> {
  const or: Array<Record<string, string>> = [{ conversationId: who.conversationId }];
  if (who.customerId) or.push({ customerId: who.customerId });
  return deps.db.claim.findMany({
    where: { OR: or },
    orderBy: { createdAt: 'desc' },
    take,
    include: { policy: { select: { number: true, line: true, product: true } } },
  });
}

/** Catalog keys (namespace `claim`) for a status in plain words and what happens next. */
export function statusKeys(status: string): { status: string; next: string } {
  const s = (CLAIM_STATUSES as readonly string[]).includes(status) ? status : 'reported';
  return { status: `claim:status.${s}`, next: `claim:statusNext.${s}` };
}

/** Statuses of a claim that is still being handled (not yet paid, closed or rejected). */
export const OPEN_CLAIM_STATUSES = ['reported', 'in_review', 'awaiting_documents', 'approved'] as const;

/**
 * The open claims on one policy, newest first — so a second report on the same policy can mention the first one
 * before a duplicate is filed. Only the customer's own claims, as {@link mayView} allows: an insured person does
 * not learn of the holder's claims this way.
 */
export async function openClaimsOn(deps: Pick<CoreDeps, 'db'>, policyId: string, customerId: string, take = 3): Promise<Pick<Claim, 'number' | 'status' | 'incidentAt'>[]> {
  return deps.db.claim.findMany({
    where: { policyId, customerId, status: { in: [...OPEN_CLAIM_STATUSES] } },
    orderBy: { createdAt: 'desc' },
    take,
    select: { number: true, status: true, incidentAt: true },
  });
}
