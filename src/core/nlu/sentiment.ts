/**
 * A small lexicon for the one decision sentiment drives: offering a human to an angry or frustrated customer.
 * Negative cues outweigh positive ones ("谢谢你们的垃圾服务" is not a thank-you).
 */
const NEGATIVE_ZH =
  /垃圾|骗子|骗人|骗钱|坑人|坑爹|无语|气死|生气|愤怒|恶心|太差|很差|真差|差劲|烂|破公司|什么破|太慢|磨蹭|拖拖拉拉|拖了|推脱|推诿|踢皮球|敷衍|没人管|没人理|不理人|不管不顾|受够|忍无可忍|离谱|过分|耍流氓|黑心|混蛋|滚|投诉|曝光|媒体|起诉|告你们|失望|着急|急死|怎么还没|凭什么|什么玩意|搞什么|烦死|tmd|nmd|妈的/;
const NEGATIVE_EN =
  /\b(?:terrible|awful|horrible|worst|useless|ridiculous|scam|scammers?|cheat(?:ed|ing)?|fraud|angry|furious|upset|annoyed|frustrat\w*|disappoint\w*|unacceptable|disgust\w*|rubbish|garbage|trash|wtf|damn|hell|sick of|fed up|complain\w*|still (?:no|not|waiting)|ignor\w*|sue|lawyer)\b/;
const NEGATIVE_EMOJI = /[😡😠🤬👎😤💢😾🙄😒😩😫😭]/u;
const POSITIVE_ZH = /谢谢|多谢|感谢|谢啦|辛苦了|太好了|很好|真好|满意|棒|赞|给力|靠谱|不错|专业|贴心|耐心|高效|开心|点赞/;
const POSITIVE_EN = /\b(?:thanks?|thank you|thx|ty|great|awesome|excellent|perfect|helpful|appreciate\w*|love|wonderful|amazing|nice|good job)\b/;
const POSITIVE_EMOJI = /[👍😊🙏😄😀❤️💯🌹😁☺🥰]/u;

export function detectSentiment(lower: string): 'negative' | 'neutral' | 'positive' {
  // Repeated exclamation or question marks read as exasperation in chat (怎么还没到账？？？).
  const exasperated = /[!！]{3,}|[?？]{3,}/.test(lower);
  if (NEGATIVE_ZH.test(lower) || NEGATIVE_EN.test(lower) || NEGATIVE_EMOJI.test(lower) || exasperated) return 'negative';
  if (POSITIVE_ZH.test(lower) || POSITIVE_EN.test(lower) || POSITIVE_EMOJI.test(lower)) return 'positive';
  return 'neutral';
}
