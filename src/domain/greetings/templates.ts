import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AnxinError } from '../../core/errors.ts';
import type { Lang } from '../../i18n/index.ts';

/**
 * Message templates staff edit as plain text files (config ANXIN_TEMPLATES_DIR, default ./templates; see
 * templates/README.md):
 *
 *   templates/<group>/<zh-CN|en>/<name>.txt            every customer
 *   templates/<group>/<zh-CN|en>/<name>.vip.txt        any VIP tier (silver, gold, platinum), optional
 *   templates/<group>/<zh-CN|en>/<name>.<tier>.txt     one tier only (e.g. spring_festival.platinum.txt), optional
 *
 * `{{variable}}` placeholders are filled in per customer. Files are read once per job run, so an edit takes
 * effect at the next run without a restart. A placeholder the group does not know is refused at load time
 * (AnxinError `template_invalid`, naming the file): a typo must stop the run, not reach 100,000 customers as
 * "{{nmae}}". A missing English file falls back to Chinese and is reported in `problems`.
 */
export interface TemplateSet {
  /** Renders `name` for a language and VIP tier. */
  render(name: string, lang: Lang, tier: string, vars: Record<string, string | number>): string;
  /** Non-fatal findings (missing translations), for the run's notes. */
  problems: string[];
}

const LANG_DIR: Record<Lang, string> = { zh: 'zh-CN', en: 'en' };

/** A template split at its placeholders: literal, name, literal, name, …, literal. */
type Compiled = string[];

function compile(text: string): Compiled {
  const parts: Compiled = [];
  let last = 0;
  for (const m of text.matchAll(VAR_RE)) {
    parts.push(text.slice(last, m.index), m[1]);
    last = m.index! + m[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}
const VAR_RE = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * Loads the templates of one group. `spec` maps each template name to the variables it may use.
 * @throws AnxinError `template_missing` (no Chinese file for a name), `template_invalid`
 */
export function loadTemplates(dir: string, group: string, spec: Record<string, readonly string[]>): TemplateSet {
  const texts = new Map<string, string>();
  const problems: string[] = [];
  const read = (file: string, allowed: readonly string[]): string | undefined => {
    if (!existsSync(file)) return undefined;
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trimEnd();
    if (!text.trim()) throw new AnxinError('template_invalid', `${file}: the template is empty`, { file });
    for (const m of text.matchAll(VAR_RE)) {
      if (!allowed.includes(m[1])) {
        throw new AnxinError('template_invalid', `${file}: unknown placeholder {{${m[1]}}} (allowed: ${allowed.join(', ')})`, { file });
      }
    }
    return text;
  };
  for (const [name, allowed] of Object.entries(spec)) {
    for (const lang of ['zh', 'en'] as Lang[]) {
      const folder = path.join(dir, group, LANG_DIR[lang]);
      for (const variant of ['', '.vip', '.silver', '.gold', '.platinum']) {
        const text = read(path.join(folder, `${name}${variant}.txt`), allowed);
        if (text !== undefined) texts.set(`${lang}/${name}${variant}`, text);
      }
      if (!texts.has(`${lang}/${name}`)) {
        const file = path.join(folder, `${name}.txt`);
        if (lang === 'zh') throw new AnxinError('template_missing', `${file}: missing (every ${group} template needs a Chinese text)`, { file });
        problems.push(`${file}: missing, Chinese text used`);
      }
    }
  }

  const pick = (name: string, lang: Lang, tier: string): Compiled => {
    const candidates = tier && tier !== 'standard' ? [`.${tier}`, '.vip', ''] : [''];
    for (const l of lang === 'zh' ? (['zh'] as Lang[]) : [lang, 'zh' as Lang]) {
      for (const c of candidates) {
        const text = texts.get(`${l}/${name}${c}`);
        if (text !== undefined) return compile(text);
      }
    }
    throw new AnxinError('template_missing', `no ${group} template named ${name}`);
  };
  // Resolved and compiled once per (name, language, tier): a festival renders one template 100,000 times.
  const resolved = new Map<string, Compiled>();

  return {
    problems,
    render(name, lang, tier, vars) {
      const key = `${name}|${lang}|${tier}`;
      let parts = resolved.get(key);
      if (!parts) resolved.set(key, (parts = pick(name, lang, tier)));
      let out = parts[0] as string;
      for (let i = 1; i < parts.length; i += 2) {
        const v = vars[parts[i]];
        out += (v === undefined ? '' : String(v)) + parts[i + 1];
      }
      return out;
    },
  };
}
