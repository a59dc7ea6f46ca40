import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Languages Anxin speaks; zh-CN first. */
export type Lang = 'zh' | 'en';

type Catalog = Record<string, unknown>;

const localeDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'locales');
const folders: Record<Lang, string> = { zh: 'zh-CN', en: 'en' };
const catalogs: Record<Lang, Record<string, Catalog>> = { zh: {}, en: {} };

/** Loads every `locales/<lang>/<namespace>.json` once. Each feature owns its namespace file. */
function load(): void {
  for (const lang of Object.keys(folders) as Lang[]) {
    const dir = path.join(localeDir, folders[lang]);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) {
      if (f.endsWith('.json')) catalogs[lang][f.slice(0, -5)] = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    }
  }
}
load();

function lookup(lang: Lang, key: string): unknown {
  const [ns, ...rest] = key.split(':');
  let node: unknown = catalogs[lang][rest.length ? ns : 'common'];
  for (const part of (rest.length ? rest.join(':') : ns).split('.')) {
    if (node && typeof node === 'object') node = (node as Catalog)[part];
    else return undefined;
  }
  return node;
}

/**
 * Translates `namespace:dotted.key` (namespace defaults to `common`) with `{{var}}` interpolation.
 * Falls back to zh-CN, then to the key itself so a missing string is visible, never a crash.
 */
export function t(lang: Lang, key: string, vars: Record<string, string | number | undefined | null> = {}): string {
  const raw = lookup(lang, key) ?? lookup('zh', key);
  const text = Array.isArray(raw) ? raw.join('\n') : typeof raw === 'string' ? raw : key;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const v = vars[name];
    return v === undefined || v === null ? '' : String(v);
  });
}

/** Whether a key exists (in the given language or zh-CN). */
export function hasText(lang: Lang, key: string): boolean {
  return lookup(lang, key) !== undefined || lookup('zh', key) !== undefined;
}

/** Normalises anything language-like to a supported language. */
export function toLang(v: string | null | undefined): Lang {
  return v && v.toLowerCase().startsWith('en') ? 'en' : 'zh';
}
