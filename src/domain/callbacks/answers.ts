import type { Callback, Prisma } from '../../generated/sqlite/client.ts';
import type { CoreDeps } from '../../core/turn.ts';
import { recordInteraction } from '../escalations.ts';
import { maskText } from '../pii.ts';
import { fileStaffTask } from '../reminders/staff-tasks.ts';
import { t } from '../../i18n/index.ts';
import { COOLING_OFF_CHECKS, LOW_SATISFACTION, type CheckAnswer, type CoolingOffCheck } from './questions.ts';

type Deps = Pick<CoreDeps, 'db' | 'clock' | 'events'>;
export type CoolingOffAnswers = Partial<Record<CoolingOffCheck, CheckAnswer>>;

/** The checks answered "no" or "not sure". */
export const problemsIn = (answers: CoolingOffAnswers): CoolingOffCheck[] =>
  COOLING_OFF_CHECKS.filter((c) => answers[c] === 'no' || answers[c] === 'unsure');

/**
 * Who owns a possible mis-selling case: the servicing agent's branch (the agent's manager answers for the sale),
 * or compliance when the policy has no agent or the agent has no branch.
 */
export function misSellingOwner(agent: { branch: string | null } | null): string {
  return agent?.branch ? `branch:${agent.branch}` : 'compliance';
}

/**
 * Stores cooling-off answers as they come in (so a customer who stops halfway still leaves what they said) and,
 * the moment any answer is "no" or "not sure", files the mis-selling task for the sale's owner — once per
 * callback, its detail kept up to date with every problem found.
 */
export async function saveCoolingOffProgress(deps: Deps, callbackId: string, answers: CoolingOffAnswers): Promise<Callback> {
  const cb = await deps.db.callback.update({
    where: { id: callbackId },
    data: { answers: answers as Prisma.InputJsonValue },
    include: { policy: { include: { agent: true } } },
  });
  const problems = problemsIn(answers);
  if (problems.length) {
    const agent = cb.policy?.agent ?? null;
    const detail = t('zh', 'callback:task.misSelling.detail', {
      policy: cb.policy?.number ?? '-',
      product: cb.policy?.product ?? '-',
      agent: agent ? `${agent.name}（${agent.code}${agent.status === 'left' ? '，已离职' : ''}）` : '-',
      checks: problems.map((p) => `${t('zh', `callback:check.${p}`)}：${t('zh', `callback:answer.${answers[p]}`)}`).join('；'),
    });
    const { task, created } = await fileStaffTask(deps, {
      key: `mis_selling:${callbackId}`,
      kind: 'mis_selling',
      title: t('zh', 'callback:task.misSelling.title', { policy: cb.policy?.number ?? '-' }),
      detail,
      customerId: cb.customerId,
      refType: 'Policy',
      refId: cb.policyId ?? undefined,
      owner: misSellingOwner(agent),
      dueAt: cb.dueBy,
    });
    if (!created && task.detail !== detail) await deps.db.staffTask.update({ where: { id: task.id }, data: { detail } });
    if (created) deps.events.emit('staff.alert', { kind: 'mis_selling', text: `${task.title}\n${detail}` });
  }
  return cb;
}

/**
 * A customer who answers after their survey was handed to the phone team: the call task is no longer needed
 * (a problem they reported has its own task).
 */
async function closeCallTask(deps: Deps, callbackId: string): Promise<void> {
  await deps.db.staffTask.updateMany({
    where: { key: `call_customer:callback:${callbackId}`, status: 'open' },
    data: { status: 'done', detail: t('zh', 'callback:task.answeredLate') },
  });
}

/** Completes a cooling-off callback: status answered (or problem) and a timeline row. */
export async function finishCoolingOff(deps: Deps, callbackId: string, answers: CoolingOffAnswers, conversationId?: string): Promise<Callback> {
  await saveCoolingOffProgress(deps, callbackId, answers);
  const problems = problemsIn(answers);
  const cb = await deps.db.callback.update({
    where: { id: callbackId },
    data: { status: problems.length ? 'problem' : 'answered' },
    include: { policy: true },
  });
  await closeCallTask(deps, callbackId);
  await recordInteraction(deps, {
    customerId: cb.customerId,
    conversationId,
    kind: 'callback',
    summary: problems.length
      ? `cooling-off callback ${cb.policy?.number ?? ''}: possible mis-selling (${problems.join(', ')})`
      : `cooling-off callback ${cb.policy?.number ?? ''}: all checks confirmed`,
    refType: 'Callback',
    refId: cb.id,
  });
  return cb;
}

/** Stores the satisfaction score; a low score goes to the team that owns the claim or complaint. */
export async function saveSatisfactionScore(deps: Deps, callbackId: string, score: number, conversationId?: string): Promise<Callback> {
  const low = score <= LOW_SATISFACTION;
  const cb = await deps.db.callback.update({ where: { id: callbackId }, data: { score, status: low ? 'problem' : 'answered' } });
  await closeCallTask(deps, callbackId);
  await recordInteraction(deps, {
    customerId: cb.customerId,
    conversationId,
    kind: 'callback',
    summary: `${cb.kind} survey: ${score}/5`,
    refType: 'Callback',
    refId: cb.id,
  });
  if (low) {
    const team = cb.kind === 'claim_satisfaction' ? 'claims' : 'complaints';
    const { created, task } = await fileStaffTask(deps, {
      key: `low_satisfaction:${callbackId}`,
      kind: 'low_satisfaction',
      title: t('zh', `callback:task.lowSatisfaction.${cb.kind}`, { score }),
      detail: t('zh', 'callback:task.lowSatisfaction.detail', { score, ref: `${cb.refType ?? ''} ${cb.refId ?? ''}`.trim() }),
      customerId: cb.customerId,
      refType: cb.refType ?? undefined,
      refId: cb.refId ?? undefined,
      owner: team,
    });
    if (created) deps.events.emit('staff.alert', { kind: 'low_satisfaction', text: task.title });
  }
  return cb;
}

/**
 * Stores the optional comment on the callback (the customer's record) and adds it, masked — free text may carry
 * phone or ID numbers — to a low-score task.
 */
export async function saveSatisfactionComment(deps: Deps, callbackId: string, comment: string): Promise<Callback> {
  const text = comment.trim().slice(0, 1000);
  const masked = maskText(text);
  const cb = await deps.db.callback.update({ where: { id: callbackId }, data: { comment: text || null } });
  const task = await deps.db.staffTask.findUnique({ where: { key: `low_satisfaction:${callbackId}` } });
  if (task && masked) {
    await deps.db.staffTask.update({ where: { id: task.id }, data: { detail: `${task.detail ?? ''}\n${t('zh', 'callback:task.comment')}${masked}` } });
  }
  return cb;
}
