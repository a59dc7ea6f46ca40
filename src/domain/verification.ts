import type { Customer } from '../generated/sqlite/client.ts';
import type { CoreDeps } from '../core/turn.ts';

/** Failed attempts before verification locks, and for how long (issue: three failures lock it for 30 minutes). */
export const MAX_VERIFY_FAILURES = 3;
export const VERIFY_LOCK_MS = 30 * 60_000;

export type VerifyClaim = { phone: string; idLast4: string } | { policyNumber: string; name: string };

export type VerifyResult =
  | { ok: true; customer: Customer }
  | { ok: false; reason: 'mismatch'; remaining: number }
  | { ok: false; reason: 'locked'; lockedUntil: Date };

const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/**
 * Links a channel identity to a customer: mobile number + last 4 of the ID number, or policy number + holder (or
 * insured) name. Three failures lock verification for 30 minutes. Never says which part was wrong.
 */
export async function verifyIdentity(deps: Pick<CoreDeps, 'db' | 'clock'>, identityId: string, claim: VerifyClaim): Promise<VerifyResult> {
  const r = await lockedAttempt(deps, identityId, async () => {
    if ('phone' in claim) {
      const candidates = await deps.db.customer.findMany({ where: { phone: claim.phone.replace(/\D/g, '') } });
      return candidates.find((c) => c.idMasked?.toUpperCase().endsWith(claim.idLast4.toUpperCase())) ?? null;
    }
    const policy = await deps.db.policy.findUnique({
      where: { number: claim.policyNumber.toUpperCase() },
      include: { holder: true, insured: true },
    });
    if (!policy) return null;
    const name = norm(claim.name);
    if (norm(policy.holder.name) === name) return policy.holder;
    return policy.insured && norm(policy.insured.name) === name ? policy.insured : null;
  });
  return r.ok ? { ok: true, customer: r.value } : r;
}

export type AttemptResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'mismatch'; remaining: number }
  | { ok: false; reason: 'locked'; lockedUntil: Date };

/**
 * Runs one identity check under the channel identity's attempt counter: refused while locked; a null from `check`
 * counts as a failure, and the third failure locks for 30 minutes; a success resets the counter. Every check that
 * proves who someone is (verification, the claim flow's policy-owner check) goes through here, so guesses cannot be
 * spread across them.
 */
export async function lockedAttempt<T>(deps: Pick<CoreDeps, 'db' | 'clock'>, identityId: string, check: () => Promise<T | null>): Promise<AttemptResult<T>> {
  const now = deps.clock.now();
  const identity = await deps.db.channelIdentity.findUniqueOrThrow({ where: { id: identityId } });
  if (identity.verifyLockedUntil && identity.verifyLockedUntil > now) return { ok: false, reason: 'locked', lockedUntil: identity.verifyLockedUntil };
  const value = await check();
  if (value !== null) {
    if (identity.verifyFailures || identity.verifyLockedUntil) {
      await deps.db.channelIdentity.update({ where: { id: identityId }, data: { verifyFailures: 0, verifyLockedUntil: null } });
    }
    return { ok: true, value };
  }
  const failures = identity.verifyFailures + 1;
  if (failures >= MAX_VERIFY_FAILURES) {
    const lockedUntil = new Date(now.getTime() + VERIFY_LOCK_MS);
    await deps.db.channelIdentity.update({ where: { id: identityId }, data: { verifyFailures: 0, verifyLockedUntil: lockedUntil } });
    return { ok: false, reason: 'locked', lockedUntil };
  }
  await deps.db.channelIdentity.update({ where: { id: identityId }, data: { verifyFailures: failures } });
  return { ok: false, reason: 'mismatch', remaining: MAX_VERIFY_FAILURES - failures };
}

/** Parses "13800138000 1234" or "LF2024000001 张伟" style answers into a verification claim. */
export function parseVerifyAnswer(text: string, entities: { phone?: string; policyNumber?: string }): VerifyClaim | null {
  if (entities.phone) {
    const rest = text.replace(entities.phone, ' ');
    const last4 = rest.match(/(?<![\dA-Za-z])(\d{3}[\dXx])(?![\dA-Za-z])/);
    if (last4) return { phone: entities.phone, idLast4: last4[1].toUpperCase() };
    return null;
  }
  if (entities.policyNumber) {
    const rest = text.replace(new RegExp(entities.policyNumber, 'i'), ' ').replace(/[，,。.:：;；\s]+/g, ' ').trim();
    const name = rest.replace(/^(姓名|名字|投保人|被保险人|name|is)\s*/i, '').trim();
    if (/^[\u4e00-\u9fff·]{2,6}$/.test(name) || /^[A-Za-z][A-Za-z .'-]{1,40}$/.test(name)) return { policyNumber: entities.policyNumber, name };
  }
  return null;
}
