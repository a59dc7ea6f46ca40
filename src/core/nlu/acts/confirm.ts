/**
 * Yes and no as customers actually type them in chat: "嗯 对", "就这个号", "对的没错", "是的呢", "没问题", "行吧",
 * "yep that's it", "sure, go ahead" — not only the exact words 是/否. Pure functions over one message.
 */
import { foldText } from '../normalize.ts';

/** Folded, lower-cased, without punctuation, emoji, spaces or trailing particles (呢/啊/呀/哈/哦/啦/嘛/哟). */
export function compact(text: string): string {
  return foldText(text)
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}\u200d\ufe0f]/gu, '')
    .replace(/[呢啊呀哈哦噢啦嘛哟滴的吧]+$/u, '');
}

// Each alternative is matched against the whole compacted message.
const YES_ZH = [
  '是', '是是', '是啊', '是滴', '对', '对对', '对对对', '对头', '没错', '正确', '确认', '确定', '好', '好好', '好滴', '可以', '行', '中',
  '嗯+', '恩+', '嗯+对', '嗯+是', '嗯+好', '嗯+可以', '嗯+行', '对的?没错(?:就这样|就是这样)?', '没错(?:就这样|就是这样|的)?', '就是这样', '是这样', '对是', '是对', '是没错', '对就这样', '就这样', '就这样吧',
  '没问题', '没毛病', '确认无误', '信息无误', '无误', '都对', '全对', '都没问题', '对了', '要', '需要', '要的', '好了没错',
  '就(?:用)?(?:这个|这)(?:号|号码|手机|手机号|电话|个)?', '(?:用|打)(?:这个|这)(?:号|号码|电话)(?:就行|就好|就可以)?',
  '这个号(?:就行|就可以|就好|没错|可以)', '(?:是|对)(?:的)?(?:没错|就是)?(?:这个|这)(?:号|号码)?', '提交(?:吧)?', '确认提交', '麻烦了', '好的麻烦了',
];
const YES_EN = [
  'y', 'yes', 'yeah', 'yea', 'yep', 'yup', 'ya', 'ok', 'okay', 'k', 'sure', 'correct', 'right', 'confirm', 'confirmed', 'affirmative',
  'yes(?:please|thats?right|thatsit|thatscorrect|correct|right|sure|goahead|itis|itsright|alright|allgood|confirm)',
  '(?:yeah|yep|yup|ok|okay|sure)(?:thatsit|thatsright|thatscorrect|goahead|please|fine|sure)?', 'thatsright', 'thatsit', 'thatscorrect',
  'allcorrect', 'allgood', 'looksgood', 'soundsgood', 'goahead', 'perfect', 'exactly', 'useth(?:is|at)(?:number|one)?', 'thisnumber(?:isfine|isok)?',
];
const NO_ZH = [
  '不', '不是', '否', '不对', '错', '错了', '不用', '不需要', '不要', '没有', '没', '无', '不行', '不可以', '不好', '算了不用',
  '不是这个', '不是这个号', '不用这个号', '换(?:一)?个(?:号|号码)?', '不对不对', '有错', '不太对', '不正确', '不确认', '先不',
];
const NO_EN = ['n', 'no', 'nope', 'nah', 'not', 'wrong', 'none', 'notreally', 'no(?:thanks|thankyou|itsnot|thatswrong|wrong|notthat)', 'thatswrong', 'incorrect', 'notcorrect', 'differentnumber'];

const YES = new RegExp(`^(?:${[...YES_ZH, ...YES_EN].join('|')})$`, 'u');
const NO = new RegExp(`^(?:${[...NO_ZH, ...NO_EN].join('|')})$`, 'u');

// Pieces a yes is built from ("没问题 提交吧", "好的 确认", "对 我本人", "嗯嗯 就这样").
const YES_PIECE = /^(?:是的?|对的?|嗯+|恩+|好的?|行|可以|没问题|没错|确认|确定|提交|就这样|就这么办|正确|无误|我本人|本人|是我本人|ok|okay|yes|yeah|yep|sure|了|吧|啦|呢|哈)/u;
// A yes followed by anything that turns it around ("对 但是时间错了", "是 不过电话不对") is not a yes.
const TURN = /不|没(?!问题|错)|错|但|可是|不过|改|换|\bbut\b|\bnot\b|wrong|change/iu;

/** A clear yes (see module comment). */
export function isAffirm(text: string): boolean {
  const c = compact(text);
  if (!c) return false;
  if (YES.test(c)) return true;
  let rest = c;
  for (let m = YES_PIECE.exec(rest); m && m[0]; m = YES_PIECE.exec(rest)) rest = rest.slice(m[0].length);
  if (!rest) return true;
  // "对 我要投诉" at "您是要投诉吗？": a leading yes with a restatement, as long as nothing turns it around.
  const lead = /^(?:是的?|对的?|嗯+|好的?|没错|yes|yeah|yep)[\s,，、。!！]+(.+)$/iu.exec(foldText(text).trim());
  return Boolean(lead && !TURN.test(lead[1]) && !/[?？吗]/u.test(lead[1]));
}

/** A clear no. A no that goes on to correct something ("不对 时间说错了 是…") is not a plain no: see acts/interrupt. */
export function isDeny(text: string): boolean {
  const c = compact(text);
  return c.length > 0 && NO.test(c);
}
