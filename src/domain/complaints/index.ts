/** Complaints (投诉) under the 2020 complaint-handling rules: intake, acceptance, deadlines, staff actions, lookups. */
export { COMPLAINT_CATEGORIES, categoriseComplaint, type ComplaintCategory } from './categorise.ts';
export { complaintDeadlines, deadlineWarnings, extendDecision, type ComplaintDeadlines } from './deadlines.ts';
export { displayDate } from './display-date.ts';
export { deadlinesOf, escalateComplaint, staffSummary } from './escalate.ts';
export { fileComplaint, type ComplaintSubmission, type FileOutcome } from './intake.ts';
export { hasNewFacts, sameSubject, similarity } from './matching.ts';
export { storeAttachments } from './materials.ts';
export { createWithReference } from '../reference-numbers.ts';
export { completeMaterials, decideComplaint, extendComplaint, findComplaint, type ExtensionRequest } from './staff.ts';
export { describeComplaint, findOwnComplaint, listOwnComplaints, type Owner } from './status.ts';
export { COMPLAINANT_ROLES, OPEN_STATUSES, workCalendarOf, type ComplainantRole, type ComplaintDeps, type ComplaintStaffDeps, type SendFn } from './types.ts';
