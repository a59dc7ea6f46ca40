import { AnxinError } from '../core/errors.ts';
import type { Db } from '../db/client.ts';
import { toYmd } from './import/date-only.ts';
import { looksLikeIdNumber } from './import/id-number.ts';
import { hashIdNumber, maskAddress, maskIdNumber, maskName, maskPhone, maskText } from './pii.ts';

/**
 * The single customer view (客户统一视图): profile, policies with their payments, claims, complaints, policy
 * services, the interaction timeline and conversations — everything "on record" for one customer, with personal
 * data masked (name, phone, ID, address), as staff in Slack, on the staff page and in the CLI see it.
 */

/** How the customer was asked for. */
export type CustomerLookup =
  | { by: 'phone'; value: string }
  | { by: 'policy'; value: string }
  | { by: 'code'; value: string }
  | { by: 'idNumber'; value: string }
  | { by: 'id'; value: string };

const dateOf = (d: Date | null | undefined) => (d ? toYmd(d) : null);
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const money = (d: { toString(): string } | null | undefined) => (d === null || d === undefined ? null : Number(d.toString()).toFixed(2));

/** Province, city and district of an address; the rest masked (see `maskAddress` in pii.ts). */
export { maskAddress } from './pii.ts';

/** Reads a lookup key: a policy number, a mobile number, an 18-character ID number, else a customer code. */
export function parseLookupKey(input: string): CustomerLookup {
  const s = input.trim();
  if (/^(LF|HL|AC|AU|PR|TR)\d{10}$/i.test(s)) return { by: 'policy', value: s.toUpperCase() };
  const digits = s.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  if (/^1[3-9]\d{9}$/.test(digits)) return { by: 'phone', value: digits };
  if (looksLikeIdNumber(s)) return { by: 'idNumber', value: s.toUpperCase() };
  return { by: 'code', value: s };
}

/** The lookup value as it may be shown back (masked when it is personal data). */
export function describeLookup(l: CustomerLookup): string {
  if (l.by === 'phone') return maskPhone(l.value);
  if (l.by === 'idNumber') return maskIdNumber(l.value);
  return l.value;
}

/** A customer a lookup matched, masked: used to list the candidates when several share a phone. */
export interface CustomerMatch {
  id: string;
  code: string | null;
  name: string;
}

/** Customers matching a lookup (several customers may share a phone number, e.g. a family). */
export async function findCustomers(db: Db, lookup: CustomerLookup, opts: { secret?: string } = {}): Promise<CustomerMatch[]> {
  const select = { id: true, code: true, name: true } as const;
  let rows: Array<{ id: string; code: string | null; name: string }> = [];
  if (lookup.by === 'phone') rows = await db.customer.findMany({ where: { phone: lookup.value }, select, orderBy: { createdAt: 'asc' } });
  else if (lookup.by === 'code') rows = await db.customer.findMany({ where: { code: lookup.value }, select });
  else if (lookup.by === 'id') rows = await db.customer.findMany({ where: { id: lookup.value }, select });
  else if (lookup.by === 'idNumber') {
    if (!opts.secret) throw new AnxinError('customer_lookup_secret', 'looking up by ID number needs the ID secret');
    rows = await db.customer.findMany({ where: { idHash: hashIdNumber(lookup.value, opts.secret) }, select });
  } else {
    const p = await db.policy.findUnique({ where: { number: lookup.value }, select: { holder: { select } } });
    rows = p ? [p.holder] : [];
  }
  return rows.map((r) => ({ ...r, name: maskName(r.name) }));
}

export interface PaymentView { dueDate: string; amount: string | null; status: string; paidAt: string | null; method: string | null }
export interface PolicyView {
  number: string; product: string; line: string; role: 'holder' | 'insured' | 'holder+insured'; status: string;
  effectiveDate: string | null; expiryDate: string | null; coolingOffEnd: string | null; termYears: number | null;
  premium: string | null; sumInsured: string | null; paymentFrequency: string; nextDueDate: string | null;
  plate: string | null; agent: { code: string; name: string; status: string } | null; payments: PaymentView[];
}
export interface ClaimView { number: string; policyNumber: string; line: string; status: string; reportedAt: string; incidentAt: string | null; description: string; amountPaid: string | null }
export interface ComplaintView { number: string; category: string; status: string; subject: string; receivedAt: string; acceptanceDeadline: string; decisionDeadline: string | null; decidedAt: string | null }
export interface ServiceRequestView { number: string; type: string; status: string; policyNumber: string | null; createdAt: string }
export interface InteractionView { at: string; kind: string; channel: string | null; summary: string }
export interface ConversationView { id: string; channel: string; owner: string; messages: number; startedAt: string; lastMessageAt: string | null }

/** Everything on record for one customer, masked. Dates are YYYY-MM-DD; instants ISO 8601. */
export interface CustomerView {
  customer: {
    id: string; code: string | null; name: string; gender: string; birthday: string | null; lunarBirthday: boolean;
    phone: string; idNumber: string; language: string; vipTier: string; greetingConsent: boolean;
    marketingConsent: boolean; optedOut: boolean; address: string; since: string;
  };
  policies: PolicyView[];
  claims: ClaimView[];
  complaints: ComplaintView[];
  serviceRequests: ServiceRequestView[];
  interactions: InteractionView[];
  conversations: ConversationView[];
}

/**
 * The view for a lookup key (phone, policy number, customer code, ID number) or a parsed lookup.
 * @throws AnxinError `customer_not_found` (details.key is masked) or `customer_ambiguous` (details.matches).
 */
export async function getCustomerView(
  db: Db,
  key: string | CustomerLookup,
  opts: { secret?: string; interactionLimit?: number } = {},
): Promise<CustomerView> {
  const lookup = typeof key === 'string' ? parseLookupKey(key) : key;
  const matches = await findCustomers(db, lookup, opts);
  const shown = describeLookup(lookup);
  if (!matches.length) throw new AnxinError('customer_not_found', `no customer with ${lookup.by} ${shown}`, { by: lookup.by, key: shown });
  if (matches.length > 1) {
    throw new AnxinError('customer_ambiguous', `${matches.length} customers with ${lookup.by} ${shown}`, { by: lookup.by, key: shown, matches });
  }
  return (await getCustomerViewById(db, matches[0].id, opts))!;
}

/** The view of one customer by internal id, or null. */
export async function getCustomerViewById(db: Db, id: string, opts: { interactionLimit?: number } = {}): Promise<CustomerView | null> {
  const c = await db.customer.findUnique({ where: { id } });
  if (!c) return null;
  const policyInclude = {
    agent: { select: { code: true, name: true, status: true } },
    payments: { orderBy: { dueDate: 'desc' as const } },
  };
  const [policies, claims, complaints, serviceRequests, interactions, conversations] = await Promise.all([
    db.policy.findMany({ where: { OR: [{ holderId: id }, { insuredId: id }] }, include: policyInclude, orderBy: { effectiveDate: 'desc' } }),
    db.claim.findMany({ where: { customerId: id }, include: { policy: { select: { number: true } } }, orderBy: { createdAt: 'desc' } }),
    db.complaint.findMany({ where: { customerId: id }, orderBy: { receivedAt: 'desc' } }),
    db.serviceRequest.findMany({ where: { customerId: id }, include: { policy: { select: { number: true } } }, orderBy: { createdAt: 'desc' } }),
    db.interaction.findMany({ where: { customerId: id }, orderBy: { occurredAt: 'desc' }, take: opts.interactionLimit ?? 20 }),
    db.conversation.findMany({ where: { OR: [{ customerId: id }, { identity: { customerId: id } }] }, include: { _count: { select: { messages: true } } }, orderBy: { createdAt: 'desc' } }),
  ]);
  return {
    customer: {
      id: c.id, code: c.code, name: maskName(c.name), gender: c.gender,
      // Month and day only: with the year, the masked ID number would be all but complete.
      birthday: c.birthday ? toYmd(c.birthday).slice(5) : null,
      lunarBirthday: c.lunarBirthday, phone: maskPhone(c.phone), idNumber: c.idMasked ?? '',
      language: c.language, vipTier: c.vipTier, greetingConsent: c.greetingConsent, marketingConsent: c.marketingConsent,
      optedOut: Boolean(c.optedOutAt), address: maskAddress(c.address), since: c.createdAt.toISOString(),
    },
    policies: policies.map((p) => ({
      number: p.number, product: p.product, line: p.line,
      role: p.holderId === id && p.insuredId === id ? 'holder+insured' : p.holderId === id ? 'holder' : 'insured',
      status: p.status, effectiveDate: dateOf(p.effectiveDate), expiryDate: dateOf(p.expiryDate),
      coolingOffEnd: dateOf(p.coolingOffEnd), termYears: p.termYears, premium: money(p.premium), sumInsured: money(p.sumInsured),
      paymentFrequency: p.paymentFrequency, nextDueDate: dateOf(p.nextDueDate), plate: p.plate,
      agent: p.agent ? { code: p.agent.code, name: p.agent.name, status: p.agent.status } : null,
      payments: p.payments.map((x) => ({ dueDate: toYmd(x.dueDate), amount: money(x.amount), status: x.status, paidAt: iso(x.paidAt), method: x.method })),
    })),
    claims: claims.map((x) => ({
      number: x.number, policyNumber: x.policy.number, line: x.line, status: x.status, reportedAt: x.createdAt.toISOString(),
      incidentAt: iso(x.incidentAt), description: maskText(x.description), amountPaid: money(x.amountPaid),
    })),
    complaints: complaints.map((x) => ({
      number: x.number, category: x.category, status: x.status, subject: maskText(x.subject), receivedAt: x.receivedAt.toISOString(),
      acceptanceDeadline: x.acceptanceDeadline.toISOString(), decisionDeadline: iso(x.decisionDeadline), decidedAt: iso(x.decidedAt),
    })),
    serviceRequests: serviceRequests.map((x) => ({
      number: x.number, type: x.type, status: x.status, policyNumber: x.policy?.number ?? null, createdAt: x.createdAt.toISOString(),
    })),
    interactions: interactions.map((x) => ({ at: x.occurredAt.toISOString(), kind: x.kind, channel: x.channel, summary: maskText(x.summary) })),
    conversations: conversations.map((x) => ({
      id: x.id, channel: x.channel, owner: x.owner, messages: x._count.messages, startedAt: x.createdAt.toISOString(), lastMessageAt: iso(x.lastMessageAt),
    })),
  };
}

/** One transcript line as staff see it (text masked). */
export interface TranscriptMessage {
  at: string;
  /** in | out | note (staff-internal, never sent to the customer) */
  direction: string;
  author: string;
  kind: string;
  status: string;
  intent: string | null;
  confidence: number | null;
  text: string;
  error: string | null;
  attachments: number;
}

/** A conversation and its messages in order. */
export interface TranscriptView {
  conversation: {
    id: string; channel: string; owner: string; assignedTo: string | null; language: string;
    customer: { name: string; code: string | null } | null; startedAt: string; lastMessageAt: string | null;
  };
  messages: TranscriptMessage[];
}

/** The transcript of one conversation, oldest first; null when there is no such conversation. */
export async function getTranscript(db: Db, conversationId: string): Promise<TranscriptView | null> {
  const c = await db.conversation.findUnique({
    where: { id: conversationId },
    include: { customer: { select: { name: true, code: true } }, messages: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } },
  });
  if (!c) return null;
  return {
    conversation: {
      id: c.id, channel: c.channel, owner: c.owner, assignedTo: c.assignedTo, language: c.language,
      customer: c.customer ? { name: maskName(c.customer.name), code: c.customer.code } : null,
      startedAt: c.createdAt.toISOString(), lastMessageAt: iso(c.lastMessageAt),
    },
    messages: c.messages.map((m) => ({
      at: m.createdAt.toISOString(), direction: m.direction, author: m.author, kind: m.kind, status: m.status,
      intent: m.intent, confidence: m.confidence, text: maskText(m.text), error: m.error,
      attachments: Array.isArray(m.attachments) ? m.attachments.length : 0,
    })),
  };
}
