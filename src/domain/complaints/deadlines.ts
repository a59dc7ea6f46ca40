import { AnxinError } from '../../core/errors.ts';
import type { WorkCalendar } from '../calendar/work-calendar.ts';
import { addDays, daysBetween, endOfShanghaiDay, shanghaiDate } from '../calendar/shanghai-time.ts';

/**
 * Complaint handling deadlines under the 2020 《银行业保险业消费投诉处理管理办法》 (CBIRC Order 2020 No. 3):
 * - materials incomplete → tell the complainant, once and completely, what to supply: within 5 working days
 *   of receipt;
 * - decide whether to accept: within 10 working days of receipt;
 * - decision: within 15 days of receiving the complete complaint; complex cases may be extended to 30 days,
 *   and, with approval by a senior manager (上级机构或者总行、总公司高级管理人员), by a further 30 days.
 *
 * Counting follows the Civil Code (arts. 201, 203): the day of receipt is not counted and a period ends at
 * 24:00 of its last day (we use 23:59:59 Asia/Shanghai). Calendar-day periods are NOT moved past a holiday
 * (art. 203 would allow that): an earlier deadline cannot be breached by honouring it, a later one could be.
 */
export const SUPPLY_NOTICE_WORKDAYS = 5;
export const ACCEPTANCE_WORKDAYS = 10;
export const DECISION_DAYS = 15;
/** Total period, counted from the complete complaint, after the first extension. */
export const EXTENDED_DECISION_DAYS = 30;
/** Added by the second (senior-approved) extension. */
export const SECOND_EXTENSION_DAYS = 30;

/** What the deadlines are computed from. */
export interface ComplaintDeadlineInput {
  /** When the complaint reached the insurer (any channel). */
  receivedAt: Date;
  /** Whether the materials were complete on receipt. */
  materialsComplete: boolean;
  /** When the missing materials arrived (for a complaint incomplete on receipt); defaults to `receivedAt`. */
  completeAt?: Date;
}

/** Deadlines, each at 23:59:59 Asia/Shanghai of its due day. */
export interface ComplaintDeadlines {
  /** Notice to supply materials; only when the materials were incomplete on receipt. */
  supplyDeadline?: Date;
  acceptanceDeadline: Date;
  /** Present once the materials are complete (on receipt, or `completeAt`). */
  decisionDeadline?: Date;
}

/**
 * The statutory deadlines of one complaint. Pure: same input, same output.
 * @throws AnxinError `complaint_invalid_dates` when `completeAt` is before `receivedAt`.
 */
export function complaintDeadlines(cal: WorkCalendar, input: ComplaintDeadlineInput): ComplaintDeadlines {
  const received = shanghaiDate(input.receivedAt);
  if (input.completeAt && input.completeAt.getTime() < input.receivedAt.getTime()) {
    throw new AnxinError('complaint_invalid_dates', 'Materials cannot be complete before the complaint was received');
  }
  const out: ComplaintDeadlines = {
    acceptanceDeadline: endOfShanghaiDay(cal.addWorkdays(received, ACCEPTANCE_WORKDAYS)),
  };
  if (!input.materialsComplete) {
    out.supplyDeadline = endOfShanghaiDay(cal.addWorkdays(received, SUPPLY_NOTICE_WORKDAYS));
  }
  if (input.materialsComplete || input.completeAt) {
    const complete = shanghaiDate(input.completeAt ?? input.receivedAt);
    out.decisionDeadline = endOfShanghaiDay(addDays(complete, DECISION_DAYS));
  }
  return out;
}

/** A decision deadline and the extensions already granted. */
export interface DecisionExtensionState {
  decisionDeadline: Date;
  /** When the complete complaint was received: the anchor of every limit. */
  completeAt: Date;
  extensions: Array<{ days: number; seniorApproval: boolean }>;
}

/**
 * Extends a complaint's decision deadline within the regulation's limits. The caller records the reason
 * and tells the customer (both required by the regulation).
 *
 * - first extension: to 30 days after the complete complaint (senior approval not needed);
 * - second: a further 30 days (60 after the complete complaint), only with `seniorApproval`;
 * - a third is refused.
 *
 * Limits are anchored on `completeAt`, so a mis-stored deadline cannot creep past 60 days.
 * `days` is how many calendar days the deadline moves (15 for a standard first extension, then 30): store
 * it as the extension's `days`.
 *
 * @throws AnxinError `complaint_extension_needs_senior_approval`, `complaint_extension_limit_reached`,
 *   `complaint_extension_not_later` (the current deadline is already at or past the new limit).
 */
export function extendDecision(
  current: DecisionExtensionState,
  req: { seniorApproval: boolean },
): { newDeadline: Date; days: number } {
  const complete = shanghaiDate(current.completeAt);
  const granted = current.extensions.length;
  let target: string;
  if (granted === 0) {
    target = addDays(complete, EXTENDED_DECISION_DAYS);
  } else if (granted === 1) {
    if (!req.seniorApproval) {
      throw new AnxinError(
        'complaint_extension_needs_senior_approval',
        'A second extension needs the approval of a senior manager',
      );
    }
    target = addDays(complete, EXTENDED_DECISION_DAYS + SECOND_EXTENSION_DAYS);
  } else {
    throw new AnxinError(
      'complaint_extension_limit_reached',
      'The decision deadline has already been extended twice; no further extension is allowed',
    );
  }
  const days = daysBetween(shanghaiDate(current.decisionDeadline), target);
  if (days <= 0) {
    throw new AnxinError('complaint_extension_not_later', 'The current decision deadline is already at or past the limit');
  }
  return { newDeadline: endOfShanghaiDay(target), days };
}

/** How urgent a deadline is for staff. */
export type DeadlineStatus = 'ok' | 'due_tomorrow' | 'due_today' | 'breached';

/**
 * Where `deadline` stands at `now`: `breached` once passed; `due_today` on its due day; `due_tomorrow`
 * from the last working day before the due day (issue 5: "warn staff one working day before"), so a
 * deadline due on Monday warns from Friday; `ok` before that.
 */
export function deadlineWarnings(cal: WorkCalendar, deadline: Date, now: Date): DeadlineStatus {
  if (now.getTime() > deadline.getTime()) return 'breached';
  const due = shanghaiDate(deadline);
  const today = shanghaiDate(now);
  if (today === due) return 'due_today';
  if (today >= cal.addWorkdays(due, -1)) return 'due_tomorrow';
  return 'ok';
}
