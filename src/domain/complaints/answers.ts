/**
 * Pure readers for the complainant's answers (what the complaint dialog asks), kept out of the flow so they can be
 * tested on their own.
 */
import type { ComplainantRole } from './types.ts';

/** A third party in words that only speak of the complainant (used at any step). */
const THIRD_STATED = /未获?委托|(他|她|本人|消费者)(并)?(没|没有|不知道)(让|叫|委托|授权)?我(来|投诉|反映|代|帮|找)|只是(他|她)的?(朋友|同事|邻居)|(she|he|they) (didn'?t|did not|never) (ask|authori[sz]e|send) me to( (complain|come|do (this|it)|contact)|[ ,.!]*$)|(i'?m|i am) just (her|his|their|a) (friend|colleague|neighbou?r)|没有?(获得)?委托|没授权|未授权|无授权|替(他|她|别人|朋友|家人|亲戚|同事|我(朋友|家人|妈|爸|老公|老婆))|帮(朋友|别人|亲戚|同事|邻居)(投诉|反映)|someone else|without (any )?authori[sz]ation|not authori[sz]ed|on behalf of (a|my) (friend|colleague|neighbou?r)/i;
/** Further answers that mean a third party at the role question itself (the button, "for my friend"). */
const THIRD = /第三方|third[- ]party|帮(朋友|别人|亲戚|同事|邻居)|(朋友|同事|邻居|亲戚)(让|的事|被)|for (a|my) (friend|colleague|neighbou?r)/i;
/** An authorised agent in words about the speaker ("我是她的代理人", "I have her power of attorney"). */
const AGENT_STATED = /我是(他|她|消费者|投保人|被保险人)?的?(受托|委托)?(代理人|监护人|继承人|法定代表人)|我(有|拿到了?|带了?)(他|她)?的?(授权|委托)|受(他|她)?委托|(i'?m|i am) (his|her|their|the) (authori[sz]ed )?(agent|representative|guardian|heir|executor)|i have (his|her|their|a) (power of attorney|authori[sz]ation|written authori[sz]ation)|power of attorney/i;
/** Any agent word, enough at the role question. */
const AGENT = /委托|代理|授权|监护|继承|法定代表|agent|authori[sz]ed|power of attorney|guardian|heir|executor|on (his|her|their) behalf/i;
/** The consumer themself, said plainly. */
const SELF_STATED = /本人|我自己|就是我|我是(投保人|被保险人|消费者)|myself|it'?s me\b|i('m| am) (the )?(consumer|customer|policy ?holder|insured)/i;
/** Further self answers at the role question. */
const SELF = /是我|自己|投保人|被保险人|消费者|^me$|^self$|policy ?holder|^i am$|^yes$/i;
/** "我是她女儿", "I'm her son": someone speaking of another person's policy, not the consumer themself. */
const RELATIVE = /我是(他|她|消费者|投保人|被保险人)的?(女儿|儿子|妈妈?|爸爸?|母亲|父亲|老公|老婆|丈夫|妻子|家人|亲戚|朋友|同事|邻居)|(i'?m|i am) (his|her|their) (daughter|son|mother|father|mum|mom|dad|husband|wife|relative|friend|colleague|neighbou?r)/i;

/**
 * Who is complaining, as an answer to the role question; null when the answer does not say. Third party is
 * checked first ("未获委托" names 委托).
 */
export function parseRole(text: string): ComplainantRole | null {
  const s = text.trim();
  if (THIRD_STATED.test(s) || THIRD.test(s)) return 'third_party';
  if (AGENT.test(s)) return 'authorised_agent';
  if (RELATIVE.test(s)) return null;
  return SELF_STATED.test(s) || SELF.test(s) ? 'self' : null;
}

/**
 * The role said in words about the speaker, for answers at other steps ("对 我本人" confirming the category also
 * says who complains; "the hotline agent I spoke to" does not). A relative or friend who names no authorisation is
 * left open (null): they may hold a power of attorney, so the role question is asked.
 */
export function statedRole(text: string): ComplainantRole | null {
  const s = text.trim();
  if (THIRD_STATED.test(s)) return 'third_party';
  if (AGENT_STATED.test(s)) return 'authorised_agent';
  if (RELATIVE.test(s)) return null;
  return SELF_STATED.test(s) ? 'self' : null;
}

const NOT_A_NAME = /投诉|查询|进度|报案|理赔|退保|保单|人工|客服|领导|经理|骗|垃圾|怎么|什么|为什么|我要|我想|不要|不想|你们|[吗呢吧啊]$|[？?！!]|\b(want|complain|claim|policy|status|how|what|why|manager)\b/i;

/** A person's name (for agents: both names): 2–40 characters, no digits, prefixes like 我叫/my name is dropped. */
export function parseName(text: string): string | null {
  const s = text
    .trim()
    .replace(/^(我叫|我是|我姓名是|姓名是?|名字是?|名字叫|本人|my name is|name:?|i am|i'm)\s*[:：]?\s*/i, '')
    .replace(/[。.!！]+$/, '')
    .trim();
  if (s.length < 2 || s.length > 40 || /\d/.test(s)) return null;
  // Requests and questions are not names ("查询投诉进度", "你们这帮骗子"); a pure Han name has at most six characters.
  if (NOT_A_NAME.test(s) || /^[\u4e00-\u9fff]{7,}$/.test(s)) return null;
  if (!/[\u4e00-\u9fffA-Za-z]{2,}/.test(s)) return null;
  return s;
}

/** A mainland mobile number from the NLU entity or the text itself. */
export function parseMobile(text: string, entity?: string): string | null {
  if (entity && /^1[3-9]\d{9}$/.test(entity)) return entity;
  const m = text.replace(/[\s-]/g, '').match(/(?<!\d)(?:\+?86)?(1[3-9]\d{9})(?!\d)/);
  return m ? m[1] : null;
}

/** Answers at the materials step. */
export type MaterialsAnswer = 'files' | 'done' | 'none' | 'later';

/** Files sent, "done", "none" or "later"; null for anything else. */
export function parseMaterialsAnswer(text: string, attachmentCount: number): MaterialsAnswer | null {
  if (attachmentCount > 0) return 'files';
  const s = text.trim();
  if (/稍后|以后|晚点|晚些|之后|回头|明天|过几天|补充|补发|再发|later|tomorrow|afterwards|follow/i.test(s)) return 'later';
  if (/^(好了|好|发完了?|完了|完成|就这些|就这么多|没了|ok|okay|done|finished|that'?s (all|it))[!！。.～~ ]*$/i.test(s)) return 'done';
  if (/没有|没|无|不需要|none|no(thing)?\b|n\/a/i.test(s)) return 'none';
  return null;
}

/** Fewer meaningful characters than this (Han characters + Latin words) means the key facts are missing. */
export const MIN_FACT_UNITS = 8;

/** Han characters and Latin words in a text: a rough measure of how much was told. */
export function factUnits(text: string): number {
  return (text.match(/[\u4e00-\u9fff]/g)?.length ?? 0) + (text.match(/[A-Za-z]{2,}/g)?.length ?? 0);
}

/**
 * What is still missing from a complaint (art. 13: the request, main facts and supporting materials; art. 14: an
 * agent's power of attorney). An empty list means complete.
 */
export function missingItems(opts: { facts: string; role: ComplainantRole; materials: MaterialsAnswer | undefined; materialCount: number }): Array<'facts' | 'materials' | 'authorisation'> {
  const out: Array<'facts' | 'materials' | 'authorisation'> = [];
  if (factUnits(opts.facts) < MIN_FACT_UNITS) out.push('facts');
  if (opts.materials === 'later' && !(opts.role === 'authorised_agent' && opts.materialCount === 0)) out.push('materials');
  if (opts.role === 'authorised_agent' && opts.materialCount === 0) out.push('authorisation');
  return out;
}
