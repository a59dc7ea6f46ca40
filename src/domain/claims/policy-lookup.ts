import type { Customer, Policy } from '../../generated/sqlite/client.ts';
import type { CoreDeps } from '../../core/turn.ts';
import { lockedAttempt, type AttemptDeps, type AttemptRefused } from '../verification.ts';

/**
 * The policy a claim is reported on, as kept in the dialog snapshot (plain JSON). Only built after the reporter
 * is known to be entitled to it: the verified customer's own policy, or a policy whose holder/insured name or
 * phone the reporter gave correctly.
 */
export interface ClaimPolicy {
  policyId: string;
  number: string;
  line: string;
  product: string;
  plate?: string;
  /** The person the claim is filed for (the verified customer, or the holder/insured the check matched). */
  customerId: string;
  /** Default callback number (that person's phone), if known. */
  contactPhone?: string;
}

/** What the reporter named the policy by: its number, or (motor) the licence plate. */
export type PolicyRef = { policyNumber: string } | { plate: string };

/** A claimed owner detail: the holder's or insured's name, or phone. */
export type OwnerProof = { name: string } | { phone: string };

export type OwnerCheckResult =
  | { ok: true; policy: ClaimPolicy }
  | { ok: false; reason: 'mismatch'; remaining: number }
  | AttemptRefused;

type PolicyWithPeople = Policy & { holder: Customer; insured: Customer | null };

/** Policy statuses a claim can still be reported on from the customer's own list. */
const REPORTABLE = ['active'];

function toClaimPolicy(p: Policy, person: Customer): ClaimPolicy {
  return {
    policyId: p.id,
    number: p.number,
    line: p.line,
    product: p.product,
    ...(p.plate ? { plate: p.plate } : {}),
    customerId: person.id,
    ...(person.phone ? { contactPhone: person.phone } : {}),
  };
}

const normName = (s: string) => s.replace(/[\s·•.]+/g, '').toLowerCase();
const digits = (s: string) => s.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');

/** The verified customer's active policies (as holder or insured), newest first. */
export async function activePoliciesOf(deps: Pick<CoreDeps, 'db'>, customer: Customer): Promise<ClaimPolicy[]> {
  const rows = await deps.db.policy.findMany({
    where: { status: { in: REPORTABLE }, OR: [{ holderId: customer.id }, { insuredId: customer.id }] },
    orderBy: { effectiveDate: 'desc' },
  });
  return rows.map((p) => toClaimPolicy(p, customer));
}

/** Picks the policy a reference names from a list (number, or plate for motor policies). */
export function pickPolicy(list: ClaimPolicy[], ref: Partial<{ policyNumber: string; plate: string }>): ClaimPolicy | undefined {
  if (ref.policyNumber) return list.find((p) => p.number === ref.policyNumber!.toUpperCase());
  if (ref.plate) return list.find((p) => p.plate?.toUpperCase() === ref.plate!.toUpperCase());
  return undefined;
}

async function findPolicy(deps: Pick<CoreDeps, 'db'>, ref: PolicyRef): Promise<PolicyWithPeople | null> {
  const include = { holder: true, insured: true } as const;
  if ('policyNumber' in ref) return deps.db.policy.findUnique({ where: { number: ref.policyNumber.toUpperCase() }, include });
  return deps.db.policy.findFirst({ where: { plate: ref.plate.toUpperCase(), line: 'auto' }, orderBy: { effectiveDate: 'desc' }, include });
}

function matchOwner(p: PolicyWithPeople, proof: OwnerProof): Customer | null {
  const people = [p.holder, p.insured].filter((c): c is Customer => Boolean(c));
  if ('name' in proof) return people.find((c) => normName(c.name) === normName(proof.name)) ?? null;
  return people.find((c) => c.phone && digits(c.phone) === digits(proof.phone)) ?? null;
}

/**
 * Checks that a reporter who is not verified knows the holder's or insured's name or phone for the policy they
 * named. An unknown policy and a wrong detail give the same answer, so the check never reveals whether a policy
 * exists. Failures count against the channel identity's verification attempts: three lock it for 30 minutes,
 * the same lock as identity verification, so guessing cannot be spread across the two; and against the policy
 * (number or plate) and the network address, whoever tries (src/domain/verification.ts).
 */
export async function checkPolicyOwner(
  deps: AttemptDeps,
  identityId: string,
  ref: PolicyRef,
  proof: OwnerProof,
): Promise<OwnerCheckResult> {
  const r = await lockedAttempt(deps, identityId, async () => {
    const policy = await findPolicy(deps, ref);
    const person = policy ? matchOwner(policy, proof) : null;
    return policy && person ? toClaimPolicy(policy, person) : null;
  }, ref);
  return r.ok ? { ok: true, policy: r.value } : r;
}

/**
 * Reads a name or a phone number out of an answer such as "张伟", "投保人是张伟", "13800138000", "my name is Li Lei".
 * Returns null when neither is there.
 */
export function parseOwnerProof(text: string, phone?: string): OwnerProof | null {
  if (phone) return { phone };
  const name = text
    .trim()
    .replace(/^(我是|我叫|姓名|名字|投保人|被保险人|被保人|是|叫|my name is|name|i am|i'm|it's|holder)[\s:：是叫]*/i, '')
    .replace(/[。.!！,，]+$/, '')
    .trim();
  if (/^[\u4e00-\u9fff·]{2,6}$/.test(name)) return { name };
  if (/^[A-Za-z][A-Za-z .'-]{1,40}$/.test(name) && !/^(yes|no|ok|okay|skip|done|cancel)$/i.test(name)) return { name };
  return null;
}
