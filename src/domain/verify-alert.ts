import type { CoreDeps } from '../core/turn.ts';
import type { Customer } from '../generated/sqlite/client.ts';
import { t, toLang } from '../i18n/index.ts';
import { reachFor } from '../jobs/outbox/reach.ts';
import type { VerifyTarget } from './verify-attempts.ts';

/** The customers whose secret a target guards: owners of the mobile number, holder and insured of the policy. */
async function customersBehind(db: CoreDeps['db'], target: VerifyTarget): Promise<Customer[]> {
  if ('phone' in target) return db.customer.findMany({ where: { phone: target.phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '') } });
  const include = { holder: true, insured: true } as const;
  const policy =
    'policyNumber' in target
      ? await db.policy.findUnique({ where: { number: target.policyNumber.replace(/\s+/g, '').toUpperCase() }, include })
      : await db.policy.findFirst({ where: { plate: target.plate.replace(/\s+/g, '').toUpperCase(), line: 'auto' }, orderBy: { effectiveDate: 'desc' }, include });
  if (!policy) return [];
  const people = [policy.holder, policy.insured].filter((c): c is Customer => Boolean(c));
  return people.filter((c, i) => people.findIndex((o) => o.id === c.id) === i);
}

/** How the message names what was tried, without spelling it out (the channel might be read by someone else). */
function whatWasTried(lang: 'zh' | 'en', target: VerifyTarget): string {
  if ('phone' in target) return t(lang, 'verify:alertWhat.phone', { last4: target.phone.replace(/\D/g, '').slice(-4) });
  if ('policyNumber' in target) return t(lang, 'verify:alertWhat.policy', { last4: target.policyNumber.replace(/\s+/g, '').slice(-4) });
  return t(lang, 'verify:alertWhat.plate');
}

/**
 * Plans a security notice to each customer behind a target whose identity checks keep failing: an OutboxMessage
 * (kind `reminder`, a service notice, so an opt-out of greetings does not silence it) addressed to the customer's
 * best conversation — the channel they verified on — and sent by the outbox job (src/jobs/outbox/send.ts) like any
 * reminder, quiet hours respected. `windowId` makes the key unique per counter window, so a customer is told once.
 * A customer with no conversation gets a `skipped`/`no_channel` row (staff can see it). Returns rows planned.
 */
export async function alertTargetCustomers(deps: Pick<CoreDeps, 'db'>, target: VerifyTarget, windowId: string, now: Date): Promise<number> {
  const customers = await customersBehind(deps.db, target);
  if (!customers.length) return 0;
  const reach = await reachFor(deps.db, customers.map((c) => c.id));
  let planned = 0;
  for (const c of customers) {
    const where = reach.get(c.id);
    const lang = toLang(where?.language ?? c.language);
    const key = `verify-alert:${windowId}:${c.id}`;
    const text = t(lang, 'verify:alert', { what: whatWasTried(lang, target) });
    const row = { kind: 'reminder', occasion: 'verify_alert', customerId: c.id, text, notBefore: now };
    const data = where ? { ...row, channel: where.channel, status: 'planned' } : { ...row, channel: null, status: 'skipped', skipReason: 'no_channel' };
    await deps.db.outboxMessage.upsert({ where: { key }, create: { key, ...data }, update: {} });
    if (where) planned++;
  }
  return planned;
}
