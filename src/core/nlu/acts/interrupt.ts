/**
 * Dialog acts that may interrupt any step of a flow: giving up ("算了吧", "不报了", "我不想投诉了", "forget it"),
 * asking for a person or a supervisor, asking a question instead of answering, correcting an earlier answer,
 * asking how long the wait for a person is. Lexical on purpose: these are short conversational moves with a closed
 * set of phrasings, checked before a step reads the message as its answer. The intent classifier decides *which*
 * need a switch goes to; these decide *that* the message is not an answer.
 */
import { compact } from './confirm.ts';
import { foldText } from '../normalize.ts';

const fold = (text: string) => foldText(text).toLowerCase().trim();

// Verbs of the things a customer may stop doing: 报(案)/投诉/举报/办/弄/查/填/改/退/保全.
const DOING = '(?:报案|报|投诉|投|举报|办理|办|弄|搞|查|填|改|退保|退|申请|继续|说|聊|问)';
const CANCEL_ZH = new RegExp(
  [
    `^(?:那)?(?:就)?算了(?:吧|啦|呗)?(?:不${DOING}了)?`,
    `^(?:我|那我|那)?(?:还是)?(?:先|暂时|再)?不${DOING}了`,
    '^别(?:搞|弄|问|办|报)了',
    `^(?:我)?(?:不想|不打算|不准备|不愿意|懒得)(?:再)?${DOING}(?:了)?`,
    `^(?:帮我|请)?(?:取消|撤销|撤回)(?:掉)?(?:这个|这次|本次|刚才的)?(?:报案|投诉|举报|申请|办理|业务|操作|了)?$`,
    `^(?:我)?不(?:要|用|需要)(?:${DOING}|这个)了`,
    '^(?:先)?(?:退出|结束|停止|停下|别弄了|别问了|不弄了|不玩了)(?:吧|了)?$',
    '^没事了|^没什么事了|^不用麻烦了',
  ].join('|'),
  'u',
);
const CANCEL_EN =
  /^(?:(?:ok(?:ay)?|oh|well|actually|um+|hmm+|nah|no|ah|eh)[, ]+)?(?:cancel(?: (?:it|that|this|the (?:claim|complaint|report|request)))?|stop (?:it|this|that)|quit|exit|never ?mind|forget (?:it|about it)|no(?:t)? (?:need|needed) (?:any ?more|now)|i (?:don'?t|do not) want to (?:report|complain|continue|go on|do (?:this|it))(?: any ?more)?|i(?:'?ve| have)? changed my mind|let'?s (?:stop|forget it)|abort)\b/i;

/** The customer gives up the current need, in any common phrasing. Short "不用了"/"不要了" count unless `yesNo`. */
export function isCancelRequest(text: string, opts: { yesNo?: boolean } = {}): boolean {
  const t = fold(text).replace(/^[\s\p{P}]+/u, '');
  if (!t || t.length > 40) return false;
  const c = compact(text);
  // At a yes/no question "不用了"/"不要了"/"不需要" answer the question; elsewhere they abandon the step.
  if (opts.yesNo && /^(?:不用|不要|不需要|没有|不)了?$/u.test(c)) return false;
  if (/^(?:不用|不要|不需要)了$/u.test(c)) return true;
  if (CANCEL_ZH.test(t) || CANCEL_ZH.test(c) || CANCEL_EN.test(t)) return true;
  // "别搞了 我先不报了", "我再想想 先不举报了", "身份证号不记得了 算了吧": one clause gives up.
  const clauses = t.split(/[\s,，。.!！;；~～]+/u).filter(Boolean);
  return clauses.length > 1 && clauses.some((cl) => CANCEL_ZH.test(cl) || CANCEL_ZH.test(compact(cl)));
}

const HUMAN_ZH = /转人工|人工客服|人工服务|找人工|要人工|接人工|真人|活人|找客服|转客服|找个人|找你们的人|转个人|转给人|换个人|(?:跟|和|找)(?:你们)?(?:合规|负责|处理)?(?:部门)?的?(?:人|同事|工作人员)(?:说|谈|聊|沟通)|人工$|^人工/u;
const HUMAN_EN = /\b(?:human|real person|live (?:agent|person|chat)|talk to (?:a |an |some)?(?:one|body|person|agent|someone|staff)|speak (?:to|with) (?:a |an |some)?(?:one|body|person|agent|someone|staff)|customer service|call me)\b/i;
const SUPERVISOR_ZH = /领导|经理|主管|负责人|老板|上级|管事的|说了算的/u;
const SUPERVISOR_EN = /\b(?:manager|supervisor|boss|someone in charge|person in charge)\b/i;

/** The customer asks for a person. */
export function isHumanRequest(text: string): boolean {
  const t = fold(text);
  return HUMAN_ZH.test(t) || HUMAN_EN.test(t) || isSupervisorRequest(text);
}

/** "叫你们领导来", "I want to talk to your manager". */
export function isSupervisorRequest(text: string): boolean {
  const t = fold(text);
  return (SUPERVISOR_ZH.test(t) && /叫|找|让|要|请|见|跟|和|出来|说话|来/u.test(t)) || (SUPERVISOR_EN.test(t) && /\b(?:talk|speak|get|want|call|let me|put me)\b/i.test(t));
}

const QUESTION_ZH = /[?？]|吗|么$|嘛$|呢$|多久|多长|多少|几天|几个|几号|哪天|哪些|哪里|哪儿|什么|啥|怎么|咋|如何|为什么|为啥|能不能|能否|可不可以|可以.*吗|是否|有没有|要不要|需不需要|会不会|算不算|赔不赔|管不管|包不包括|行不行/u;
const QUESTION_EN = /\?|^(?:what|how|when|where|which|who|why|can|could|do|does|did|is|are|will|would|should|may)\b/i;

/** The message is phrased as a question (what a step expects as an answer rarely is). */
export function isQuestionForm(text: string): boolean {
  const t = fold(text);
  return QUESTION_ZH.test(t) || QUESTION_EN.test(t);
}

const CORRECTION_ZH = /不对|错了|说错|写错|打错|搞错|弄错|记错|输错|改成|改为|改一下|更正|纠正|应该是|其实是|准确(?:地)?说|不是.{1,12}[，,\s]*(?:是|而是)|重新说|修改/u;
const CORRECTION_EN = /\b(?:actually|i meant|sorry,? (?:it'?s|it was|i meant)|correction|that'?s wrong|not .{1,20}, (?:it'?s|but)|change (?:the|my|it)|should be|wrong (?:time|date|place|number))\b/i;

/** The customer signals that an earlier answer was wrong ("不对 时间说错了 是上周五下午三点半", "actually it was 3pm"). */
export function hasCorrectionCue(text: string): boolean {
  const t = fold(text);
  return CORRECTION_ZH.test(t) || CORRECTION_EN.test(t);
}

const WAIT_ZH = /(?:还要|要|得|需要)?等多久|等了?(?:好|很|这么)?久|多久(?:才|能)?(?:有人|回复|回|处理|联系)|什么时候(?:才)?(?:有人|回复|回我|处理|联系)|有人吗|人呢|在吗|怎么(?:还)?没人|还没人|排(?:到)?第几|前面(?:还)?有几|快点|催一下|还要多久/u;
const WAIT_EN = /\b(?:how long|anyone there|anybody there|is anyone|still waiting|when will (?:someone|somebody|a person|an agent|you)|hello\?+|are you there|where are you)\b/i;

/** "还要等多久啊", "有人吗", "how long do I have to wait" — asked while waiting for a person. */
export function isWaitQuery(text: string): boolean {
  const t = fold(text);
  return WAIT_ZH.test(t) || WAIT_EN.test(t);
}

const DROP_HANDOFF_ZH = /(?:不要|不用|不需要|取消)(?:了)?(?:转)?人工|(?:不要|不用|不需要)人工了|不转了|不用转了|不等了|不想等了/u;
const DROP_HANDOFF_EN = /\b(?:no (?:need for a|need for|more) (?:human|person|agent)|(?:don'?t|do not) need (?:a |an )?(?:human|person|agent)|cancel (?:the )?(?:transfer|handoff|request)|i'?ll stop waiting|not waiting)\b/i;

/** The customer no longer wants the person they asked for ("算了，我不要人工了"). */
export function isDropHandoff(text: string): boolean {
  const t = fold(text);
  return DROP_HANDOFF_ZH.test(t) || DROP_HANDOFF_EN.test(t) || isCancelRequest(text);
}

const VENT = /屁|滚|他妈|妈的|tmd|有病|废物|垃圾|骗子|烦死|烦不烦|就会问|问什么问|有完没完|没完没了|听不懂人话|智障|傻|\b(?:stupid|useless|ridiculous|wtf|damn|shut up|are you kidding)\b/i;

/** Abuse or exasperation aimed at the bot ("问问问 问个屁 你们就会问"), whatever the sentiment lexicon says. */
export function isVenting(text: string): boolean {
  return VENT.test(fold(text));
}
