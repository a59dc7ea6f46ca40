import { planGreetings } from './greetings-plan.ts';
import { sendDueOutbox } from './outbox/send.ts';
import { emptyResult, type JobDefinition } from './types.ts';

/**
 * Daily at 08:30 (after the default quiet hours): plans the day's greetings, then sends those due through
 * delivery. Safe to run again at any time — a re-run plans nothing new and sends only what is still waiting.
 */
export const greetingsJob: JobDefinition = {
  name: 'greetings',
  description: 'Holiday, birthday and policy-anniversary greetings: plan the day, then send',
  schedule: '30 8 * * *',
  plans: true,
  summarise: 'always',
  async run(deps, opts) {
    const result = emptyResult();
    result.planned = await planGreetings(deps, opts, result);
    if (!opts.dryRun) await sendDueOutbox(deps, result, { kinds: ['greeting'], signal: opts.signal, progress: opts.progress, runId: opts.runId });
    return result;
  },
};
