import type { Prisma } from '../../generated/sqlite/client.ts';
import { AnxinError } from '../../core/errors.ts';
import { t, toLang } from '../../i18n/index.ts';
import { COMPLAINT_NUMBER_RE } from '../numbers.ts';
import { complaintDeadlines, extendDecision } from './deadlines.ts';
import { displayDate } from './display-date.ts';
import { deadlinesOf } from './escalate.ts';
import { workCalendarOf, type ComplaintStaffDeps, type ComplaintWithExtensions } from './types.ts';

/** A complaint by its id or its TS number, with its extensions. */
export async function findComplaint(deps: Pick<ComplaintStaffDeps, 'db'>, idOrNumber: string): Promise<ComplaintWithExtensions> {
  const key = idOrNumber.trim();
  const where = COMPLAINT_NUMBER_RE.test(key) ? { number: key.toUpperCase() } : { id: key };
  const c = await deps.db.complaint.findUnique({ where, include: { extensions: { orderBy: { createdAt: 'asc' } } } });
  if (!c) throw new AnxinError('complaint_not_found', `No complaint ${key}`);
  return c;
}

/** Input of {@link extendComplaint}. */
export interface ExtensionRequest {
  /** Why the case is complex — recorded and told to the customer (required by the 2020 rules). */
  reason: string;
  /** Staff member who approved it. */
  approvedBy: string;
  /** Senior-manager approval; required for the second extension. */
  seniorApproval?: boolean;
}

/**
 * Extends a complaint's decision deadline (complex cases: to 30 days; once more by 30 with senior approval; never a
 * third time — see `extendDecision`), records the extension with its reason, updates the staff card's deadlines and
 * tells the customer the new date and the reason in their language.
 *
 * @throws AnxinError `complaint_not_found`, `complaint_extension_reason_required`, `complaint_not_open`,
 *   `complaint_materials_incomplete`, and the limit errors of `extendDecision`.
 */
export async function extendComplaint(
  deps: ComplaintStaffDeps,
  complaintId: string,
  req: ExtensionRequest,
): Promise<{ newDeadline: Date; days: number; extensionId: string; customerNotified: boolean }> {
  const reason = req.reason?.trim();
  if (!reason) throw new AnxinError('complaint_extension_reason_required', 'An extension needs a recorded reason');
  if (!req.approvedBy?.trim()) throw new AnxinError('complaint_extension_approver_required', 'An extension needs the approver');
  const c = await findComplaint(deps, complaintId);
  if (!['received', 'accepted', 'materials_requested'].includes(c.status)) throw new AnxinError('complaint_not_open', `Complaint ${c.number} is ${c.status}`);
  if (c.status === 'materials_requested' || !c.completeAt || !c.decisionDeadline) {
    throw new AnxinError('complaint_materials_incomplete', `Complaint ${c.number} has no decision deadline yet (materials incomplete)`);
  }
  // A merge with new facts restarts the clock: only extensions granted since then count towards the limits.
  const current = c.extensions.filter((e) => e.createdAt.getTime() >= c.completeAt!.getTime());
  const { newDeadline, days } = extendDecision(
    { decisionDeadline: c.decisionDeadline, completeAt: c.completeAt, extensions: current },
    { seniorApproval: Boolean(req.seniorApproval) },
  );
  const now = deps.clock.now();
  const [ext, updated] = await deps.db.$transaction([
    deps.db.complaintExtension.create({
      data: { complaintId: c.id, days, reason, approvedBy: req.approvedBy, seniorApproval: Boolean(req.seniorApproval), newDeadline, createdAt: now },
    }),
    deps.db.complaint.update({ where: { id: c.id }, data: { decisionDeadline: newDeadline, updatedAt: now } }),
    deps.db.staffAction.create({
      data: { actor: req.approvedBy, action: 'extend', conversationId: c.conversationId, detail: `${c.number} +${days}d → ${newDeadline.toISOString()}: ${reason}`, createdAt: now },
    }),
  ]);
  await deps.db.escalation.updateMany({
    where: { refType: 'Complaint', refId: c.id, status: { in: ['open', 'taken'] } },
    data: { deadlines: deadlinesOf(updated) as Prisma.InputJsonValue },
  });
  const notified = await tellCustomer(deps, c.conversationId, (lang) =>
    t(lang, 'complaint:notify.extended', { number: c.number, date: displayDate(lang, newDeadline), reason }),
  );
  if (notified) await deps.db.complaintExtension.update({ where: { id: ext.id }, data: { customerNotifiedAt: deps.clock.now() } });
  return { newDeadline, days, extensionId: ext.id, customerNotified: notified };
}

/**
 * Records the decision on a complaint, tells the customer, and resolves its staff card.
 * @throws AnxinError `complaint_not_found`, `complaint_decision_required`, `complaint_not_open`.
 */
export async function decideComplaint(
  deps: ComplaintStaffDeps,
  complaintId: string,
  req: { decision: string; by: string },
): Promise<{ decidedAt: Date; late: boolean; customerNotified: boolean }> {
  const decision = req.decision?.trim();
  if (!decision) throw new AnxinError('complaint_decision_required', 'A decision needs its text');
  const c = await findComplaint(deps, complaintId);
  if (!['received', 'accepted', 'materials_requested'].includes(c.status)) throw new AnxinError('complaint_not_open', `Complaint ${c.number} is ${c.status}`);
  const now = deps.clock.now();
  await deps.db.$transaction([
    deps.db.complaint.update({ where: { id: c.id }, data: { status: 'decided', decision, decidedAt: now, updatedAt: now } }),
    deps.db.staffAction.create({ data: { actor: req.by, action: 'resolve', conversationId: c.conversationId, detail: `${c.number} decided`, createdAt: now } }),
  ]);
  const cards = await deps.db.escalation.findMany({ where: { refType: 'Complaint', refId: c.id, status: { in: ['open', 'taken'] } } });
  for (const e of cards) {
    await deps.db.escalation.update({ where: { id: e.id }, data: { status: 'resolved', closedBy: req.by, closedAt: now } });
    deps.events.emit('escalation.updated', { escalationId: e.id, conversationId: e.conversationId, status: 'resolved', actor: req.by });
  }
  const notified = await tellCustomer(deps, c.conversationId, (lang) => t(lang, 'complaint:notify.decided', { number: c.number, decision }));
  return { decidedAt: now, late: Boolean(c.decisionDeadline && now > c.decisionDeadline), customerNotified: notified };
}

/**
 * The missing materials arrived: the 15-day decision clock starts now (2020 rules: "自收到完整投诉材料之日起").
 * @throws AnxinError `complaint_not_found`, `complaint_not_open`.
 */
export async function completeMaterials(deps: ComplaintStaffDeps, complaintId: string): Promise<{ decisionDeadline: Date }> {
  const c = await findComplaint(deps, complaintId);
  if (c.status !== 'materials_requested') throw new AnxinError('complaint_not_open', `Complaint ${c.number} is not waiting for materials`);
  const now = deps.clock.now();
  const d = complaintDeadlines(workCalendarOf(deps.calendar), { receivedAt: c.receivedAt, materialsComplete: false, completeAt: now });
  const updated = await deps.db.complaint.update({
    where: { id: c.id },
    data: { status: 'received', materialsComplete: true, completeAt: now, decisionDeadline: d.decisionDeadline, updatedAt: now },
  });
  await deps.db.escalation.updateMany({
    where: { refType: 'Complaint', refId: c.id, status: { in: ['open', 'taken'] } },
    data: { deadlines: deadlinesOf(updated) as Prisma.InputJsonValue },
  });
  await tellCustomer(deps, c.conversationId, (lang) =>
    t(lang, 'complaint:notify.complete', { number: c.number, date: displayDate(lang, d.decisionDeadline) }),
  );
  return { decisionDeadline: d.decisionDeadline! };
}

/** Sends a message to the complaint's conversation in its language; false when there is no conversation to reach. */
async function tellCustomer(deps: ComplaintStaffDeps, conversationId: string | null, text: (lang: 'zh' | 'en') => string): Promise<boolean> {
  if (!conversationId) return false;
  const conv = await deps.db.conversation.findUnique({ where: { id: conversationId } });
  if (!conv) return false;
  await deps.send(conv.id, conv.channel, { text: text(toLang(conv.language)) });
  return true;
}
