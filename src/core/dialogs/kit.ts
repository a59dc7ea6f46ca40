/**
 * Building blocks for flow machines (xstate v5). A flow is a machine whose waiting states are tagged `waiting`; it
 * talks by emitting `say` events and collects answers into `context.slots`. The `ask` builder gives every question
 * the same behaviour: prompt on entry, parse the answer, re-ask with a hint when it is invalid, and after three
 * invalid answers offer a human.
 */
import { assign, emit, setup, type AnyActorLogic } from 'xstate';
import type { AnswerEvent, ChoiceSpec, FlowContext, FlowEmitted, FlowEvent, FlowInput, SayEvent } from './types.ts';

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
  return setup({
    types: {} as { context: FlowContext; events: FlowEvent; input: FlowInput; emitted: FlowEmitted },
    actors,
  });
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
  /** A free-text step (descriptions): the engine does not offer to switch flows on intent changes here. */
  freeText?: boolean;
}

/** "Shall I connect you to a person, or try again?" — said after three invalid answers. */
export const offerHumanSay = () => say('dialog:tooManyTries', undefined, [{ key: 'dialog:choice.human' }, { key: 'dialog:choice.tryAgain' }]);

const target = (state: string) => `#${FLOW_ID}.${state}`;

/** A question step (see module comment). Use as a top-level state of a flow machine. */
export function ask(spec: AskSpec): any {
  const hint = spec.hint ?? spec.prompt;
  return {
    initial: 'asking',
    meta: { freeText: Boolean(spec.freeText) },
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
  });
}

const YES = /^(是|是的|对|对的|确认|确定|好|好的|可以|行|嗯+|没错|正确|需要|要|y|yes|yeah|yep|ok|okay|sure|correct|confirm)[!！。.～~ ]*$/i;
const NO = /^(不|不是|否|不对|错|不用|不需要|不要|没有|无|n|no|nope|not|wrong|none)[!！。.～~ ]*$/i;
/** True for a clear yes (是/对/确认/yes/ok ...). */
export const isYes = (text: string) => YES.test(text.trim());
/** True for a clear no (不/否/不是/no ...). */
export const isNo = (text: string) => NO.test(text.trim());

const CANCEL = /^(取消|算了|不办了|不用了|退出|结束|cancel|stop it|quit|exit|never ?mind|forget it)[!！。.～~ ]*$/i;
/** 取消 / 算了 / cancel — ends the current flow. */
export const isCancel = (text: string) => CANCEL.test(text.trim());

/** The customer asks for a person (button or words). */
export const wantsHuman = (e: AnswerEvent) => e.nlu.intent === 'human_agent' || /人工|客服|agent|human|person/i.test(e.text);
