import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { t } from '../i18n/index.ts';

const template = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'public', 'chat.html'), 'utf8');

const keys = ['title', 'placeholder', 'send', 'switch', 'welcome', 'error', 'attach'];

/** The browser chat page with both languages' strings from the message catalogs (zh-CN first); `nonce` is the CSP nonce of its script. */
export function renderChatPage(nonce: string): string {
  const text = Object.fromEntries((['zh', 'en'] as const).map((l) => [l, Object.fromEntries(keys.map((k) => [k, t(l, `common:web.${k}`)]))]));
  return template.replace('__NONCE__', nonce).replace('/*__TEXT__*/{}', JSON.stringify(text).replace(/</g, '\\u003c'));
}
