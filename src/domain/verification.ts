import type { AnxinEvents } from '../core/events.ts';
import type { CoreDeps } from '../core/turn.ts';
import type { ChannelIdentity, Customer } from '../generated/sqlite/client.ts';
import { maskPhone } from './pii.ts';
import { alertTargetCustomers } from './verify-alert.ts';
import {
  ADDRESS_POLICY,
  addressKey,
  claimNotice,
  releaseAll,
  reserveAttempt,
  TARGET_POLICY,
  targetKey,
  type CounterKind,
  type Reservation,
  type VerifyTarget,
} from './verify-attempts.ts';

/** Failed attempts before verification locks, and for how long (issue: three failures lock it for 30 minutes). */
export const MAX_VERIFY_FAILURES = 3;
export const VERIFY_LOCK_MS = 30 * 60_000;

export type VerifyClaim = { phone: string; idLast4: string } | { policyNumber: string; name: string };

/**
 * Refused before checking. Without `scope` it is the chat identity's own lock; `target` (the number tried) and
 * `address` (the network address) are the counters a visitor cannot reset by changing identity. `delayed` is a
 * growing pause between failures rather than a lock.
 */
export type AttemptRefused = { ok: false; reason: 'locked'; lockedUntil: Date; scope?: CounterKind; delayed?: boolean };

export type VerifyResult = { ok: true; customer: Customer } | { ok: false; reason: 'mismatch'; remaining: number } | AttemptRefused;

/**
 * What an identity check needs: the database, clock and config (ANXIN_ID_SECRET keys the counters), and — when
 * run inside a turn — the inbound message, whose `sourceAddress` is counted too; `events` carries a staff alert.
 */
export type AttemptDeps = Pick<CoreDeps, 'db' | 'clock' | 'config'> & {
  inbound?: { sourceAddress?: string };
  events?: AnxinEvents;
  logger?: Pick<CoreDeps['logger'], 'error'>;
};

const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/**
 * Links a channel identity to a customer: mobile number + last 4 of the ID number, or policy number + holder (or
 * insured) name. Three failures lock the identity for 30 minutes; failures also count against the number tried and
 * the network address (see {@link lockedAttempt}). Never says which part was wrong.
 */
export async function verifyIdentity(deps: AttemptDeps, identityId: string, claim: VerifyClaim): Promise<VerifyResult> {
  const target: VerifyTarget = 'phone' in claim ? { phone: claim.phone } : { policyNumber: claim.policyNumber };
  const r = await lockedAttempt(
    deps,
    identityId,
    async () => {
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
    },
    target,
  );
  return r.ok ? { ok: true, customer: r.value } : r;
}

export type AttemptResult<T> = { ok: true; value: T } | { ok: false; reason: 'mismatch'; remaining: number } | AttemptRefused;

/**
 * Runs one identity check under three attempt counters (issue 12):
 * - the channel identity's: three failures lock it for 30 minutes, a success resets it;
 * - the `target`'s (the mobile / policy number / plate whose secret is guessed), from any identity: delays from
 *   the 4th failure, locked for a day at the 10th — the right answer is then refused too;
 * - the network address's (`deps.inbound.sourceAddress`; none on WeChat): delays from the 11th, locked at the 20th.
 * Target and address attempts are counted before the check runs and given back when it passes (see
 * src/domain/verify-attempts.ts). At the 5th failure on a target the customer behind it is told on their own
 * channel, once per window. Every check that proves who someone is (verification, the claim flow's policy-owner
 * check) goes through here, so guesses cannot be spread across them.
 */
export async function lockedAttempt<T>(
  deps: AttemptDeps,
  identityId: string,
  check: () => Promise<T | null>,
  target?: VerifyTarget,
): Promise<AttemptResult<T>> {
  const now = deps.clock.now();
  const identity = await deps.db.channelIdentity.findUniqueOrThrow({ where: { id: identityId } });
  if (identity.verifyLockedUntil && identity.verifyLockedUntil > now) return { ok: false, reason: 'locked', lockedUntil: identity.verifyLockedUntil };

  const secret = deps.config.ANXIN_ID_SECRET;
  const counters: Array<{ kind: CounterKind; key: string | null }> = [
    { kind: 'target', key: target ? targetKey(secret, target) : null },
    { kind: 'address', key: addressKey(secret, deps.inbound?.sourceAddress) },
  ];
  const taken: Reservation[] = [];
  let targetReservation: Reservation | undefined;
  for (const c of counters) {
    if (!c.key) continue;
    const r = await reserveAttempt(deps.db, now, c.kind, c.key, c.kind === 'target' ? TARGET_POLICY : ADDRESS_POLICY);
    if (!r.ok) {
      await releaseAll(deps.db, taken);
      return { ok: false, reason: 'locked', lockedUntil: r.refusal.until, scope: r.refusal.scope, ...(r.refusal.locked ? {} : { delayed: true }) };
    }
    taken.push(r.reservation);
    if (c.kind === 'target') targetReservation = r.reservation;
  }

  const value = await check();
  if (value !== null) {
    await releaseAll(deps.db, taken);
    if (identity.verifyFailures || identity.verifyLockedUntil) {
      await deps.db.channelIdentity.update({ where: { id: identityId }, data: { verifyFailures: 0, verifyLockedUntil: null } });
    }
    return { ok: true, value };
  }
  if (target && targetReservation) await afterTargetFailure(deps, target, targetReservation, now);

  const failures = identity.verifyFailures + 1;
  if (failures >= MAX_VERIFY_FAILURES) {
    const lockedUntil = new Date(now.getTime() + VERIFY_LOCK_MS);
    await deps.db.channelIdentity.update({ where: { id: identityId }, data: { verifyFailures: 0, verifyLockedUntil: lockedUntil } });
    return { ok: false, reason: 'locked', lockedUntil };
  }
  await deps.db.channelIdentity.update({ where: { id: identityId }, data: { verifyFailures: failures } });
  return { ok: false, reason: 'mismatch', remaining: MAX_VERIFY_FAILURES - failures };
}

/** Tells the customer behind a much-tried target (once per window) and staff when the target locks. */
async function afterTargetFailure(deps: AttemptDeps, target: VerifyTarget, r: Reservation, now: Date): Promise<void> {
  try {
    if (await claimNotice(deps.db, r, now)) await alertTargetCustomers(deps, target, `${r.id}:${r.after.windowStart.getTime()}`, now);
  } catch (err) {
    // Telling the customer must never turn a refused guess into an error the attacker can observe.
    deps.logger?.error({ err }, 'verification alert could not be planned');
  }
  if (r.after.lockedUntil) {
    const what = 'phone' in target ? `mobile ${maskPhone(target.phone)}` : 'policyNumber' in target ? `policy …${target.policyNumber.slice(-4)}` : 'a plate';
    deps.events?.emit('staff.alert', { kind: 'verify_target_locked', text: `Identity checks for ${what} locked until ${r.after.lockedUntil.toISOString()} after ${r.after.failures} failed attempts.` });
  }
}

/**
 * Whether a channel identity's verification still holds: verified (verifiedAt set) less than
 * ANXIN_VERIFY_TTL_MINUTES ago. An identity linked to a customer but past this is treated as unverified — asked to
 * verify again before any personal data is shown — while the link itself stays (the bot may still speak first there).
 */
export function verificationFresh(identity: Pick<ChannelIdentity, 'customerId' | 'verifiedAt'>, now: Date, ttlMinutes: number): boolean {
  if (!identity.customerId || !identity.verifiedAt) return false;
  return now.getTime() - identity.verifiedAt.getTime() < ttlMinutes * 60_000;
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
