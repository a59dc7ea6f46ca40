/**
 * WeChat's built-in emoji arrive in text as bracket codes (`[微笑]` on Chinese clients, `[Smile]` on English ones).
 * They are mapped to the nearest Unicode emoji so the core's sentiment check and language detection treat them like
 * any other emoji. Codes not listed stay as typed.
 */
export const WECHAT_EMOJI: Readonly<Record<string, string>> = {
  微笑: '🙂', 撇嘴: '😟', 色: '😍', 发呆: '😳', 得意: '😎', 流泪: '😭', 害羞: '😊', 闭嘴: '🤐', 睡: '😴',
  大哭: '😭', 尴尬: '😅', 发怒: '😡', 调皮: '😜', 呲牙: '😁', 惊讶: '😮', 难过: '😞', 囧: '😳', 抓狂: '😫',
  吐: '🤮', 偷笑: '🤭', 愉快: '😊', 白眼: '🙄', 傲慢: '😤', 困: '😪', 惊恐: '😱', 憨笑: '😄', 悠闲: '😌',
  咒骂: '🤬', 疑问: '❓', 嘘: '🤫', 晕: '😵', 衰: '😩', 骷髅: '💀', 敲打: '🔨', 再见: '👋', 擦汗: '😓',
  鼓掌: '👏', 坏笑: '😏', 鄙视: '😒', 委屈: '🥺', 快哭了: '😢', 阴险: '😈', 亲亲: '😘', 可怜: '🥺',
  笑脸: '😄', 生病: '😷', 脸红: '😳', 破涕为笑: '😂', 恐惧: '😨', 失望: '😞', 无语: '😑', 嘿哈: '😆',
  捂脸: '🤦', 奸笑: '😏', 机智: '🤓', 皱眉: '😣', 耶: '✌️', 吃瓜: '🍉', 加油: '💪', 汗: '😓', 天啊: '😱',
  社会社会: '👌', 旺柴: '🐶', 好的: '👌', 打脸: '🤕', 哇: '😲', 翻白眼: '🙄', 666: '👍', 让我看看: '👀',
  叹气: '😮‍💨', 苦涩: '😖', 裂开: '💔', 嘴唇: '👄', 爱心: '❤️', 心碎: '💔', 拥抱: '🤗', 强: '👍', 弱: '👎',
  握手: '🤝', 胜利: '✌️', 抱拳: '🙏', 勾引: '👉', 拳头: '👊', OK: '👌', 合十: '🙏', 啤酒: '🍺', 咖啡: '☕',
  蛋糕: '🎂', 玫瑰: '🌹', 凋谢: '🥀', 菜刀: '🔪', 炸弹: '💣', 便便: '💩', 月亮: '🌙', 太阳: '☀️', 庆祝: '🎉',
  礼物: '🎁', 红包: '🧧', 發: '🀄', 福: '🧧', 烟花: '🎆', 爆竹: '🧨', 猪头: '🐷', 跳跳: '💃', 发抖: '🥶',
  转圈: '💫',
  Smile: '🙂', Grimace: '😟', Drool: '😍', Scowl: '😳', CoolGuy: '😎', Sob: '😭', Shy: '😊', Silent: '🤐',
  Sleep: '😴', Cry: '😭', Awkward: '😅', Angry: '😡', Tongue: '😜', Grin: '😁', Surprise: '😮', Frown: '😞',
  Scream: '😫', Puke: '🤮', Chuckle: '🤭', Joyful: '😊', Slight: '🙄', Smug: '😤', Drowsy: '😪', Panic: '😱',
  Laugh: '😄', Scold: '🤬', Shocked: '😵', Skull: '💀', Hammer: '🔨', Wave: '👋', Speechless: '😓', Clap: '👏',
  Trick: '😏', Kiss: '😘', Whimper: '🥺', Happy: '😄', Sick: '😷', Lol: '😂', Terror: '😨', Facepalm: '🤦',
  Smirk: '😏', GoForIt: '💪', Sigh: '😮‍💨', Heart: '❤️', BrokenHeart: '💔', Hug: '🤗', ThumbsUp: '👍',
  ThumbsDown: '👎', Shake: '🤝', Peace: '✌️', Fist: '👊', Worship: '🙏', Beer: '🍺', Coffee: '☕', Cake: '🎂',
  Rose: '🌹', Wilt: '🥀', Bomb: '💣', Poop: '💩', Moon: '🌙', Sun: '☀️', Party: '🎉', Gift: '🎁', Packet: '🧧',
};

const CODE = /\[([^[\]\s]{1,8})\]/g;

/** Replaces known WeChat emoji codes with Unicode emoji; unknown bracket words are left untouched. */
export function wechatEmojiToUnicode(text: string): string {
  return text.replace(CODE, (whole, code: string) => (Object.hasOwn(WECHAT_EMOJI, code) ? WECHAT_EMOJI[code] : whole));
}

/** True when the text is nothing but emoji (pictographs, their modifiers and joiners) and spaces. */
export function isOnlyEmoji(text: string): boolean {
  const rest = text.replace(/[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200d\ufe0f\u20e3]/gu, '');
  return rest.trim() === '' && text.trim() !== '';
}
