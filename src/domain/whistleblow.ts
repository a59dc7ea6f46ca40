/**
 * 举报 — misconduct reports (fraud, fake policies, misappropriated premiums, bribery). They go only to the
 * compliance queue, and the reporter's identity never appears on a staff card: the stored report keeps the channel
 * identity for compliance follow-up, the card carries the facts with contact details removed.
 */
import type { WhistleblowReport } from '../generated/sqlite/client.ts';
import type { CoreDeps } from '../core/turn.ts';
import { t } from '../i18n/index.ts';
import { createWithReference } from './reference-numbers.ts';
import { raiseEscalation } from './escalations.ts';

/** What the reporter told us. */
export interface WhistleblowInput {
  /** Kept on the report for compliance only; never on the card. */
  identityId?: string;
  conversationId: string;
  /** Who is reported (agent, branch, person...). */
  subject: string;
  /** What happened. */
  what: string;
  /** When (free text, may be "不清楚"). */
  when?: string;
  /** Evidence described in words. */
  evidence?: string;
  /** Evidence files stored with the report. */
  evidenceCount?: number;
  /** How compliance may reach the reporter; absent = anonymous. */
  contact?: string;
  /**
   * What we know identifies the reporter (verified customer's name and phone, the channel display name): removed
   * from the card if the reporter wrote it into the facts. Not stored.
   */
  reporterTraits?: Array<string | null | undefined>;
}

const REDACTED = '[…]';
const CONTACT_PATTERNS = [
  /\b\d{17}[\dXx]\b/g, // ID numbers
  /(?<!\d)\d{12,19}(?!\d)/g, // bank cards
  /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)/g, // mobiles
  /(?<!\d)0\d{2,3}[\s-]?\d{7,8}(?!\d)/g, // landlines
  /[\w.+-]+@[\w-]+\.[\w.]+/g, // e-mail
  /(?:微信号?|wechat(?: id)?|vx|qq)\s*(?:is|是|号是|[:：])?\s*[A-Za-z0-9_-]{5,}/gi, // chat accounts
];

/**
 * Removes (not masks) contact and identity numbers from free text shown on the compliance card, and any of the
 * reporter's known traits (name, phone, display name).
 */
export function redactContacts(text: string, traits: Array<string | null | undefined> = []): string {
  let out = text;
  for (const trait of traits) if (trait && trait.trim().length >= 2) out = out.split(trait.trim()).join(REDACTED);
  for (const re of CONTACT_PATTERNS) out = out.replace(re, REDACTED);
  return out;
}

/** The compliance card's text: the facts only — no name, phone or identity of the reporter. */
export function complianceSummary(r: WhistleblowReport, evidenceCount: number, traits: Array<string | null | undefined> = []): string {
  return t('zh', 'whistleblow:staff.summary', {
    number: r.number,
    subject: redactContacts(r.subject, traits).slice(0, 200),
    facts: redactContacts(r.facts, traits).slice(0, 800),
    evidence: evidenceCount,
    contact: t('zh', r.anonymous ? 'whistleblow:staff.anonymous' : 'whistleblow:staff.contactOnFile'),
  });
}

/**
 * Files a report under a JB number and raises it in the `compliance` queue only. Not put on any customer timeline:
 * a timeline row would tell general staff who reported.
 */
export async function fileWhistleblowReport(deps: Pick<CoreDeps, 'db' | 'clock' | 'events'>, input: WhistleblowInput): Promise<WhistleblowReport> {
  const now = deps.clock.now();
  const facts = [
    input.what.trim(),
    input.when?.trim() ? `${t('zh', 'whistleblow:label.when')}${input.when.trim()}` : '',
    input.evidence?.trim() ? `${t('zh', 'whistleblow:label.evidence')}${input.evidence.trim()}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const report = await createWithReference(
    'JB',
    now,
    (prefix) => deps.db.whistleblowReport.count({ where: { number: { startsWith: prefix } } }),
    (number) =>
      deps.db.whistleblowReport.create({
        data: {
          number,
          identityId: input.identityId,
          conversationId: input.conversationId,
          subject: input.subject.trim(),
          facts,
          contact: input.contact?.trim() || null,
          anonymous: !input.contact?.trim(),
          status: 'open',
          createdAt: now,
        },
      }),
  );
  await raiseEscalation(deps, {
    conversationId: input.conversationId,
    queue: 'compliance',
    intent: 'whistleblow',
    summary: complianceSummary(report, input.evidenceCount ?? 0, [...(input.reporterTraits ?? []), input.contact]),
    refType: 'WhistleblowReport',
    refId: report.id,
  });
  return report;
}
