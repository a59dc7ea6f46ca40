import { loadTemplates, type TemplateSet } from '../greetings/templates.ts';
import { RENEWAL_STAGES } from './renewals.ts';

/** Placeholders renewal reminders may use (templates/README.md). */
export const REMINDER_VARS = ['name', 'honorific', 'addressee', 'product', 'policyNumber', 'amount', 'dueDate', 'graceEnd'] as const;

/** Loads templates/reminders. */
export function loadReminderTemplates(dir: string): TemplateSet {
  return loadTemplates(dir, 'reminders', Object.fromEntries(RENEWAL_STAGES.map((s) => [s, REMINDER_VARS])));
}
