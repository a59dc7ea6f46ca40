/** Word lists the engine's routing uses for messages outside any flow (see turn-decision.ts). */

const UNSUBSCRIBE_WORDS =
  /退订|取消订阅|(?:别|不要|不用)(?:再)?(?:给我)?(?:发|推|打扰)|营销|广告|祝福|问候|不想收到|不再接收|拒收|屏蔽|^td$|unsubscribe|opt[ -]?out|^stop$|stop (?:sending|messaging|texting)|no more (?:messages|greetings)/i;
const ASKS = /帮我|给我|能不能|可不可以|可以.{0,6}吗|我想|我要|请你|麻烦你|\b(?:please|can you|could you|would you|i want|i need)\b/i;

/** The customer plainly says to stop greetings/marketing (退订, 别再推营销广告), so an opt-out needs no confirmation. */
export const plainUnsubscribe = (text: string) => UNSUBSCRIBE_WORDS.test(text);

/** A request to do something ("帮我订张机票", "can you …"), as opposed to a remark. */
export const asksSomething = (text: string) => ASKS.test(text);

/** Enough words to be a real request or question (not "？" or "asdf"). */
export const substantive = (text: string) =>
  (text.match(/\p{Script=Han}/gu)?.length ?? 0) >= 4 || text.trim().split(/\s+/).filter((w) => /[a-z]{2,}/i.test(w)).length >= 3;
