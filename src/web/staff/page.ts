import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const template = readFileSync(path.join(here, 'public', 'staff.html'), 'utf8');
const localeDir = path.join(here, '..', '..', 'i18n', 'locales');

type Tree = Record<string, unknown>;

/** Deep merge: the English catalog over the Chinese one, so a missing English string falls back to zh-CN. */
function merge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && base[k] && typeof base[k] === 'object' ? merge(base[k] as Tree, v as Tree) : v;
  }
  return out;
}

let text: string | undefined;

/**
 * The staff page with the whole `staff` catalog in both languages (zh-CN first; the page switches in place);
 * `nonce` is the CSP nonce of its script.
 */
export function renderStaffPage(nonce: string): string {
  if (!text) {
    const zh = JSON.parse(readFileSync(path.join(localeDir, 'zh-CN', 'staff.json'), 'utf8')) as Tree;
    const en = JSON.parse(readFileSync(path.join(localeDir, 'en', 'staff.json'), 'utf8')) as Tree;
    text = JSON.stringify({ zh, en: merge(zh, en) }).replace(/</g, '\\u003c');
  }
  return template.replace('__NONCE__', nonce).replace('/*__TEXT__*/{}', text);
}
