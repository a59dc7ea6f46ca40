import { sendDueOutbox } from './outbox/send.ts';
import { emptyResult, type JobDefinition } from './types.ts';

/**
 * Every 5 minutes: sends outbox rows that have come due (greetings planned during quiet hours or ahead of their
 * day, renewal reminders, rows a stopped run left behind). Summarised to staff only when it did something.
 */
export const outboxJob: JobDefinition = {
  name: 'outbox',
  description: 'Send planned greetings and reminders that are due (quiet hours respected)',
  schedule: '*/5 * * * *',
  plans: false,
  summarise: 'when-active',
  async run(deps, opts) {
    const result = emptyResult();
    if (!opts.dryRun) await sendDueOutbox(deps, result, { signal: opts.signal, progress: opts.progress, runId: opts.runId });
    return result;
  },
};
