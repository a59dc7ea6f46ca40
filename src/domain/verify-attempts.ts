import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import type { Db } from '../db/client.ts';
import type { VerifyAttempt } from '../generated/sqlite/client.ts';

/*
 * Failed identity checks counted beyond the chat identity (issue 12). A web visitor chooses its own userId, so the
 * per-identity counter on ChannelIdentity alone let an attacker try 2 codes per fresh userId for ever. These
 * counters are keyed by what the attacker cannot change at will: the TARGET (the mobile number, policy number or
 * plate whose secret is being guessed) and the network ADDRESS the guesses come from.
 *
 * Each key gets a few free failures, then a growing delay (doubling) before the next check, then a lock during
 * which even the right answer is refused. The window is rolling: it starts at the first failure; once it has passed
 * (and no lock holds) the count starts again.
 *
 * An attempt is RESERVED before the check runs — counted as a failure by a compare-and-swap on the row — and given
 * back when the check passes. So parallel guesses cannot all slip through on the same count: the n-th concurrent
 * reservation sees n-1 and its own delay applies to the next.
 */

/** How one kind of key is limited. */
export interface AttemptPolicy {
  /** Failures in the window before any delay. */
  freeFailures: number;
  /** Delay after the first failure past the free ones; doubles with each further failure. */
  firstDelayMs: number;
  /** The delay never grows beyond this. */
  maxDelayMs: number;
  /** This many failures in the window lock the key. */
  lockAfter: number;
  lockMs: number;
  windowMs: number;
}

const MIN = 60_000;
const HOUR = 60 * MIN;

/** A mobile / policy number / plate: 10 failures lock it for a day (the bar in issue 12), delays from the 4th. */
export const TARGET_POLICY: AttemptPolicy = { freeFailures: 3, firstDelayMs: MIN, maxDelayMs: HOUR, lockAfter: 10, lockMs: 24 * HOUR, windowMs: 24 * HOUR };
/**
 * A network address (IPv6 by /64): generous, because offices and mobile carriers put many customers behind one
 * address — 10 free failures a day, then delays, locked for a day at 20.
 */
export const ADDRESS_POLICY: AttemptPolicy = { freeFailures: 10, firstDelayMs: MIN, maxDelayMs: HOUR, lockAfter: 20, lockMs: 24 * HOUR, windowMs: 24 * HOUR };
/** The customer behind a target is told once per window, at this many failures. */
export const NOTIFY_AFTER = 5;

export type CounterKind = 'target' | 'address';

/** What is being proved: the secret of this number is guessed. */
export type VerifyTarget = { phone: string } | { policyNumber: string } | { plate: string };

/** A refusal before the check runs: `locked` (for `lockMs`) or only delayed. */
export interface AttemptRefusal {
  scope: CounterKind;
  until: Date;
  locked: boolean;
}

/** An attempt counted in advance; hand it to {@link releaseAttempt} when the check passed. */
export interface Reservation {
  id: string;
  failures: number;
  before: Pick<VerifyAttempt, 'failures' | 'windowStart' | 'blockedUntil' | 'lockedUntil'>;
  /** The row after counting this attempt as a failure. */
  after: VerifyAttempt;
}

const hmac = (secret: string, value: string) => createHmac('sha256', secret).update(value).digest('hex').slice(0, 32);

/** The stored key of a target: an HMAC, so the table never holds the numbers that were tried. */
export function targetKey(secret: string, target: VerifyTarget): string {
  if ('phone' in target) return `phone:${hmac(secret, target.phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, ''))}`;
  if ('policyNumber' in target) return `policy:${hmac(secret, target.policyNumber.replace(/\s+/g, '').toUpperCase())}`;
  return `plate:${hmac(secret, target.plate.replace(/\s+/g, '').toUpperCase())}`;
}

/** Expands an IPv6 address to its 8 groups (no zone id). */
function ipv6Groups(ip: string): string[] {
  const [head, tail] = ip.split('::');
  const part = (s: string | undefined) => (s ? s.split(':') : []);
  const h = part(head);
  const t = tail === undefined ? [] : part(tail);
  const fill = tail === undefined ? [] : Array(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((g) => g.toLowerCase().padStart(4, '0'));
}

/**
 * The address a counter is kept for: IPv4 as is (also when IPv4-mapped, `::ffff:1.2.3.4`), IPv6 by its /64 — one
 * subscriber usually holds a whole /64 and could otherwise pick a fresh address per guess. Null when not an IP.
 */
export function normalizeAddress(address: string | undefined): string | null {
  if (!address) return null;
  const ip = address.trim().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1];
  const v = isIP(ip);
  if (v === 4) return ip;
  if (v === 6) return `${ipv6Groups(ip).slice(0, 4).join(':')}::/64`;
  return null;
}

/** The stored key of an address (an HMAC too), or null when there is none (WeChat). */
export function addressKey(secret: string, address: string | undefined): string | null {
  const a = normalizeAddress(address);
  return a ? `ip:${hmac(secret, a)}` : null;
}

/** The delay before the next check after `failures` failures in the window. */
export function delayAfter(policy: AttemptPolicy, failures: number): number {
  if (failures <= policy.freeFailures) return 0;
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (failures - policy.freeFailures - 1));
}

/**
 * Counts one attempt on `key` as a failure before the check runs, or refuses it while the key is locked or
 * delayed. Retries its compare-and-swap when a concurrent attempt changed the row first.
 */
export async function reserveAttempt(db: Db, now: Date, kind: CounterKind, key: string, policy: AttemptPolicy): Promise<{ ok: true; reservation: Reservation } | { ok: false; refusal: AttemptRefusal }> {
  for (let tries = 0; tries < 20; tries++) {
    const row = await db.verifyAttempt.findUnique({ where: { kind_key: { kind, key } } });
    if (row?.lockedUntil && row.lockedUntil > now) return { ok: false, refusal: { scope: kind, until: row.lockedUntil, locked: true } };
    if (row?.blockedUntil && row.blockedUntil > now) return { ok: false, refusal: { scope: kind, until: row.blockedUntil, locked: false } };
    const fresh = !row || now.getTime() - row.windowStart.getTime() >= policy.windowMs;
    const failures = (fresh ? 0 : row.failures) + 1;
    const windowStart = fresh ? now : row.windowStart;
    const locks = failures >= policy.lockAfter;
    const data = {
      failures,
      windowStart,
      blockedUntil: locks ? null : new Date(now.getTime() + delayAfter(policy, failures)),
      lockedUntil: locks ? new Date(now.getTime() + policy.lockMs) : null,
      ...(fresh ? { notifiedAt: null } : {}),
    };
    if (!row) {
      try {
        const after = await db.verifyAttempt.create({ data: { kind, key, ...data } });
        return { ok: true, reservation: { id: after.id, failures, before: { failures: 0, windowStart: now, blockedUntil: null, lockedUntil: null }, after } };
      } catch {
        continue; // created concurrently: read it again
      }
    }
    const won = await db.verifyAttempt.updateMany({ where: { id: row.id, failures: row.failures, windowStart: row.windowStart }, data });
    if (won.count === 1) {
      const after = { ...row, ...data, notifiedAt: fresh ? null : row.notifiedAt };
      return { ok: true, reservation: { id: row.id, failures, before: row, after } };
    }
  }
  // Constant contention on one key is itself an attack: refuse rather than loop.
  return { ok: false, refusal: { scope: kind, until: new Date(now.getTime() + policy.firstDelayMs), locked: false } };
}

/**
 * The check passed: the reserved failure is taken back (the row as it was before), unless another attempt has
 * counted since — then this one stays counted, erring on the safe side.
 */
export async function releaseAttempt(db: Db, r: Reservation): Promise<void> {
  const { failures, windowStart, blockedUntil, lockedUntil } = r.before;
  await db.verifyAttempt.updateMany({ where: { id: r.id, failures: r.failures }, data: { failures, windowStart, blockedUntil, lockedUntil } });
}

/** Gives back several reservations (one refused after others were taken). */
export async function releaseAll(db: Db, rs: readonly Reservation[]): Promise<void> {
  for (const r of rs) await releaseAttempt(db, r);
}

/**
 * Marks the target row as notified for its window, once: true for the one caller that wins (and should tell the
 * customer), false for everyone after.
 */
export async function claimNotice(db: Db, r: Reservation, now: Date): Promise<boolean> {
  if (r.after.failures < NOTIFY_AFTER) return false;
  const won = await db.verifyAttempt.updateMany({ where: { id: r.id, notifiedAt: null }, data: { notifiedAt: now } });
  return won.count === 1;
}
