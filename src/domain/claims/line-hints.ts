/**
 * Which line of business a customer's words point to, so a customer with several policies is not asked to pick
 * one when they already said "意外险能报吗", "我住院了" or "my flight was delayed". A product named outright (车险,
 * 医疗险, travel insurance) decides alone; otherwise the kind of incident does. Conservative: when the words point
 * to more than one line ("车祸 骨折 住院"), the caller asks as before.
 */
import type { Line } from '../numbers.ts';

/** Products named outright. */
const NAMED: Record<Line, RegExp> = {
  auto: /车险|交强险|商业险|\b(?:car|motor|auto) insurance\b/i,
  accident: /意外险|\baccident (?:insurance|policy|cover)\b/i,
  health: /医疗险|健康险|重疾险|百万医疗|\b(?:health|medical) (?:insurance|policy|cover)\b/i,
  property: /家财险?|财产险|房屋险|\b(?:home|property|contents) (?:insurance|policy|cover)\b/i,
  travel: /旅行险|旅游险|境外险|\btravel (?:insurance|policy|cover)\b/i,
  life: /寿险|\blife (?:insurance|policy|cover)\b/i,
};

/** Kinds of incident each line covers. */
const INCIDENT: Record<Line, RegExp> = {
  auto: /(?<!电动|自行|单|摩托|三轮)车(?:子)?[又也]?(?:被|让|给)(?:人)?(?:撞|追尾|刮|蹭|剐|砸)|撞车|追尾|车祸|剐蹭|刮蹭|爆胎|车牌|倒车|停车场.{0,4}(?:撞|刮|蹭)|\b(?:my car|rear[- ]ended|car accident|fender[- ]bender)\b/i,
  accident: /摔[了倒伤断]?|跌倒|骨折|扭伤|崴了|烫伤|被狗咬|被.{0,3}咬|\b(?:fell|slipped|broke (?:my|his|her) (?:leg|arm|wrist|ankle)|fractured?)\b/i,
  health: /住院|出院|阑尾炎|看病|门诊|急诊|手术|生病|发烧|确诊|癌|肿瘤|结节|\b(?:hospitali[sz]ed|in hospital|surgery|operation|diagnosed|illness|sick)\b/i,
  property: /水管|爆管|漏水|跑水|泡水|小偷|进贼|遭贼|被盗|被偷|入室|撬[门锁]|着火|火灾|失火|家里.{0,4}(?:淹|泡|烧)|\b(?:burst pipe|burglar|burgled|break-?in|house fire|flooded)\b/i,
  travel: /航班|飞机|延误|行李|登机|护照|签证|出境|境外|旅行|旅游|\b(?:flight|delayed|baggage|luggage|trip|travel|passport|boarding)\b/i,
  life: /身故|去世|过世|离世|\b(?:passed away|death|died)\b/i,
};

const LINES = Object.keys(NAMED) as Line[];

/**
 * The lines `text` points to: the products it names, or else the lines whose incidents it mentions. Empty when
 * the message says nothing about either.
 */
export function linesMentioned(text: string): Line[] {
  const named = LINES.filter((l) => NAMED[l].test(text));
  if (named.length) return named;
  return LINES.filter((l) => INCIDENT[l].test(text));
}

/** The one option among `options` of the given lines (see {@link linesMentioned}), or undefined when none or several fit. */
export function pickByLine<T extends { line: string }>(options: T[], lines: readonly string[]): T | undefined {
  const fit = lines.length ? options.filter((p) => lines.includes(p.line)) : [];
  return fit.length === 1 ? fit[0] : undefined;
}
