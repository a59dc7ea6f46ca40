/**
 * What a message sent in the middle of a flow is: an answer to the step, or one of the moves customers make at any
 * step — give up, ask for a person, ask a question, switch to another need, correct an earlier answer, vent.
 * Built once here so every present and future flow gets the same behaviour (issue 11, "Interruptions everywhere").
 *
 * Two checks, because steps differ: a free-text step (a place, a description) would accept anything as its answer,
 * so interruptions are recognised *before* the step sees the message; a strict step (a date, a phone, yes/no, a
 * choice, photos) is given the message first and only a refused answer is examined as an interruption, so a valid
 * answer that happens to look like something else ("不是" at a yes/no question) is never misread.
 */
import { hasCorrectionCue, isCancelRequest, isHumanRequest, isQuestionForm, isSupervisorRequest, isVenting } from '../nlu/acts/index.ts';
import { compact } from '../nlu/acts/confirm.ts';
import type { Intent, NluResult } from '../nlu/types.ts';

export type Interruption =
  | { kind: 'cancel' }
  | { kind: 'human'; supervisor: boolean }
  | { kind: 'switch'; intent: Intent }
  | { kind: 'question' }
  | { kind: 'correct'; slots: Record<string, unknown> }
  | { kind: 'vent' };

/** A different need must be at least this sure before it interrupts a flow. */
export const SWITCH_AT = 0.85;

export interface TurnFacts {
  text: string;
  nlu: NluResult;
  /** The flow in progress. */
  flow: string;
  /** Flows that exist (a switch only goes to one of them). */
  flows: ReadonlySet<string>;
  /** The waiting step takes free text. */
  freeText: boolean;
  /** The waiting step is a yes/no question. */
  yesNo: boolean;
  /** Slot updates the flow reads from the message as a correction (FlowDefinition.correct), or null. */
  corrections: () => Record<string, unknown> | null;
  /** The knowledge base has a confident answer to the text. */
  kbKnows: (text: string) => boolean;
}

const hasData = (n: NluResult) => {
  const e = n.entities;
  return Boolean(e.policyNumber || e.claimNumber || e.complaintNumber || e.serviceNumber || e.phone || e.idNumber || e.datetime || e.plate);
};

const NEED_VERB = /^(?:那|那我|我|我们)?(?:要|想|想要|需要|得|还要|还想|申请|帮我|给我|麻烦|请)(?:先)?(?:报案|报个案|投诉|举报|查|查询|查一下|办|办理|改|退保|转人工)|^(?:查|查询|查一下)(?:理赔|投诉|报案|进度)|^(?:报案|投诉|举报)$|^(?:i(?:'d| would)? (?:want|like|need)|can i|help me|let me|i have to)/i;
/** A plainly stated need ("我要投诉", "查一下理赔进度"), not an answer that merely mentions one ("全额退还保费"). */
const plainStatement = (text: string) => {
  const t = text.trim().replace(/^(?:对了|还有|另外|顺便|等下|等等|哦|噢|那个)[，,\s]*/u, '');
  return compact(t).length <= 16 && !isQuestionForm(t) && NEED_VERB.test(t);
};

// A need stated outright anywhere in a longer message: "等下 我要先报案 车刚才被撞了", "先帮我查查投诉处理到哪了".
const NEED_ANYWHERE = /(?:要|想|得|需要)(?:改|换|变更|更新|修改)(?:一下|下)?[。.!！]*$|(?:我要|我想|我得|要先|先帮我|帮我|给我)(?:先)?(?:报案|报个案|报险|投诉|举报|查(?:查|一下)?(?:理赔|投诉|进度|处理到哪)|转人工)|先(?:报案|投诉|查(?:查|一下)?)|\b(?:i (?:need|want) to (?:report|file|make) a claim|(?:let me|i want to|i need to) (?:check|file|make|report)\b)/i;
// Strong question marks: what a description or an answer hardly ever ends or starts with.
const STRONG_QUESTION = /[?？]\s*$|(?:吗|呢|么|嘛)[啊呀哈吧\s]*$|会不会|能不能|可不可以|是不是|有没有|要不要|多久|多长时间|怎么办|咋办|^(?:what|how|when|where|which|who|why|can|could|do|does|is|are|will|would|should)\b/i;

/** Checked before any step sees the message. */
export function interruptBefore(f: TurnFacts): Interruption | null {
  if (isCancelRequest(f.text, { yesNo: f.yesNo })) return { kind: 'cancel' };
  const human = f.nlu.intent === 'human_agent' && f.nlu.confidence >= 0.6;
  // In a free-text answer "你们电话客服" or "你们客服人员态度很差" names staff without asking for one: there only a
  // short, explicit request counts.
  if (isSupervisorRequest(f.text) || (f.freeText ? isHumanRequest(f.text) && compact(f.text).length <= 20 : human || isHumanRequest(f.text)))
    return { kind: 'human', supervisor: isSupervisorRequest(f.text) };
  if (!f.freeText) return null;
  if (hasCorrectionCue(f.text)) {
    const slots = f.corrections();
    if (slots && Object.keys(slots).length) return { kind: 'correct', slots };
  }
  if (isSwitch(f, 0.6) && (plainStatement(f.text) || NEED_ANYWHERE.test(f.text))) return { kind: 'switch', intent: f.nlu.intent };
  if (isQuestionForm(f.text) && ((f.nlu.intent === 'inquiry' && f.nlu.confidence >= 0.5) || f.kbKnows(f.text) || STRONG_QUESTION.test(f.text.trim())))
    return { kind: 'question' };
  return null;
}

/** Checked after a strict step refused the message as its answer. */
export function interruptAfterRefusal(f: TurnFacts): Interruption | null {
  const slots = f.corrections();
  if (slots && Object.keys(slots).length && (hasCorrectionCue(f.text) || f.yesNo)) return { kind: 'correct', slots };
  // A question about the need at hand ("多久能赔下来啊" while reporting a claim) is answered, not a switch.
  if (isQuestionForm(f.text)) return { kind: 'question' };
  // Praise ("great service!!") is not a complaint, whatever the classifier's guess.
  if ((isSwitch(f) && !hasData(f.nlu) && f.nlu.sentiment !== 'positive') || (isSwitch(f, 0.6) && NEED_ANYWHERE.test(f.text))) return { kind: 'switch', intent: f.nlu.intent };
  if (f.nlu.sentiment === 'negative' || isVenting(f.text)) return { kind: 'vent' };
  return null;
}

function isSwitch(f: TurnFacts, at = SWITCH_AT): boolean {
  const { intent, confidence } = f.nlu;
  return intent !== f.flow && intent !== 'inquiry' && f.flows.has(intent) && confidence >= at;
}
