import { startFlowFor } from '../core/dialogs/proactive.ts';
import { readState } from '../core/dialogs/state.ts';
import { turnIntoPhoneCall } from '../domain/callbacks/no-answer.ts';
import { surveyPrefill } from '../domain/callbacks/prefill.ts';
import { toLang } from '../i18n/index.ts';
import { reachFor } from './outbox/reach.ts';
import { isQuiet, quietHoursFrom } from './quiet-hours.ts';
import { count, type JobDeps, type JobResult } from './types.ts';

/** The survey flow (src/core/dialogs/flows/callback-survey.ts). */
export const SURVEY_FLOW = 'callback_survey';

/**
 * Starts the chat survey of every `scheduled` callback, one conversation at a time:
 * - quiet hours → wait for the next run;
 * - nobody to message (no conversation) → a phone-call task at once;
 * - the conversation is with staff, or the customer is in the middle of something (another flow active within
 *   the dialog timeout, or another survey still open) → wait: a survey must not cut into a claim report;
 * - past its due date without being sent → a phone-call task;
 * - otherwise claim it (scheduled → sent, conditional, so two runs never start it twice) and start the flow,
 *   giving the customer ANXIN_CALLBACK_NO_ANSWER_HOURS to answer the first question.
 */
export async function sendScheduledCallbacks(deps: JobDeps, result: JobResult): Promise<void> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const hours = config.ANXIN_CALLBACK_NO_ANSWER_HOURS;
  const connected = new Set(deps.adapters.all().map((a) => a.channel));
  const due = await db.callback.findMany({ where: { status: 'scheduled' }, orderBy: { createdAt: 'asc' }, include: { customer: true, policy: true } });
  for (const cb of due) {
    try {
      if (now.getTime() > cb.dueBy.getTime()) {
        if (await turnIntoPhoneCall(deps, cb, 'not_sent', { hours })) count(result, 'call_tasks');
        continue;
      }
      const reach = (await reachFor(db, [cb.customerId])).get(cb.customerId);
      if (!reach) {
        if (await turnIntoPhoneCall(deps, cb, 'no_channel', { hours })) count(result, 'call_tasks');
        continue;
      }
      if (isQuiet(quietHoursFrom(config), clock.now())) {
        count(result, 'deferred_quiet');
        continue;
      }
      if (!connected.has(reach.channel)) {
        count(result, 'deferred_offline');
        continue;
      }
      if (await isBusy(deps, reach.conversationId)) {
        count(result, 'deferred_busy');
        continue;
      }
      const claimed = await db.callback.updateMany({ where: { id: cb.id, status: 'scheduled' }, data: { status: 'sent', sentAt: clock.now() } });
      if (claimed.count === 0) continue;
      try {
        const prefill = await surveyPrefill(deps, cb, toLang(reach.language));
        await startFlowFor(deps, reach.conversationId, SURVEY_FLOW, { prefill }, { replyWindowMs: hours * 3_600_000 });
        count(result, 'surveys_sent');
      } catch (err) {
        // Nothing was sent (a flow fails before its first message is rendered): put it back for the next run.
        await db.callback.update({ where: { id: cb.id }, data: { status: 'scheduled', sentAt: null } });
        throw err;
      }
    } catch (err) {
      result.errors.push({ ref: `Callback:${cb.id}`, message: err instanceof Error ? err.message : String(err) });
    }
  }
}

async function isBusy(deps: JobDeps, conversationId: string): Promise<boolean> {
  const conv = await deps.db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { owner: true, dialogState: true, dialogUpdatedAt: true } });
  if (conv.owner === 'staff') return true;
  const state = readState(conv.dialogState);
  if (!state.active) return false;
  if (state.active.flow === SURVEY_FLOW) return true;
  const idleMs = deps.clock.now().getTime() - (conv.dialogUpdatedAt?.getTime() ?? 0);
  return idleMs <= deps.config.ANXIN_DIALOG_TIMEOUT_MINUTES * 60_000;
}

/** Surveys sent more than ANXIN_CALLBACK_NO_ANSWER_HOURS ago and not completed → phone-call tasks. */
export async function sweepUnanswered(deps: JobDeps, result: JobResult): Promise<void> {
  const hours = deps.config.ANXIN_CALLBACK_NO_ANSWER_HOURS;
  const cutoff = new Date(deps.clock.now().getTime() - hours * 3_600_000);
  const stale = await deps.db.callback.findMany({ where: { status: 'sent', sentAt: { lte: cutoff } }, include: { customer: true } });
  for (const cb of stale) {
    try {
      if (await turnIntoPhoneCall(deps, cb, 'no_answer', { hours })) count(result, 'call_tasks');
    } catch (err) {
      result.errors.push({ ref: `Callback:${cb.id}`, message: err instanceof Error ? err.message : String(err) });
    }
  }
}
