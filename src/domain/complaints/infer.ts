/**
 * What an opening message already tells about a complaint, so the dialog asks less: who complains (the customer
 * speaking of "我的保单/我买的" is the policyholder themself), what they ask for ("退钱" is a refund) and whether
 * the message is venting rather than answering. Rules, like the categoriser: staff must see why.
 */
import type { ComplainantRole } from './types.ts';

const OWN = /我的(保单|保险|合同)|我(自己)?(买|投保|购买|签)的|我(在你们|从你们)?(这|那)?(里|儿)?买了|给我(自己)?买的|my (own )?(policy|insurance|contract)|i (bought|purchased|took out|signed)/i;
const FOR_OTHERS = /帮(朋友|别人|亲戚|同事|邻居)|替(他|她|别人)|(我(妈|爸|老公|老婆|父亲|母亲|儿子|女儿|家人))的(保单|保险)|on behalf of|for (my|a) (friend|mother|father|wife|husband)/i;

/** `self` when the text speaks of the writer's own policy ("我买的保险"), else null (then the role is asked). */
export function inferRole(text: string): ComplainantRole | null {
  return OWN.test(text) && !FOR_OTHERS.test(text) ? 'self' : null;
}

const REFUND = /退钱|退款|退费|退保费|退还保费|全额退|把钱退|钱退(给|还)|还我钱|还钱|refund|money back|give me my money/i;

/** Requests a complaint states plainly. */
export type InferredRequest = 'refund';

/** The request stated in the text ("退钱！！！" → refund), or null. */
export function inferRequest(text: string): InferredRequest | null {
  return REFUND.test(text) ? 'refund' : null;
}

const STAFF = /(业务员|代理人|销售员?|客服|理赔员|经理|员工|工作人员|agent|adviser|advisor|salesman|saleswoman|staff member|employee|adjuster)\s*(?:叫|named|called)?\s*([\u4e00-\u9fff]{2,3}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?=[\s,，。.!！、]|$)/;
const NOT_A_PERSON = /^(态度|说|卖|骗|给|让|把|不|没|太|很|都|就|又|也|是|在|一直|总是)/;

/**
 * Who the complaint is about when the opening names a person ("投诉你们业务员王小明 …" → "业务员王小明"), or null.
 * Only a named person is taken: "你们理赔员态度太差" names no one, so the subject is still asked.
 */
export function inferSubject(text: string): string | null {
  const m = text.match(STAFF);
  if (!m || NOT_A_PERSON.test(m[2])) return null;
  return /[\u4e00-\u9fff]/.test(m[1]) ? `${m[1]}${m[2]}` : `${m[1]} ${m[2]}`;
}

/** An opening with at least this many meaningful characters (besides "投诉") already tells what happened. */
export const OPENING_FACT_UNITS = 20;

/**
 * The opening itself as the facts when it tells enough of what happened (shown at the read-back), or null. An angry
 * opening ("你们这帮骗子 … 退钱！！！") is mostly feeling, so the facts are still asked for.
 */
export function inferFacts(text: string): string | null {
  if (isVenting(text)) return null;
  const told = text.replace(/我(要|想)?投诉|投诉|i(?:'d like| want)? to complain|complain(?:t)?/gi, '');
  const units = (told.match(/[\u4e00-\u9fff]/g)?.length ?? 0) + (told.match(/[A-Za-z]{2,}/g)?.length ?? 0);
  return units >= OPENING_FACT_UNITS ? text.trim() : null;
}

const ANGER = /[!！]{2,}|[?？]{3,}|骗子|骗钱|垃圾|坑人|黑心|无耻|流氓|气死|太过分|什么玩意|狗屁|他妈|tm|叫你们(领导|经理|负责人)|找你们(领导|经理)|领导|经理|scam|fraud|crooks?|liars?|ridiculous|disgusting|useless|manager|supervisor|wtf|damn/i;

/** True when a message that did not answer the question is venting (anger, insults, asking for a boss). */
export function isVenting(text: string): boolean {
  return ANGER.test(text);
}
