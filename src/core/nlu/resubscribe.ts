/**
 * The eleven intents have no "subscribe" label: 订阅 / "subscribe again" are classified as `unsubscribe` (the
 * subscription-management intent) and the unsubscribe dialog asks this function which way the customer means.
 */
const RESUBSCRIBE = /(?<!退|取消)订阅|恢复(?:消息|推送|提醒|通知)|重新(?:开启|开通|接收)|开启(?:推送|消息|提醒)|又想收到|\b(?:re-?subscribe|subscribe(?! *from)|opt (?:back )?in|turn (?:\w+ )?(?:notifications|messages) back on|start sending)\b/i;
const OPT_OUT = /退订|取消订阅|\bunsubscribe\b|\bopt[\s-]?out\b/i;

/** True when the text asks to (re)start receiving greetings/marketing rather than to stop. */
export function isResubscribe(text: string): boolean {
  const t = text.normalize('NFKC');
  return RESUBSCRIBE.test(t) && !OPT_OUT.test(t);
}
