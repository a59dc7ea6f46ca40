import { Prisma } from '../../generated/sqlite/client.ts';
import type { CoreDeps } from '../../core/turn.ts';
import { addDays, endOfShanghaiDay, fromShanghai, shanghaiDate } from '../calendar/index.ts';
import { COOLING_OFF_DAYS, type CallbackKind } from './questions.ts';

/** Claims closed and complaints decided further back than this are not surveyed (first run on old data). */
export const SATISFACTION_LOOKBACK_DAYS = 30;
/** How long a satisfaction survey stays open before it counts as unanswered. */
export const SATISFACTION_OPEN_DAYS = 7;

type Deps = Pick<CoreDeps, 'db' | 'clock'>;

/** One callback to create (Callback is unique on kind + refType + refId). */
export interface CallbackPlan {
  kind: CallbackKind;
  customerId: string;
  policyId?: string;
  refType: 'Policy' | 'Claim' | 'Complaint';
  refId: string;
  dueBy: Date;
}

/**
 * Callbacks due to be scheduled on `date`:
 * - cooling_off: life and health policies longer than one year (or whole-life: no term but a cooling-off end on
 *   file), already in force or pending, still inside their cooling-off period (the callback must happen inside
 *   it; a policy with no stored end is taken to have the statutory minimum of {@link COOLING_OFF_DAYS} days from
 *   its effective date). The applicant (投保人, the holder) is called back.
 * - claim_satisfaction: claims closed in the last {@link SATISFACTION_LOOKBACK_DAYS} days;
 * - complaint_satisfaction: complaints decided in the same window (with a known customer).
 */
export async function callbacksToSchedule(deps: Deps, date: string): Promise<CallbackPlan[]> {
  const { db } = deps;
  const dayStart = fromShanghai(date);
  const dayEnd = endOfShanghaiDay(date);
  const since = fromShanghai(addDays(date, -SATISFACTION_LOOKBACK_DAYS));
  const plans: CallbackPlan[] = [];

  const policies = await db.policy.findMany({
    where: {
      line: { in: ['life', 'health'] },
      status: { in: ['active', 'pending'] },
      effectiveDate: { lte: dayEnd },
      callbacks: { none: { kind: 'cooling_off' } },
      AND: [
        { OR: [{ termYears: { gt: 1 } }, { termYears: null, coolingOffEnd: { not: null } }] },
        { OR: [{ coolingOffEnd: { gte: dayStart } }, { coolingOffEnd: null, effectiveDate: { gte: fromShanghai(addDays(date, -COOLING_OFF_DAYS)) } }] },
      ],
    },
    select: { id: true, holderId: true, effectiveDate: true, coolingOffEnd: true },
  });
  for (const p of policies) {
    const end = p.coolingOffEnd ? shanghaiDate(p.coolingOffEnd) : addDays(shanghaiDate(p.effectiveDate), COOLING_OFF_DAYS);
    plans.push({ kind: 'cooling_off', customerId: p.holderId, policyId: p.id, refType: 'Policy', refId: p.id, dueBy: endOfShanghaiDay(end) });
  }

  const surveyDue = endOfShanghaiDay(addDays(date, SATISFACTION_OPEN_DAYS));
  const claims = await db.claim.findMany({
    where: { closedAt: { gte: since, lte: dayEnd } },
    select: { id: true, customerId: true, policyId: true },
  });
  const complaints = await db.complaint.findMany({
    where: { decidedAt: { gte: since, lte: dayEnd }, customerId: { not: null } },
    select: { id: true, customerId: true },
  });
  const existing = await existingRefs(deps, [...claims.map((c) => c.id), ...complaints.map((c) => c.id)]);
  for (const c of claims) {
    if (!existing.has(`claim_satisfaction:${c.id}`)) {
      plans.push({ kind: 'claim_satisfaction', customerId: c.customerId, policyId: c.policyId, refType: 'Claim', refId: c.id, dueBy: surveyDue });
    }
  }
  for (const c of complaints) {
    if (!existing.has(`complaint_satisfaction:${c.id}`)) {
      plans.push({ kind: 'complaint_satisfaction', customerId: c.customerId!, refType: 'Complaint', refId: c.id, dueBy: surveyDue });
    }
  }
  return plans;
}

async function existingRefs(deps: Deps, refIds: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < refIds.length; i += 900) {
    const rows = await deps.db.callback.findMany({ where: { refId: { in: refIds.slice(i, i + 900) } }, select: { kind: true, refId: true } });
    for (const r of rows) out.add(`${r.kind}:${r.refId}`);
  }
  return out;
}

/**
 * Creates the callbacks (status `scheduled`). The unique (kind, refType, refId) makes this idempotent across
 * re-runs and concurrent runs. Returns how many were created per kind.
 */
export async function scheduleCallbacks(deps: Deps, plans: readonly CallbackPlan[]): Promise<Record<CallbackKind, number>> {
  const created: Record<CallbackKind, number> = { cooling_off: 0, claim_satisfaction: 0, complaint_satisfaction: 0 };
  for (const p of plans) {
    try {
      await deps.db.callback.create({ data: { ...p, status: 'scheduled', createdAt: deps.clock.now() } });
      created[p.kind]++;
    } catch (e) {
      if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')) throw e;
    }
  }
  return created;
}
