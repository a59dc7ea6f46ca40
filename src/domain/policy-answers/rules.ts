import { addDays } from '../calendar/shanghai-time.ts';

/**
 * Figures from the law and the rules the answers rely on. The customer-facing wording of each rule lives in the
 * `inquiry:policy.law.*` catalog keys; kb/life.yaml (life-cooling-off, life-reinstatement, life-surrender) says the
 * same in its general answers.
 */

/**
 * Grace period after a renewal premium falls due: 60 days (Insurance Law of the PRC, art. 36, when the contract
 * sets none; the insurer's notice can shorten it to 30 days from the notice). After it the contract is suspended
 * (效力中止, shown as "lapsed").
 */
export const GRACE_DAYS = 60;

/**
 * A suspended contract can be reinstated within 2 years of the suspension, once the insurer and the policyholder
 * agree and the premiums are paid (Insurance Law art. 37); after 2 years the insurer may terminate and refund the
 * cash value. Insurers usually ask for a new health declaration.
 */
export const REINSTATEMENT_YEARS = 2;

/**
 * Within the cooling-off period (犹豫期, at least 15 days for personal insurance of more than one year) the
 * policyholder may cancel and gets every premium back less a cost fee of at most 10 yuan (人身保险业务基本服务规定,
 * CIRC order 2010 no. 4; kb/life.yaml `life-cooling-off`). Outside it, cancelling refunds the cash value only
 * (Insurance Law art. 47).
 */
export const COOLING_OFF_MAX_FEE = 10;

/** `YYYY-MM-DD` plus whole years (29 Feb becomes 1 Mar in a common year). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y + years, m - 1, d));
  return t.toISOString().slice(0, 10);
}

/** When an unpaid premium due on `dueDate` suspends the contract, and the last day it can be reinstated. */
export function lapseWindow(dueDate: string): { lapsedOn: string; reinstateBy: string } {
  const lapsedOn = addDays(dueDate, GRACE_DAYS);
  return { lapsedOn, reinstateBy: addDays(addYears(lapsedOn, REINSTATEMENT_YEARS), -1) };
}
