/**
 * Tone of one message, for the decisions it drives: apologise and offer a human to an upset customer, offer a
 * supervisor at once to an angry or abusive one, and stay matter-of-fact otherwise.
 *
 * Words that only name a topic are not feelings: "投诉" alone, "I want to check my complaint" or a calm "我的理赔怎么
 * 还没到账呀" are neutral. Negative cues outweigh positive ones ("谢谢你们的垃圾服务" is not a thank-you).
 */

/** How angry a message reads: `upset` = frustrated or impatient, `angry` = insults, threats, accusations of fraud. */
export type Anger = 'none' | 'upset' | 'angry';

/** Insults, abuse, accusations of cheating, threats of media or courts, "give my money back!!". */
const ANGRY_ZH =
  /垃圾|骗子|骗人|骗钱|坑人|坑爹|黑心|混蛋|王八|滚蛋|滚开|给我滚|破公司|什么破|烂公司|耍流氓|流氓|无耻|不要脸|强盗|吸血|去死|tmd|nmd|妈的|他妈|卧槽|我靠|操你|傻[逼b]|忍无可忍|受够|气死|愤怒|火大|曝光|找媒体|上新闻|起诉|告你们|告死|退钱[!！]|还我钱|还钱[!！]|血汗钱|这事没完|跟你们没完|没完没了|走着瞧|等着瞧/;
const ANGRY_EN =
  /\b(?:scam(?:mers?)?|cheat(?:ed|ers?|ing)?|crooks?|thie(?:f|ves)|liars?|rip(?:ped)? off|furious|disgust\w*|rubbish|garbage|trash|wtf|damn|f\*+k|fuck\w*|shit\w*|bullshit|sue|lawyers?|legal action|the media|sick of|fed up|give me my money back|had enough)\b/;
/** Frustration, impatience, disappointment. */
const UPSET_ZH =
  /无语|失望|着急|急死|太慢|慢死|磨蹭|拖拖拉拉|一拖再拖|拖了(?:这么|好|[一二三四五六七八九十两几半多\d])|一直拖|老是拖|推脱|推诿|踢皮球|敷衍|没人管|没人理|不理人|不管不顾|离谱|过分|凭什么|搞什么|什么玩意|烦死|烦不烦|太差|很差|真差|差劲|态度恶劣|生气|恶心|不像话|太坑|坑了|被坑|不靠谱|到底还要|究竟要|要等到什么时候|有完没完/;
const UPSET_EN =
  /\b(?:terrible|awful|horrible|worst|useless|ridiculous|annoyed|annoying|frustrat\w*|disappoint\w*|unacceptable|upset|angry|pathetic|incompetent|(?:is a|what a) joke|nobody (?:answers|replies|cares)|no one (?:answers|replies|cares)|ignor(?:ed|ing) me|how long do i have to wait|still nothing|fed up)\b/;
// Waited long and still nothing ("都等了两个礼拜了还没消息", "还没到账 都一个月了"): impatience, not a status question.
const WAITED = /(?:都|已经|等了)[一二三四五六七八九十两几半多\d]+(?:个)?(?:天|周|礼拜|星期|月|年)了?.{0,10}(?:还没|还不|还是没|也没|没人|没消息)|(?:还没|还是没|没人|没消息).{0,10}(?:都|已经)[一二三四五六七八九十两几半多\d]+(?:个)?(?:天|周|礼拜|星期|月|年)/;
const NEGATIVE_EMOJI = /[😡😠🤬👎😤💢😾🙄😒😩😫😭]/u;
const ANGRY_EMOJI = /[😡😠🤬💢]/u;

/**
 * Asking for someone above the agent: 叫你们领导来, 找你们老板, 你们经理呢, "get me your manager". A customer's own
 * 客户经理 (account manager) or an agent named 王经理 is not a supervisor request.
 */
const SUPERVISOR =
  /(?:叫|找|让|请|喊|要见|换|我要找)(?:一?下)?(?:你们)(?:的)?(?:领导|经理|主管|老板|负责人|上级|上司|老总|总经理)|(?:叫|喊|让|找)(?:一?下)?(?:领导|主管|负责人|上级|老总)(?:来|出来|过来|跟我说|接电话)|你们(?:的)?(?:领导|经理|主管|老板|负责人|老总)(?:呢|在哪|在不在|出来|来|过来)|\b(?:(?:get|fetch|call|want|need) (?:me )?(?:your|a|the) (?:manager|supervisor|boss|superior)|(?:speak|talk) (?:to|with) (?:your|a|the) (?:manager|supervisor|boss|superior)|put me through to (?:your|a|the) (?:manager|supervisor)|escalate (?:this|it|my \w+)|who(?:'s| is) in charge)\b/;

const POSITIVE_ZH = /谢谢|多谢|感谢|谢啦|辛苦了|太好了|很好|真好|满意|棒|赞|给力|靠谱|不错|专业|贴心|耐心|高效|开心|点赞/;
const POSITIVE_EN = /\b(?:thanks?|thank you|thx|ty|great|awesome|excellent|perfect|helpful|appreciate\w*|love|wonderful|amazing|nice|good job)\b/;
const POSITIVE_EMOJI = /[👍😊🙏😄😀❤️💯🌹😁☺🥰]/u;

/** The anger level of lower-cased, folded text. */
export function detectAnger(lower: string): Anger {
  if (ANGRY_ZH.test(lower) || ANGRY_EN.test(lower) || ANGRY_EMOJI.test(lower)) return 'angry';
  // Repeated exclamation or question marks read as exasperation in chat (怎么还没到账？？？).
  const exasperated = /[!！]{3,}|[?？]{3,}/.test(lower);
  if (exasperated || UPSET_ZH.test(lower) || UPSET_EN.test(lower) || WAITED.test(lower) || NEGATIVE_EMOJI.test(lower)) return 'upset';
  if (SUPERVISOR.test(lower)) return 'upset';
  return 'none';
}

/** True when the customer asks for a supervisor, manager or boss (lower-cased, folded text). */
export function wantsSupervisor(lower: string): boolean {
  return SUPERVISOR.test(lower);
}

/** negative = upset or angry (see {@link detectAnger}); else positive on thanks and praise; else neutral. */
export function detectSentiment(lower: string): 'negative' | 'neutral' | 'positive' {
  if (detectAnger(lower) !== 'none') return 'negative';
  if (POSITIVE_ZH.test(lower) || POSITIVE_EN.test(lower) || POSITIVE_EMOJI.test(lower)) return 'positive';
  return 'neutral';
}
