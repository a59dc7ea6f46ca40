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

/** Words that only say "I want to report" (stripped before judging whether a message tells what happened). */
const REPORT_WORDS = /我?(要|想|需要)?举报(他|她|一下|你们)?|投诉|(i (want|need|would like|'d like) to )?report (him|her|them|this|misconduct|one of your agents?)|i want to report|whistle-?blow(ing)?/gi;
/** Han characters plus Latin words left after the report words: what a message tells of the misconduct. */
export const REPORT_FACT_UNITS = 15;

/**
 * The message itself as "what happened" when it tells enough of it ("你们有个业务员收了我钱没给我出保单 让我直接转他
 * 微信的 我要举报他"), else null — so the reporter is not asked again for what they already said.
 */
export function reportedFacts(text: string): string | null {
  const told = text.replace(REPORT_WORDS, ' ');
  const units = (told.match(/[\u4e00-\u9fff]/g)?.length ?? 0) + (told.match(/[A-Za-z]{2,}/g)?.length ?? 0);
  return units >= REPORT_FACT_UNITS ? text.trim() : null;
}

const MISCONDUCT = /收了?.{0,4}(钱|现金|保费)|私下|挪用|侵占|骗|假(保单|单)|飞单|代签|冒签|回扣|好处费|索要|截留|转(到|给)?(他|她)?(个人|私人|微信|支付宝)|cash|kickback|bribe|forg(ed|ery)|fake|stole|pocketed|took (my|the) (money|premium)|misappropriat|private account/i;

/** A who-answer that also tells what happened ("业务员张三 他收了我五千块现金没给收据"): the facts, else null. */
export function factsWithWho(text: string): string | null {
  return MISCONDUCT.test(text) ? reportedFacts(text) : null;
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
