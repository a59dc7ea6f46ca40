/**
 * Building blocks for flow machines (xstate v5). A flow is a machine whose waiting states are tagged `waiting`; it
 * talks by emitting `say` events and collects answers into `context.slots`. The `ask` builder gives every question
 * the same behaviour: prompt on entry, parse the answer, re-ask with a hint when it is invalid, and after three
 * invalid answers offer a human.
 */
import { assign, emit, setup, type AnyActorLogic } from 'xstate';
import { isAffirm, isCancelRequest, isDeny, isHumanRequest } from '../nlu/acts/index.ts';
import type { AnswerEvent, ChoiceSpec, CorrectEvent, FlowContext, FlowEmitted, FlowEvent, FlowInput, SayEvent } from './types.ts';

/** Invalid answers in a row before a human is offered. */
export const MAX_TRIES = 3;

/** Machine id every flow uses, so kit states can target `#flow.<state>`. */
export const FLOW_ID = 'flow';

export type SayArgs = Omit<SayEvent, 'type'>;
type SayFn = (c: FlowContext, event?: any) => SayArgs;

/**
 * `setup()` with Anxin's flow types. Pass the flow's promise actors (DB work) — they close over the turn's services.
 */
export function flowSetup<A extends Record<string, AnyActorLogic>>(actors: A) {
  const base = setup({
    types: {} as { context: FlowContext; events: FlowEvent; input: FlowInput; emitted: FlowEmitted },
    actors,
  });
  // Every flow accepts CORRECT in every state (a root transition without target): the engine delivers a
  // correction of an earlier answer, then REPEAT re-asks the current question with the corrected data.
  const createMachine: typeof base.createMachine = (config) =>
    base.createMachine({
      ...config,
      on: {
        CORRECT: { actions: assign(({ context, event }: { context: FlowContext; event: CorrectEvent }) => ({ slots: { ...context.slots, ...event.slots } })) },
        ...(config.on as object),
      },
    } as typeof config);
  return { ...base, createMachine };
}

/** Initial context from the flow's input; `prefill` may take slots from the message that started the flow. */
export function initialContext(prefill?: (input: FlowInput) => Record<string, unknown>) {
  return ({ input }: { input: FlowInput }): FlowContext => ({ lang: input.lang, slots: prefill?.(input) ?? {}, tries: 0 });
}

/** Emits a message. */
export const say = (key: string, vars?: SayArgs['vars'], choices?: ChoiceSpec[]) => emit({ type: 'say' as const, key, vars, choices });

/** Emits a message computed from context (and the event that caused it). */
export const sayWith = (fn: (c: FlowContext, event: any) => SayArgs) =>
  emit(({ context, event }: { context: FlowContext; event: any }) => ({ type: 'say' as const, ...fn(context, event) }));

/** Merges values into `context.slots`. */
export const setSlots = (fn: (c: FlowContext, event: any) => Record<string, unknown>) =>
  assign(({ context, event }: { context: FlowContext; event: any }) => ({ slots: { ...context.slots, ...fn(context, event) } }));

export interface AskSpec {
  /** The question. */
  prompt: SayFn;
  /** What to say when the answer is invalid (defaults to the prompt). */
  hint?: SayFn;
  /** Slot updates from a valid answer, or null when the answer is not valid. Must be pure. */
  parse: (e: AnswerEvent, c: FlowContext) => Record<string, unknown> | null;
  /** Top-level state to go to next. */
  next: string;
  /** A free-text step (descriptions): a switch to another need must be stated plainly to be taken as one. */
  freeText?: boolean;
  /** A yes/no step: "不用了" answers it rather than abandoning the flow. */
  yesNo?: boolean;
}

/** "Shall I connect you to a person, or try again?" — said after three invalid answers. */
export const offerHumanSay = () => say('dialog:tooManyTries', undefined, [{ key: 'dialog:choice.human' }, { key: 'dialog:choice.tryAgain' }]);

const target = (state: string) => `#${FLOW_ID}.${state}`;

/** A question step (see module comment). Use as a top-level state of a flow machine. */
export function ask(spec: AskSpec): any {
  const hint = spec.hint ?? spec.prompt;
  return {
    initial: 'asking',
    meta: { freeText: Boolean(spec.freeText), yesNo: Boolean(spec.yesNo) },
    states: {
      asking: {
        tags: ['waiting'],
        entry: [assign({ tries: 0 }), sayWith(spec.prompt)],
        on: {
          REPEAT: { actions: sayWith(spec.prompt) },
          ANSWER: [
            {
              guard: ({ context, event }: { context: FlowContext; event: AnswerEvent }) => spec.parse(event, context) !== null,
              target: target(spec.next),
              actions: assign(({ context, event }: { context: FlowContext; event: AnswerEvent }) => ({
                slots: { ...context.slots, ...spec.parse(event, context) },
                tries: 0,
              })),
            },
            {
              guard: ({ context }: { context: FlowContext }) => context.tries + 1 >= MAX_TRIES,
              target: 'offerHuman',
            },
            {
              actions: [assign(({ context }: { context: FlowContext }) => ({ tries: context.tries + 1 })), sayWith(hint)],
            },
          ],
        },
      },
      offerHuman: {
        tags: ['waiting'],
        entry: offerHumanSay(),
        on: {
          REPEAT: { actions: offerHumanSay() },
          ANSWER: [
            { guard: ({ event }: { event: AnswerEvent }) => wantsHuman(event), target: target('handoff') },
            { target: 'asking' },
          ],
        },
      },
    },
  };
}

/** The standard final states every flow includes: `handoff` (to staff) and `done`. */
export function finalStates(): Record<string, any> {
  return {
    handoff: { type: 'final', entry: assign({ outcome: 'handoff' }) },
    done: { type: 'final', entry: assign(({ context }: { context: FlowContext }) => ({ outcome: context.outcome ?? 'completed' })) },
  };
}

/**
 * A yes/no step: stores `slots[slot]` = true/false and goes to `next` (branch there with `always` + guards).
 */
export function confirm(spec: { prompt: SayFn; slot?: string; next: string }): any {
  const slot = spec.slot ?? 'confirmed';
  const yesNo = [{ key: 'dialog:choice.yes' }, { key: 'dialog:choice.no' }];
  return ask({
    prompt: (c) => ({ ...spec.prompt(c), choices: yesNo }),
    hint: () => ({ key: 'dialog:hint.yesNo', choices: yesNo }),
    parse: (e) => (isYes(e.text) ? { [slot]: true } : isNo(e.text) ? { [slot]: false } : null),
    next: spec.next,
    yesNo: true,
  });
}

/** True for a clear yes, as people type it (是/对/嗯 对/就这个号/yes/yep that's it ...). */
export const isYes = (text: string) => isAffirm(text);
/** True for a clear no (不/否/不是/不用这个号/no ...). */
export const isNo = (text: string) => isDeny(text);

/** 取消 / 算了吧 / 不报了 / 我不想投诉了 / cancel / forget it — ends the current flow. */
export const isCancel = (text: string, opts: { yesNo?: boolean } = {}) => isCancelRequest(text, opts);

/** The customer asks for a person (button or words). */
export const wantsHuman = (e: AnswerEvent) => e.nlu.intent === 'human_agent' || isHumanRequest(e.text);
