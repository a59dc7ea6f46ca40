import { AnxinError } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { maskIdNumber, maskName, maskPhone, maskText } from '../../domain/pii.ts';
import { redactContacts } from '../../domain/whistleblow.ts';

/**
 * What staff see of an escalation, on a Slack card and on the staff page alike. Everything personal is masked here,
 * once, so no renderer can forget: names 张**, phones 138****5678, ID numbers first 6 + last 4, free text through
 * `maskText`. Compliance items (whistleblowing) are confidential: no customer, no channel, no policy, and only the
 * messages written after the report, with contact details removed — the reporter must not be identifiable.
 */

/** One transcript line, masked. `note` lines are staff-internal and never reached the customer. */
export interface TranscriptLine {
  id: string;
  direction: 'in' | 'out' | 'note';
  /** customer | bot | staff:<id> | system */
  author: string;
  text: string;
  at: string;
  status: string;
}

export interface DeadlineView {
  name: string;
  at: string;
  overdue: boolean;
}

export interface EscalationView {
  id: string;
  /** Short reference staff can type (`/anxin reply <ref> ...`): the id's last 8 characters. */
  ref: string;
  conversationId: string;
  queue: string;
  intent: string;
  /** open | taken | resolved | handed_back */
  status: string;
  summary: string;
  /** Compliance queue: shown without any identity of the person behind it. */
  confidential: boolean;
  customer: { name: string; phone: string; idNumber: string; verified: boolean } | null;
  /** The customer's channel (wechat, web); null when confidential. */
  channel: string | null;
  policies: string[];
  deadlines: DeadlineView[];
  transcript: TranscriptLine[];
  createdAt: string;
  takenBy: string | null;
  takenAt: string | null;
  closedBy: string | null;
  closedAt: string | null;
  cardChannel: string | null;
  cardTs: string | null;
}

export const isConfidentialQueue = (queue: string): boolean => queue === 'compliance';

/** Masks a customer's text for the given queue: compliance also removes contact details outright. */
export function maskForQueue(queue: string, text: string): string {
  return isConfidentialQueue(queue) ? maskText(redactContacts(text)) : maskText(text);
}

/** The short reference of an escalation id. */
export const escalationRef = (id: string): string => id.slice(-8);

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

async function policiesOf(db: Db, e: { refType: string | null; refId: string | null }, customerId: string | null): Promise<string[]> {
  if (e.refType === 'Claim' && e.refId) {
    const c = await db.claim.findUnique({ where: { id: e.refId }, select: { policy: { select: { number: true } } } });
    if (c) return [c.policy.number];
  }
  if (e.refType === 'Complaint' && e.refId) {
    const c = await db.complaint.findUnique({ where: { id: e.refId }, select: { policyNumber: true } });
    if (c?.policyNumber) return [c.policyNumber];
  }
  if (e.refType === 'ServiceRequest' && e.refId) {
    const s = await db.serviceRequest.findUnique({ where: { id: e.refId }, select: { policy: { select: { number: true } } } });
    if (s?.policy) return [s.policy.number];
  }
  if (!customerId) return [];
  const rows = await db.policy.findMany({
    where: { OR: [{ holderId: customerId }, { insuredId: customerId }], status: 'active' },
    select: { number: true },
    orderBy: { effectiveDate: 'desc' },
    take: 3,
  });
  return rows.map((r) => r.number);
}

/**
 * Loads the masked view of one escalation.
 * @param opts.transcriptLimit how many of the latest messages to include (default 8)
 * @param opts.notes include staff-internal notes in the transcript (the staff page does; cards do not)
 * @throws AnxinError `escalation_not_found`
 */
export async function loadEscalationView(
  db: Db,
  id: string,
  opts: { transcriptLimit?: number; notes?: boolean; now?: Date } = {},
): Promise<EscalationView> {
  const e = await db.escalation.findUnique({
    where: { id },
    include: { conversation: { include: { customer: true, identity: { include: { customer: true } } } } },
  });
  if (!e) throw new AnxinError('escalation_not_found', `no escalation ${id}`);
  const confidential = isConfidentialQueue(e.queue);
  const conv = e.conversation;
  const person = conv.customer ?? conv.identity.customer;
  const directions = opts.notes ? ['in', 'out', 'note'] : ['in', 'out'];
  // Compliance staff's notes and replies in the same conversation would tell other staff that this customer reported.
  const hidden = confidential
    ? []
    : (
        await db.staffAction.findMany({
          where: { conversationId: e.conversationId, action: { in: ['note', 'reply'] }, escalation: { queue: 'compliance' } },
          select: { detail: true },
        })
      ).flatMap((a) => (a.detail ? [a.detail] : []));
  const rows = await db.message.findMany({
    where: {
      conversationId: e.conversationId,
      direction: { in: directions },
      ...(hidden.length ? { id: { notIn: hidden } } : {}),
      // The report itself is on the card in redacted form; earlier messages could identify the reporter.
      ...(confidential ? { createdAt: { gte: e.createdAt } } : {}),
    },
    orderBy: { createdAt: 'desc' },
    take: opts.transcriptLimit ?? 8,
  });
  const now = opts.now ?? new Date();
  const deadlines = Object.entries((e.deadlines ?? {}) as Record<string, string>)
    .filter(([, at]) => typeof at === 'string')
    .map(([name, at]) => ({ name, at, overdue: new Date(at) < now }))
    .sort((a, b) => a.at.localeCompare(b.at));
  return {
    id: e.id,
    ref: escalationRef(e.id),
    conversationId: e.conversationId,
    queue: e.queue,
    intent: e.intent,
    status: e.status,
    summary: maskForQueue(e.queue, e.summary),
    confidential,
    customer: confidential
      ? null
      : {
          name: maskName(person?.name ?? conv.identity.displayName),
          phone: maskPhone(person?.phone),
          idNumber: maskIdNumber(person?.idMasked),
          verified: Boolean(person),
        },
    channel: confidential ? null : conv.channel,
    policies: confidential ? [] : await policiesOf(db, e, person?.id ?? null),
    deadlines,
    transcript: rows.reverse().map((m) => ({
      id: m.id,
      direction: m.direction as TranscriptLine['direction'],
      author: m.author,
      text: maskForQueue(e.queue, m.text),
      at: m.createdAt.toISOString(),
      status: m.status,
    })),
    createdAt: e.createdAt.toISOString(),
    takenBy: e.takenBy,
    takenAt: iso(e.takenAt),
    closedBy: e.closedBy,
    closedAt: iso(e.closedAt),
    cardChannel: e.cardChannel,
    cardTs: e.cardTs,
  };
}

/**
 * Finds an escalation by its full id or the short reference shown to staff (with or without a leading `#`).
 * @throws AnxinError `escalation_not_found` or `escalation_ambiguous`
 */
export async function findEscalationByRef(db: Db, ref: string) {
  const key = ref.trim().replace(/^#/, '');
  if (!key) throw new AnxinError('escalation_not_found', 'no escalation reference given');
  const exact = await db.escalation.findUnique({ where: { id: key } });
  if (exact) return exact;
  if (key.length < 6) throw new AnxinError('escalation_not_found', `no escalation ${key}`);
  const rows = await db.escalation.findMany({ where: { id: { endsWith: key } }, take: 2 });
  if (!rows.length) throw new AnxinError('escalation_not_found', `no escalation ${key}`);
  if (rows.length > 1) throw new AnxinError('escalation_ambiguous', `several escalations end with ${key}`);
  return rows[0];
}
