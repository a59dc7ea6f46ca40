import type { OutboundMessage } from '../../src/core/channel.ts';
import { detectLanguage } from '../../src/core/language.ts';
import { t } from '../../src/i18n/index.ts';

/** WeChat shows at most this many numbered choices; a bare digit 1–9 selects one. */
export const MAX_CHOICES = 9;

/**
 * WeChat personal accounts have no buttons: choices become numbered lines under the text, in the reply's own
 * language, and the adapter remembers them so a reply of just "2" selects the second.
 */
export function renderForWeChat(msg: OutboundMessage): string {
  const choices = (msg.choices ?? []).slice(0, MAX_CHOICES);
  if (!choices.length) return msg.text;
  const lang = detectLanguage(msg.text) ?? 'zh';
  const lines = choices.map((c, i) => t(lang, 'wechat:choices.line', { n: i + 1, label: c.label }));
  return [msg.text, '', ...lines, t(lang, 'wechat:choices.hint')].join('\n');
}
