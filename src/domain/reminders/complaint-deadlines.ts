import type { Complaint } from '../../generated/sqlite/client.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import { shanghaiDate } from '../calendar/index.ts';
import { deadlineWarnings, type DeadlineStatus } from '../complaints/deadlines.ts';

/** Which statutory deadline of a complaint. */
export type ComplaintDeadlineKind = 'supply' | 'acceptance' | 'decision';

/** A deadline staff must hear about today. */
export interface DeadlineAlert {
  complaintId: string;
  which: ComplaintDeadlineKind;
  due: Date;
  status: Exclude<DeadlineStatus, 'ok'>;
  /** StaffTask key: the due date is part of it, so an extended deadline warns again. */
  key: string;
}

/** Complaint statuses whose deadlines still run. */
export const OPEN_COMPLAINT_STATUSES = ['received', 'materials_requested', 'accepted'];

/**
 * The deadlines of one open complaint that need attention at `now` (src/domain/complaints/deadlines.ts decides
 * "one working day before" on the official holiday arrangement):
 * - supply notice — while the complaint is `received` with incomplete materials and no notice sent yet;
 * - acceptance decision — until it is accepted (or not);
 * - decision — until `decidedAt` is set (the stored deadline already includes granted extensions).
 */
export function complaintDeadlineAlerts(
  cal: WorkCalendar,
  c: Pick<Complaint, 'id' | 'status' | 'materialsComplete' | 'supplyDeadline' | 'acceptanceDeadline' | 'decisionDeadline' | 'decidedAt'>,
  now: Date,
): DeadlineAlert[] {
  if (!OPEN_COMPLAINT_STATUSES.includes(c.status)) return [];
  const running: Array<[ComplaintDeadlineKind, Date | null]> = [
    ['supply', c.status === 'received' && !c.materialsComplete ? c.supplyDeadline : null],
    ['acceptance', c.status === 'received' || c.status === 'materials_requested' ? c.acceptanceDeadline : null],
    ['decision', c.decidedAt ? null : c.decisionDeadline],
  ];
  const out: DeadlineAlert[] = [];
  for (const [which, due] of running) {
    if (!due) continue;
    const status = deadlineWarnings(cal, due, now);
    if (status === 'ok') continue;
    const kind = status === 'breached' ? 'deadline_breach' : 'deadline_warning';
    out.push({ complaintId: c.id, which, due, status, key: `${kind}:${c.id}:${which}:${shanghaiDate(due)}` });
  }
  return out;
}
