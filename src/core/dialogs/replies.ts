/** What the engine says: catalog keys rendered in the customer's language, and the menu of what Anxin does. */
import { t, type Lang } from '../../i18n/index.ts';
import type { OutboundMessage } from '../channel.ts';
import type { SayEvent } from './types.ts';

export const say = (key: string, vars?: SayEvent['vars'], choices?: SayEvent['choices']): SayEvent => ({ type: 'say', key, vars, choices });
export const yesNo = [{ key: 'dialog:choice.yes' }, { key: 'dialog:choice.no' }];

/** Renders what flows said into channel-neutral replies in the customer's language. */
export function render(lang: Lang, said: SayEvent[]): OutboundMessage[] {
  return said.map((s) => {
    const vars = Object.fromEntries(Object.entries(s.vars ?? {}).map(([k, v]) => [k, typeof v === 'string' && /^[a-z]+:[\w.]+$/.test(v) ? t(lang, v) : v]));
    const choices = s.choices?.map((c) => {
      const label = t(lang, c.key, c.vars);
      return { label, value: c.value ?? label };
    });
    return { text: t(lang, s.key, vars), ...(choices?.length ? { choices } : {}) };
  });
}

/** The menu of what Anxin can do, as buttons. */
export const menu = (): SayEvent =>
  say('dialog:menu', undefined, ['claim_report', 'claim_status', 'complaint', 'policy_service', 'inquiry', 'human_agent'].map((i) => ({ key: `dialog:intentPhrase.${i}` })));
