import { t, type Lang } from '../../i18n/index.ts';
import { addresseeOf } from './addressee.ts';
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

/** The greeting text for one customer, ending with how to unsubscribe (greetings are optional messages). */
export function renderGreeting(
  templates: TemplateSet,
  c: { name: string; gender: string; language: Lang; vipTier: string },
  due: DueGreeting,
): string {
  const who = addresseeOf(c.language, c.name, c.gender);
  const body = templates.render(due.occasion, c.language, c.vipTier, {
    ...who,
    occasion: occasionName(due.occasion)[c.language],
    ...due.vars,
  });
  return `${body}\n${t(c.language, 'jobs:greetings.optOutHint')}`;
}
