/**
 * 举报 — misconduct reports (fraud, fake policies, misappropriated premiums, bribery). They go only to the
 * compliance queue, and the reporter's identity never appears on a staff card: the stored report keeps the channel
 * identity for compliance follow-up, the card carries the facts with contact details removed.
 */
import type { WhistleblowReport } from '../generated/sqlite/client.ts';
import type { CoreDeps } from '../core/turn.ts';
import { t } from '../i18n/index.ts';
import { findPii, foldWidth } from './pii.ts';
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
/** Beyond {@link findPii}: contact numbers written loosely, and chat accounts. Run on width-folded text. */
const CONTACT_PATTERNS = [
  /(?<!\d)\d{12,19}(?!\d)/g, // bank cards and other long numbers
  /(?<!\d)0\d{2,3}[\s-]?\d{7,8}(?!\d)/g, // landlines without a separator
  /(?:微信号?|wechat(?: id)?|vx|qq)\s*(?:is|是|号是|[:：])?\s*[A-Za-z0-9_-]{5,}/gi, // chat accounts
];

/** Replaces the given `[start, end)` ranges of `text` (sorted, possibly overlapping) by {@link REDACTED}. */
function cutRanges(text: string, ranges: Array<[number, number]>): string {
  let out = '';
  let at = 0;
  for (const [s, e] of ranges.sort((a, b) => a[0] - b[0])) {
    if (e <= at) continue;
    out += text.slice(at, Math.max(at, s)) + REDACTED;
    at = e;
  }
  return out + text.slice(at);
}

/**
 * Removes (not masks) contact and identity numbers from free text shown on the compliance card — every kind of
 * personal data {@link findPii} knows, however written — and any of the reporter's known traits (name, phone,
 * display name).
 */
export function redactContacts(text: string, traits: Array<string | null | undefined> = []): string {
  let out = text;
  for (const trait of traits) if (trait && trait.trim().length >= 2) out = out.split(trait.trim()).join(REDACTED);
  const folded = foldWidth(out);
  const ranges: Array<[number, number]> = findPii(out).map((p) => [p.start, p.end]);
  for (const re of CONTACT_PATTERNS) for (const m of folded.matchAll(re)) ranges.push([m.index, m.index + m[0].length]);
  return cutRanges(out, ranges);
}

/** Common surnames: a self-introduction must start with one to be taken as a name ("我是张三", not "我是客户"). */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧';
const SELF_NAME_ZH = new RegExp(`(?:我是|我叫|我的名字(?:是|叫)|本人(?:是|叫)?|鄙人|在下|我姓)\\s*((?:老|小)?[${SURNAMES}][\\u4e00-\\u9fff]{0,2})`, 'g');
/** What follows "我是/本人" and starts with a surname character but is not a name (我是向你们举报, 本人钱被骗了). */
const NOT_A_NAME = /^(?:向[你您]|方便|于是|高中|金额|金融|白白|何时|万一|任何|钱[被款财都也]|程序|马上|江湖|石头|龙头|毛钱|包括|客户|业务)/;
const SELF_NAME_EN = /\b(?:[Mm]y name is|[Mm]y name's|I am|I'm|[Tt]his is|[Cc]all me)\s+((?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+){0,2})/g;
const SELF_NAME_EN_ANY = /\b(?:my name is|my name's)\s+([A-Za-z]+(?:\s+[A-Za-z]+)?)/gi;

/**
 * Names the reporter gave for themselves ("我是张三", "本人李四", "my name is Zhao Lei") — for an anonymous report,
 * so they can be removed wherever they appear.
 */
export function selfStatedNames(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(SELF_NAME_ZH)) {
    const name = m[1];
    if (NOT_A_NAME.test(name)) continue;
    names.add(name);
    // Han text has no spaces: "我是张三他收了钱" captures 张三他, so 张三 alone is removed elsewhere too.
    const bare = name.replace(/^[老小]/, '');
    if (bare.length === 3) names.add(name.slice(0, name.length - 1));
  }
  for (const re of [SELF_NAME_EN, SELF_NAME_EN_ANY]) for (const m of text.matchAll(re)) names.add(m[1].trim());
  return [...names];
}

/**
 * Removes self-stated names: "我是张三" → "我是[…]", "我姓刘" → "我姓[…]"; names of two or more characters are also
 * removed elsewhere in the text.
 */
function redactSelfNames(text: string, names: string[]): string {
  let out = text.replace(SELF_NAME_ZH, (all: string, name: string) => (NOT_A_NAME.test(name) ? all : all.slice(0, all.length - name.length) + REDACTED));
  // Longest first, so "张三丰" is not left as "[…]丰" after "张三".
  for (const n of [...names].sort((a, b) => b.length - a.length)) if (n.length >= 2) out = out.split(n).join(REDACTED);
  return out;
}

/**
 * The compliance card's text: the facts only — no name, phone or identity of the reporter. For an anonymous
 * report, a name the reporter stated for themselves in the facts is removed too.
 */
export function complianceSummary(r: WhistleblowReport, evidenceCount: number, traits: Array<string | null | undefined> = []): string {
  const names = r.anonymous ? selfStatedNames(`${r.subject}\n${r.facts}`) : [];
  const clean = (s: string) => redactContacts(r.anonymous ? redactSelfNames(s, names) : s, traits);
  return t('zh', 'whistleblow:staff.summary', {
    number: r.number,
    subject: clean(r.subject).slice(0, 200),
    facts: clean(r.facts).slice(0, 800),
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
