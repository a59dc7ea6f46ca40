import { t, type Lang } from '../../i18n/index.ts';
import { addresseeOf, type Addressee } from './addressee.ts';
import { FESTIVAL_IDS, occasionName, type OccasionId } from './occasions.ts';
import type { DueGreeting } from './occasions-for.ts';
import { loadTemplates, type TemplateSet } from './templates.ts';

/** Placeholders every greeting may use. */
export const GREETING_VARS = ['name', 'honorific', 'addressee', 'occasion'] as const;

const spec: Record<string, readonly string[]> = {
  ...Object.fromEntries(FESTIVAL_IDS.map((id): [OccasionId, readonly string[]] => [id, GREETING_VARS])),
  birthday: GREETING_VARS,
  policy_anniversary: [...GREETING_VARS, 'product', 'years'],
};

/** Loads templates/greetings (see templates/README.md). */
export function loadGreetingTemplates(dir: string): TemplateSet {
  return loadTemplates(dir, 'greetings', spec);
}

/** Who a greeting is for. */
export interface GreetingRecipient {
  name: string;
  gender: string;
  language: Lang;
  vipTier: string;
}

/**
 * A greeting renderer for one run: catalog texts (occasion names, honorifics, the unsubscribe line) are looked up
 * once per language rather than once per customer — planning renders up to every customer on a festival.
 * Each greeting ends with how to unsubscribe (greetings are optional messages).
 */
export function greetingRenderer(templates: TemplateSet): (c: GreetingRecipient, due: DueGreeting) => string {
  const cache = new Map<string, string>();
  const cached = (key: string, make: () => string) => {
    let v = cache.get(key);
    if (v === undefined) cache.set(key, (v = make()));
    return v;
  };
  return (c, due) => {
    const honorific = cached(`h:${c.language}:${c.gender}`, () => addresseeOf(c.language, '', c.gender).honorific);
    const who: Addressee = addresseeWith(c.language, c.name.trim(), honorific);
    const body = templates.render(due.occasion, c.language, c.vipTier, {
      ...who,
      occasion: cached(`o:${c.language}:${due.occasion}`, () => occasionName(due.occasion)[c.language]),
      ...due.vars,
    });
    return `${body}\n${cached(`u:${c.language}`, () => t(c.language, 'jobs:greetings.optOutHint'))}`;
  };
}

const addresseeWith = (lang: Lang, name: string, honorific: string): Addressee => ({
  name,
  honorific,
  addressee: !honorific ? name : lang === 'en' ? `${honorific} ${name}` : `${name}${honorific}`,
});

/** One greeting text (see {@link greetingRenderer}; use that when rendering many). */
export function renderGreeting(templates: TemplateSet, c: GreetingRecipient, due: DueGreeting): string {
  return greetingRenderer(templates)(c, due);
}
