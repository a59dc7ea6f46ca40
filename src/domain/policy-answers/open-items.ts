import type { Customer } from '../../generated/sqlite/client.ts';
import type { CoreDeps } from '../../core/turn.ts';
import { t, type Lang } from '../../i18n/index.ts';
import { shanghaiDate } from '../calendar/shanghai-time.ts';
import { OPEN_STATUSES } from '../complaints/types.ts';

/** Claim, complaint and service-request states that are finished: everything else is still "in progress". */
const CLAIM_DONE = ['paid', 'closed', 'rejected'];
const REQUEST_OPEN = ['open', 'in_progress'];

/** One piece of the customer's business still in progress. */
export interface OpenItem {
  kind: 'claim' | 'complaint' | 'request';
  number: string;
  status: string;
  /** Claim: its policy number; service request: its type. */
  detail?: string;
  since: string;
}

/**
 * The customer's own claims, complaints and service requests that are not finished, oldest first. Only what the
 * customer filed themselves (`customerId`): a claim the policyholder reported is not shown to the insured here.
 */
export async function openItems(deps: Pick<CoreDeps, 'db'>, customer: Pick<Customer, 'id'>): Promise<OpenItem[]> {
  const [claims, complaints, requests] = await Promise.all([
    deps.db.claim.findMany({ where: { customerId: customer.id, status: { notIn: CLAIM_DONE } }, include: { policy: { select: { number: true } } }, orderBy: { createdAt: 'asc' } }),
    deps.db.complaint.findMany({ where: { customerId: customer.id, status: { in: [...OPEN_STATUSES] } }, orderBy: { receivedAt: 'asc' } }),
    deps.db.serviceRequest.findMany({ where: { customerId: customer.id, status: { in: REQUEST_OPEN } }, orderBy: { createdAt: 'asc' } }),
  ]);
  return [
    ...claims.map((c): OpenItem => ({ kind: 'claim', number: c.number, status: c.status, detail: c.policy.number, since: shanghaiDate(c.createdAt) })),
    ...complaints.map((c): OpenItem => ({ kind: 'complaint', number: c.number, status: c.status, since: shanghaiDate(c.receivedAt) })),
    ...requests.map((r): OpenItem => ({ kind: 'request', number: r.number, status: r.status, detail: r.type, since: shanghaiDate(r.createdAt) })),
  ];
}

/** "您在办的业务：" and one line per item, or the "nothing open" sentence. */
export function renderOpenItems(lang: Lang, items: OpenItem[]): string {
  if (!items.length) return t(lang, 'inquiry:policy.open.none');
  const line = (x: OpenItem) => {
    switch (x.kind) {
      case 'claim':
        return t(lang, 'inquiry:policy.open.claim', { number: x.number, policy: x.detail, status: t(lang, `claim:status.${x.status}`), date: x.since });
      case 'complaint':
        return t(lang, 'inquiry:policy.open.complaint', { number: x.number, status: t(lang, `complaint:statusName.${x.status}`), date: x.since });
      case 'request':
        return t(lang, 'inquiry:policy.open.request', { number: x.number, type: t(lang, `service:type.${x.detail}`), status: t(lang, `inquiry:policy.open.requestStatus.${x.status}`), date: x.since });
    }
  };
  return [t(lang, 'inquiry:policy.open.head'), ...items.map((x) => `· ${line(x)}`)].join('\n');
}
