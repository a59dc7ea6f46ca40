/**
 * 回访 — the callback survey the bot starts itself (src/jobs/callbacks.ts through startFlowFor; never from an NLU
 * intent). Two kinds, chosen by the prefilled slots:
 * - cooling_off: the seven cooling-off checks (src/domain/callbacks/questions.ts), each answered yes / no / not
 *   sure. Answers are stored one by one, and the first "no" or "not sure" files the mis-selling task at once, so
 *   a customer who stops halfway still leaves what they said.
 * - claim_satisfaction / complaint_satisfaction: a score 1–5 (stored at once) and an optional comment.
 */
import { fromPromise } from 'xstate';
import {
  finishCoolingOff,
  problemsIn,
  saveCoolingOffProgress,
  saveSatisfactionComment,
  saveSatisfactionScore,
  type CoolingOffAnswers,
} from '../../../domain/callbacks/answers.ts';
import { COOLING_OFF_CHECKS, NO_COMMENT, parseCheckAnswer, parseScore } from '../../../domain/callbacks/questions.ts';
import { ask, finalStates, FLOW_ID, flowSetup, initialContext, say, sayWith } from '../kit.ts';
import type { ProactiveFlowInput } from '../proactive.ts';
import type { ChoiceSpec, FlowContext, FlowDefinition, FlowServices } from '../types.ts';

type Args = { context: FlowContext; event: any };
type Vars = Record<string, string | number>;

const answerChoices: ChoiceSpec[] = [{ key: 'dialog:choice.yes' }, { key: 'dialog:choice.no' }, { key: 'callback:choice.unsure' }];
const scoreChoices: ChoiceSpec[] = [5, 4, 3, 2, 1].map((n) => ({ key: `callback:satisfaction.choice.${n}`, value: String(n) }));

const vars = (c: FlowContext) => (c.slots.vars ?? {}) as Vars;
const answers = (c: FlowContext) => (c.slots.answers ?? {}) as CoolingOffAnswers;
const callbackId = (c: FlowContext) => String(c.slots.callbackId);

function create(s: FlowServices) {
  const conversationId = s.conversation.id;
  const actors = {
    saveProgress: fromPromise(async ({ input }: { input: { id: string; answers: CoolingOffAnswers } }) => {
      await saveCoolingOffProgress(s, input.id, input.answers);
    }),
    finishCoolingOff: fromPromise(async ({ input }: { input: { id: string; answers: CoolingOffAnswers } }) => {
      await finishCoolingOff(s, input.id, input.answers, conversationId);
    }),
    saveScore: fromPromise(async ({ input }: { input: { id: string; score: number } }) => {
      await saveSatisfactionScore(s, input.id, input.score, conversationId);
    }),
    saveComment: fromPromise(async ({ input }: { input: { id: string; comment: string } }) => {
      await saveSatisfactionComment(s, input.id, input.comment);
    }),
  };

  const coolingOff: Record<string, any> = {
    intro_cooling: { entry: sayWith((c) => ({ key: 'callback:coolingOff.intro', vars: vars(c) })), always: `q_${COOLING_OFF_CHECKS[0]}` },
  };
  COOLING_OFF_CHECKS.forEach((check, i) => {
    const next = COOLING_OFF_CHECKS[i + 1];
    coolingOff[`q_${check}`] = ask({
      prompt: (c) => ({ key: `callback:coolingOff.q.${check}`, vars: vars(c), choices: answerChoices }),
      hint: () => ({ key: 'callback:hint.answer', choices: answerChoices }),
      parse: (e, c) => {
        const a = parseCheckAnswer(e.text);
        return a ? { answers: { ...answers(c), [check]: a } } : null;
      },
      next: `save_${check}`,
    });
    coolingOff[`save_${check}`] = {
      invoke: {
        src: 'saveProgress',
        input: ({ context }: Args) => ({ id: callbackId(context), answers: answers(context) }),
        onDone: next ? `q_${next}` : 'finish_cooling',
        onError: 'failed',
      },
    };
  });
  coolingOff.finish_cooling = {
    invoke: {
      src: 'finishCoolingOff',
      input: ({ context }: Args) => ({ id: callbackId(context), answers: answers(context) }),
      onDone: {
        target: 'done',
        actions: sayWith((c) => ({ key: problemsIn(answers(c)).length ? 'callback:coolingOff.thanksFollowUp' : 'callback:coolingOff.thanks', vars: vars(c) })),
      },
      onError: 'failed',
    },
  };

  const satisfaction: Record<string, any> = {
    intro_satisfaction: { entry: sayWith((c) => ({ key: `callback:satisfaction.intro.${c.slots.kind}`, vars: vars(c) })), always: 'score' },
    score: ask({
      prompt: () => ({ key: 'callback:satisfaction.score', choices: scoreChoices }),
      hint: () => ({ key: 'callback:hint.score', choices: scoreChoices }),
      parse: (e) => {
        const score = parseScore(e.text);
        return score === null ? null : { score };
      },
      next: 'save_score',
    }),
    save_score: {
      invoke: {
        src: 'saveScore',
        input: ({ context }: Args) => ({ id: callbackId(context), score: Number(context.slots.score) }),
        onDone: 'comment',
        onError: 'failed',
      },
    },
    comment: ask({
      prompt: () => ({ key: 'callback:satisfaction.comment', choices: [{ key: 'dialog:choice.skip' }] }),
      parse: (e) => (e.text.trim() ? { comment: NO_COMMENT.test(e.text.trim()) ? '' : e.text.trim() } : null),
      next: 'save_comment',
      freeText: true,
    }),
    save_comment: {
      invoke: {
        src: 'saveComment',
        input: ({ context }: Args) => ({ id: callbackId(context), comment: String(context.slots.comment ?? '') }),
        onDone: {
          target: 'done',
          actions: sayWith((c) => ({ key: Number(c.slots.score) <= 2 ? 'callback:satisfaction.thanksLow' : 'callback:satisfaction.thanks' })),
        },
        onError: 'failed',
      },
    },
  };

  const states: Record<string, any> = {
    route: {
      always: [
        { guard: ({ context }: Args) => context.slots.kind === 'cooling_off', target: 'intro_cooling' },
        { guard: ({ context }: Args) => context.slots.kind === 'claim_satisfaction' || context.slots.kind === 'complaint_satisfaction', target: 'intro_satisfaction' },
        { target: 'done' },
      ],
    },
    ...coolingOff,
    ...satisfaction,
    failed: { entry: say('callback:saveFailed'), always: 'handoff' },
    ...finalStates(),
  };

  return flowSetup(actors).createMachine({
    id: FLOW_ID,
    context: initialContext((input) => ({ answers: {}, ...((input as ProactiveFlowInput).prefill ?? {}) })),
    initial: 'route',
    states,
  });
}

export const flow: FlowDefinition = {
  id: 'callback_survey',
  version: 1,
  titleKey: 'callback:title',
  create,
};
