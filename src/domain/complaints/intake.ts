import type { Complaint } from '../../generated/sqlite/client.ts';
import { shanghaiDate } from '../calendar/shanghai-time.ts';
import { recordInteraction } from '../escalations.ts';
import { categoriseComplaint, type ComplaintCategory } from './categorise.ts';
import { complaintDeadlines, type ComplaintDeadlines } from './deadlines.ts';
import { escalateComplaint } from './escalate.ts';
import { hasNewFacts, sameSubject } from './matching.ts';
import { createWithReference } from '../reference-numbers.ts';
import { workCalendarOf, type ComplainantRole, type ComplaintDeps } from './types.ts';

/** One complaint as collected from the complainant (only what the 2020 rules, art. 13, allow to be asked). */
export interface ComplaintSubmission {
  conversationId?: string;
  /** Channel identity that filed it: lets the complainant look it up by number without verification. */
  identityId?: string;
  /** The verified customer, when there is one. */
  customerId?: string | null;
  channel?: string;
  complainantName: string;
  complainantRole: ComplainantRole;
  complainantPhone?: string;
  /** Who/what the complaint is about (agent, product, branch...). */
  subject: string;
  policyNumber?: string;
  /** 诉求 — what the complainant asks for. */
  request: string;
  facts: string;
  /** False when the complainant will send materials later or key facts are missing. */
  materialsComplete: boolean;
  /** Materials (photos, files) received with this submission. */
  materialCount?: number;
  /** Overrides the keyword classifier. */
  category?: ComplaintCategory;
}

export type FileOutcome =
  /** A new complaint; deadlines are the statutory ones from receipt. */
  | { kind: 'created'; complaint: Complaint; deadlines: ComplaintDeadlines }
  /** The same complaint is on file and nothing new was said: not accepted again, the existing number stands. */
  | { kind: 'duplicate'; complaint: Complaint }
  /** The same complaint with new facts: merged into the existing one, whose deadlines restart now. */
  | { kind: 'merged'; complaint: Complaint; deadlines: ComplaintDeadlines }
  /** Not brought by the consumer or a representative (the reason goes back to the person). */
  | { kind: 'not_accepted'; reason: 'third_party' };

/**
 * Files a complaint under the acceptance rules of the 2020 《银行业保险业消费投诉处理管理办法》:
 * - only the consumer or their representative (authorised agent, legal guardian, heir) may complain (arts. 13–14);
 *   anyone else is told why it cannot be accepted and nothing is stored;
 * - the same complaint repeated while the earlier one is open, or after its decision, is not accepted again when it
 *   brings no new facts or reasons (the existing number is given); with new facts it is merged into the existing
 *   one and its time limits count again from the new submission;
 * - incomplete materials get a notice to supply them (5 working days) and the decision clock waits for them.
 * Every accepted or merged complaint is escalated to the `complaints` queue and recorded on the customer's timeline.
 */
export async function fileComplaint(deps: ComplaintDeps, sub: ComplaintSubmission): Promise<FileOutcome> {
  if (sub.complainantRole === 'third_party') return { kind: 'not_accepted', reason: 'third_party' };
  const now = deps.clock.now();
  const category = sub.category ?? categoriseComplaint(`${sub.subject}\n${sub.request}\n${sub.facts}`);
  const cal = workCalendarOf(deps.calendar);

  const earlier = await findSameComplaint(deps, sub, category);
  if (earlier) {
    if (!hasNewFacts(`${earlier.subject}\n${earlier.request}\n${earlier.facts}`, `${sub.request}\n${sub.facts}`, sub.materialCount)) {
      // A verified customer repeating an earlier unlinked complaint (filed before verifying) claims it now.
      const linked = !earlier.customerId && sub.customerId ? await deps.db.complaint.update({ where: { id: earlier.id }, data: { customerId: sub.customerId } }) : earlier;
      await timeline(deps, sub, linked, 'duplicate');
      return { kind: 'duplicate', complaint: linked };
    }
    const { complaint: merged, deadlines } = await mergeIntoComplaint(deps, earlier, sub);
    return { kind: 'merged', complaint: merged, deadlines };
  }

  const deadlines = complaintDeadlines(cal, { receivedAt: now, materialsComplete: sub.materialsComplete });
  const complaint = await createWithReference(
    'TS',
    now,
    (prefix) => deps.db.complaint.count({ where: { number: { startsWith: prefix } } }),
    (number) =>
      deps.db.complaint.create({
        data: {
          number,
          customerId: sub.customerId ?? undefined,
          conversationId: sub.conversationId,
          identityId: sub.identityId,
          complainantName: sub.complainantName,
          complainantRole: sub.complainantRole,
          complainantPhone: sub.complainantPhone,
          subject: sub.subject,
          policyNumber: sub.policyNumber?.toUpperCase(),
          category,
          request: sub.request,
          facts: sub.facts,
          materialsComplete: sub.materialsComplete,
          status: sub.materialsComplete ? 'received' : 'materials_requested',
          receivedAt: now,
          completeAt: sub.materialsComplete ? now : undefined,
          supplyDeadline: deadlines.supplyDeadline,
          acceptanceDeadline: deadlines.acceptanceDeadline,
          decisionDeadline: deadlines.decisionDeadline,
          createdAt: now,
          updatedAt: now,
        },
      }),
  );
  if (sub.conversationId) await escalateComplaint(deps, complaint, sub.conversationId);
  await timeline(deps, sub, complaint, 'created');
  return { kind: 'created', complaint, deadlines };
}

/** What a repeat or a follow-up adds to a complaint on file. */
export type ComplaintAddition = Pick<ComplaintSubmission, 'conversationId' | 'identityId' | 'customerId' | 'channel' | 'request' | 'facts' | 'materialsComplete'>;

/**
 * Adds new facts to a complaint on file (同一投诉的新事实和理由): the facts are appended with today's date, the
 * statutory time limits count again from now, the complaint is escalated again and put on the customer's timeline.
 * An unlinked complaint is linked to the verified customer who adds to it.
 */
export async function mergeIntoComplaint(deps: ComplaintDeps, earlier: Complaint, sub: ComplaintAddition): Promise<{ complaint: Complaint; deadlines: ComplaintDeadlines }> {
  const now = deps.clock.now();
  const deadlines = complaintDeadlines(workCalendarOf(deps.calendar), { receivedAt: now, materialsComplete: sub.materialsComplete });
  const complete = sub.materialsComplete;
  const merged = await deps.db.complaint.update({
    where: { id: earlier.id },
    data: {
      facts: `${earlier.facts}\n[${shanghaiDate(now)}] ${sub.request === earlier.request ? '' : `${sub.request} — `}${sub.facts}`,
      mergedCount: { increment: 1 },
      materialsComplete: complete,
      status: complete ? (earlier.status === 'accepted' ? 'accepted' : 'received') : 'materials_requested',
      completeAt: complete ? now : null,
      supplyDeadline: deadlines.supplyDeadline ?? null,
      acceptanceDeadline: deadlines.acceptanceDeadline,
      decisionDeadline: deadlines.decisionDeadline ?? null,
      customerId: earlier.customerId ?? sub.customerId ?? undefined,
      updatedAt: now,
    },
  });
  if (sub.conversationId) await escalateComplaint(deps, merged, sub.conversationId);
  await timeline(deps, sub, merged, 'merged');
  return { complaint: merged, deadlines };
}

/**
 * The earlier complaint this one repeats: same complainant (verified customer, channel identity or phone) and the
 * same subject/category. Complaints that were not accepted do not count.
 */
async function findSameComplaint(deps: ComplaintDeps, sub: ComplaintSubmission, category: string): Promise<Complaint | null> {
  const who = [
    ...(sub.customerId ? [{ customerId: sub.customerId }] : []),
    ...(sub.identityId ? [{ identityId: sub.identityId }] : []),
    ...(sub.complainantPhone ? [{ complainantPhone: sub.complainantPhone }] : []),
  ];
  if (!who.length) return null;
  const candidates = await deps.db.complaint.findMany({
    where: { OR: who, status: { not: 'not_accepted' } },
    orderBy: { receivedAt: 'desc' },
    take: 50,
  });
  const key = { subject: sub.subject, category, policyNumber: sub.policyNumber };
  return candidates.find((c) => sameSubject(key, c)) ?? null;
}

async function timeline(deps: ComplaintDeps, sub: Pick<ComplaintSubmission, 'customerId' | 'conversationId' | 'channel'>, c: Complaint, what: 'created' | 'duplicate' | 'merged') {
  await recordInteraction(deps, {
    customerId: sub.customerId ?? c.customerId,
    conversationId: sub.conversationId,
    kind: 'complaint',
    channel: sub.channel,
    summary: `${c.number} ${what} (${c.category})`,
    refType: 'Complaint',
    refId: c.id,
  });
}
