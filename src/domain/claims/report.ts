import type { Claim } from '../../generated/sqlite/client.ts';
import type { CoreDeps } from '../../core/turn.ts';
import { t } from '../../i18n/index.ts';
import { shanghaiDate, shanghaiTime } from '../calendar/shanghai-time.ts';
import { raiseEscalation, recordInteraction } from '../escalations.ts';
import { maskName, maskPhone, maskText } from '../pii.ts';
import { linkAttachments } from './attachments.ts';
import { withClaimNumber } from './claim-number.ts';
import { lineNameKey } from './lines.ts';
import type { ClaimPolicy } from './policy-lookup.ts';

/** Everything a first notice of loss collected. */
export interface ClaimReportInput {
  policy: ClaimPolicy;
  conversationId: string;
  channel: string;
  incidentAt: Date;
  /** The customer's own words for the time (昨天下午三点). */
  incidentText?: string;
  place: string;
  description: string;
  /** What the customer said; `none` when nobody was hurt. */
  injuries?: string;
  /** The other party (plate, person); `none` for a single-party incident. */
  otherParties?: string;
  /** `yes` / `no`, or the customer's own words about the police report. */
  policeReport?: string;
  hospital?: string;
  callbackPhone?: string;
  attachmentIds: string[];
}

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai. */
export function formatShanghai(d: Date): string {
  const { hour, minute } = shanghaiTime(d);
  return `${shanghaiDate(d)} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/**
 * Files a first notice of loss: the Claim (with a BA report number), its photos, a claim_report row on the
 * customer's timeline, and an escalation to the claims queue whose summary carries masked personal data only.
 */
export async function createClaimReport(deps: Pick<CoreDeps, 'db' | 'clock' | 'events'>, input: ClaimReportInput): Promise<Claim> {
  const now = deps.clock.now();
  // The schema has no hospital column; the hospital is part of what happened for the handler.
  const description = input.hospital ? `${input.description}\n[医院 / hospital] ${input.hospital}` : input.description;
  const claim = await withClaimNumber(deps.db, now, (number) =>
    deps.db.claim.create({
      data: {
        number,
        policyId: input.policy.policyId,
        customerId: input.policy.customerId,
        conversationId: input.conversationId,
        line: input.policy.line,
        incidentAt: input.incidentAt,
        incidentText: input.incidentText,
        place: input.place,
        description,
        injuries: input.injuries,
        otherParties: input.otherParties,
        policeReport: input.policeReport,
        callbackPhone: input.callbackPhone,
        status: 'reported',
        createdAt: now,
      },
    }),
  );
  const photos = await linkAttachments(deps, claim.id, input.attachmentIds);
  await recordInteraction(deps, {
    customerId: claim.customerId,
    conversationId: input.conversationId,
    kind: 'claim_report',
    channel: input.channel,
    summary: `${claim.number} ${input.policy.number}`,
    refType: 'Claim',
    refId: claim.id,
  });
  const customer = await deps.db.customer.findUnique({ where: { id: claim.customerId }, select: { name: true } });
  await raiseEscalation(deps, {
    conversationId: input.conversationId,
    queue: 'claims',
    intent: 'claim_report',
    summary: staffSummary({ ...input, description }, claim, photos, customer?.name),
    refType: 'Claim',
    refId: claim.id,
  });
  return claim;
}

/** The claims handler's card text: Chinese (the staff's language), personal data masked. */
export function staffSummary(input: ClaimReportInput, claim: Pick<Claim, 'number'>, photos: number, customerName?: string): string {
  const none = '—';
  const words = (v: string | undefined, map: Record<string, string>) => (v === undefined ? none : (map[v] ?? maskText(v)));
  return t('zh', 'claim:staff.summary', {
    number: claim.number,
    line: t('zh', lineNameKey(input.policy.line)),
    policy: input.policy.number,
    plate: input.policy.plate ?? none,
    customer: maskName(customerName) || none,
    time: formatShanghai(input.incidentAt),
    place: maskText(input.place),
    description: maskText(input.description),
    injuries: words(input.injuries, { none: '无' }),
    otherParties: words(input.otherParties, { none: '无' }),
    police: words(input.policeReport, { yes: '已报警', no: '未报警' }),
    photos,
    phone: maskPhone(input.callbackPhone) || none,
  });
}
