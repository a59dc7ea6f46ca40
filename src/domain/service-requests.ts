/**
 * 保全 — policy service requests: the request types, what each needs from the customer, the documents to bring, and
 * the rule that beneficiary changes and surrenders always go to a person (they change who gets paid, or end cover).
 */
import type { ServiceRequest, Prisma } from '../generated/sqlite/client.ts';
import type { CoreDeps } from '../core/turn.ts';
import { t } from '../i18n/index.ts';
import { parseMobile } from './complaints/answers.ts';
import { createWithReference } from './reference-numbers.ts';
import { raiseEscalation, recordInteraction } from './escalations.ts';
import { SERVICE_TYPES, type ServiceType } from './service-types.ts';
import { maskBankCard, maskName, maskPhone, maskText } from './pii.ts';

export const SERVICE_REQUEST_TYPES = SERVICE_TYPES;
export type ServiceRequestType = ServiceType;

export const isServiceRequestType = (v: unknown): v is ServiceRequestType => SERVICE_REQUEST_TYPES.includes(v as ServiceRequestType);

/** Types a person must handle: the bot records them and hands them to the `service` queue. */
export const STAFF_ONLY: ReadonlySet<ServiceRequestType> = new Set(['change_beneficiary', 'surrender']);

/** Documents per type, as `service:doc.*` catalog keys. */
export const DOCUMENTS: Record<ServiceRequestType, string[]> = {
  change_phone: ['holderId'],
  change_address: ['holderId'],
  change_beneficiary: ['form', 'holderId', 'insuredConsent', 'beneficiaryId', 'relationship'],
  change_bank: ['form', 'holderId', 'bankCard'],
  surrender: ['surrenderForm', 'contract', 'holderId', 'bankCard'],
  reinstatement: ['reinstatementForm', 'healthDeclaration', 'holderId', 'arrears'],
  reissue: ['reissueForm', 'holderId'],
  payment_frequency: ['form', 'holderId'],
  policy_loan: ['loanForm', 'holderId', 'bankCard'],
  survival_benefit: ['benefitForm', 'payeeId', 'payeeBankCard'],
};

export const FREQUENCIES = ['annual', 'semiannual', 'quarterly', 'monthly'] as const;

/** What one type asks for: a prompt, a hint, optional buttons, and a pure reader of the answer. */
export interface DetailSpec {
  prompt: string;
  hint: string;
  choices?: string[];
  parse(text: string, entities: { phone?: string; amounts?: number[] }): Record<string, unknown> | null;
}

const FREQ_WORDS: Array<[(typeof FREQUENCIES)[number], RegExp]> = [
  ['semiannual', /半年|semi-?annual|half-?year|every six months/i],
  ['annual', /年缴|年交|按年|每年|一年一|annual|yearly|every year/i],
  ['quarterly', /季|quarter/i],
  ['monthly', /月|month/i],
];

/** Types with a details question (reinstatement and survival benefits need none: the documents say it all). */
export const DETAILS: Partial<Record<ServiceRequestType, DetailSpec>> = {
  change_phone: {
    prompt: 'service:ask.newPhone',
    hint: 'service:hint.newPhone',
    parse: (text, e) => {
      const phone = parseMobile(text, e.phone);
      return phone ? { newPhone: phone } : null;
    },
  },
  change_address: {
    prompt: 'service:ask.newAddress',
    hint: 'service:hint.newAddress',
    parse: (text) => (text.trim().length >= 6 && /[\u4e00-\u9fff]{4,}|[A-Za-z]{3,}.*\d|\d.*[A-Za-z]{3,}/.test(text) ? { newAddress: text.trim() } : null),
  },
  change_beneficiary: {
    prompt: 'service:ask.beneficiary',
    hint: 'service:hint.beneficiary',
    parse: (text) => (text.trim().length >= 2 && !/^\d+$/.test(text.trim()) ? { beneficiary: text.trim() } : null),
  },
  change_bank: {
    prompt: 'service:ask.bank',
    hint: 'service:hint.bank',
    parse: (text) => {
      const digits = text.match(/(?<!\d)\d(?:[\s-]?\d){11,18}(?!\d)/)?.[0].replace(/\D/g, '');
      if (!digits || digits.length < 12 || digits.length > 19) return null;
      const bank = text.replace(/\d[\d\s-]*/g, ' ').replace(/[，,:：]/g, ' ').trim();
      // Only the masked number is kept: the full number arrives on the signed form with the card copy.
      return { accountMasked: maskBankCard(digits), accountLast4: digits.slice(-4), ...(bank ? { bank } : {}) };
    },
  },
  surrender: {
    prompt: 'service:ask.surrenderReason',
    hint: 'service:hint.surrenderReason',
    parse: (text) => (text.trim() ? { reason: text.trim() } : null),
  },
  reissue: {
    prompt: 'service:ask.reissueReason',
    hint: 'service:hint.reissueReason',
    choices: ['service:choice.lost', 'service:choice.damaged'],
    parse: (text) => (/丢|遗失|找不到|不见|lost|missing/i.test(text) ? { reason: 'lost' } : /坏|损|破|湿|damaged|torn|broken/i.test(text) ? { reason: 'damaged' } : null),
  },
  payment_frequency: {
    prompt: 'service:ask.frequency',
    hint: 'service:hint.frequency',
    choices: FREQUENCIES.map((f) => `service:frequency.${f}`),
    parse: (text) => {
      const hit = FREQ_WORDS.find(([, re]) => re.test(text));
      return hit ? { frequency: hit[0] } : null;
    },
  },
  policy_loan: {
    prompt: 'service:ask.loanAmount',
    hint: 'service:hint.loanAmount',
    parse: (text, e) => {
      const amount = e.amounts?.[0] ?? Number(text.replace(/[,，\s元块yuanrmb¥]/gi, '').match(/^\d+(\.\d+)?$/)?.[0] ?? NaN);
      return Number.isFinite(amount) && amount > 0 && amount <= 10_000_000 ? { amount: Math.round(amount * 100) / 100 } : null;
    },
  },
};

/** Details as the customer or staff may see them: phones and accounts masked, free text masked. */
export function detailsText(lang: 'zh' | 'en', type: ServiceRequestType, d: Record<string, unknown>): string {
  switch (type) {
    case 'change_phone':
      return maskPhone(String(d.newPhone ?? ''));
    case 'change_bank':
      return `${d.bank ? `${String(d.bank)} ` : ''}${String(d.accountMasked ?? '')}`;
    case 'payment_frequency':
      return t(lang, `service:frequency.${String(d.frequency)}`);
    case 'reissue':
      return t(lang, `service:choice.${String(d.reason)}`);
    case 'policy_loan':
      return t(lang, 'service:amount', { amount: Number(d.amount).toLocaleString('en-US') });
    default:
      return maskText(String(d.newAddress ?? d.beneficiary ?? d.reason ?? ''));
  }
}

/** Input of {@link createServiceRequest}. */
export interface NewServiceRequest {
  customer: { id: string; name: string; phone?: string | null };
  policy: { id: string; number: string };
  conversationId: string;
  channel?: string;
  type: ServiceRequestType;
  details: Record<string, unknown>;
}

/**
 * Records a service request under a BQ number. Beneficiary changes and surrenders are flagged `needsStaff` and
 * raised to the `service` queue (masked data only); every request goes on the customer's timeline.
 */
export async function createServiceRequest(deps: Pick<CoreDeps, 'db' | 'clock' | 'events'>, req: NewServiceRequest): Promise<{ request: ServiceRequest; documents: string[] }> {
  const now = deps.clock.now();
  const needsStaff = STAFF_ONLY.has(req.type);
  const request = await createWithReference(
    'BQ',
    now,
    (prefix) => deps.db.serviceRequest.count({ where: { number: { startsWith: prefix } } }),
    (number) =>
      deps.db.serviceRequest.create({
        data: {
          number,
          customerId: req.customer.id,
          policyId: req.policy.id,
          conversationId: req.conversationId,
          type: req.type,
          details: req.details as Prisma.InputJsonValue,
          needsStaff,
          status: 'open',
          createdAt: now,
          updatedAt: now,
        },
      }),
  );
  if (needsStaff) {
    await raiseEscalation(deps, {
      conversationId: req.conversationId,
      queue: 'service',
      intent: 'policy_service',
      refType: 'ServiceRequest',
      refId: request.id,
      summary: t('zh', 'service:staff.summary', {
        number: request.number,
        type: t('zh', `service:type.${req.type}`),
        policy: req.policy.number,
        name: maskName(req.customer.name),
        phone: maskPhone(req.customer.phone) || '-',
        details: detailsText('zh', req.type, req.details) || '-',
      }),
    });
  }
  await recordInteraction(deps, {
    customerId: req.customer.id,
    conversationId: req.conversationId,
    kind: 'service_request',
    channel: req.channel,
    summary: `${request.number} ${req.type}${needsStaff ? ' (staff)' : ''}`,
    refType: 'ServiceRequest',
    refId: request.id,
  });
  return { request, documents: DOCUMENTS[req.type] };
}

/** Statuses of a service request still being worked on. */
export const OPEN_SERVICE_STATUSES = ['open', 'in_progress'] as const;

/** An open request as the customer is told about it. */
export interface OpenServiceRequest {
  number: string;
  type: string;
  status: string;
  policyNumber: string | null;
  /** ISO time it was submitted. */
  createdAt: string;
}

/**
 * The customer's service requests still being worked on, of `type` when given, newest first: mentioned before a
 * new request is opened, so the same change is not requested twice.
 */
export async function openServiceRequests(db: Pick<CoreDeps, 'db'>['db'], customerId: string, type?: string): Promise<OpenServiceRequest[]> {
  const rows = await db.serviceRequest.findMany({
    where: { customerId, status: { in: [...OPEN_SERVICE_STATUSES] }, ...(type ? { type } : {}) },
    include: { policy: { select: { number: true } } },
    orderBy: { createdAt: 'desc' },
    take: 3,
  });
  return rows.map((r) => ({ number: r.number, type: r.type, status: r.status, policyNumber: r.policy?.number ?? null, createdAt: r.createdAt.toISOString() }));
}
