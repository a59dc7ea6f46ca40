import { callbacksToSchedule, scheduleCallbacks } from '../domain/callbacks/schedule.ts';
import { sendScheduledCallbacks, sweepUnanswered } from './callbacks-send.ts';
import { count, emptyResult, type JobDefinition } from './types.ts';

/**
 * Hourly in the daytime: schedules new callbacks (cooling-off for new long-term life/health policies,
 * satisfaction after a closed claim or decided complaint), starts their chat surveys, and turns surveys left
 * unanswered for ANXIN_CALLBACK_NO_ANSWER_HOURS into phone-call tasks. Every step is idempotent.
 */
export const callbacksJob: JobDefinition = {
  name: 'callbacks',
  description: 'Callbacks (回访): cooling-off checks and satisfaction surveys; unanswered → phone-call task',
  schedule: '15 9-20 * * *',
  plans: true,
  summarise: 'when-active',
  async run(deps, opts) {
    const result = emptyResult();
    const plans = await callbacksToSchedule(deps, opts.date);
    if (opts.dryRun) {
      for (const p of plans) count(result, `planned_${p.kind}`);
      result.planned = plans.length;
      return result;
    }
    const created = await scheduleCallbacks(deps, plans);
    for (const [kind, n] of Object.entries(created)) if (n) count(result, `planned_${kind}`, n);
    result.planned = Object.values(created).reduce((a, b) => a + b, 0);
    await sendScheduledCallbacks(deps, result);
    await sweepUnanswered(deps, result);
    return result;
  },
};
