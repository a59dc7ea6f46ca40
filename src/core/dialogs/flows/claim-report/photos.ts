/**
 * The photo step of a claim report: the customer sends any number of photos (each stored at once, so a restart
 * loses none), then says 好了/完成/done; 跳过/skip is accepted where the line does not need photos. Three
 * unusable answers in a row offer a human, like every other question.
 */
import { assign, enqueueActions, fromPromise } from 'xstate';
import { photosOptional, storeAttachments, type StoredAttachments } from '../../../../domain/claims/index.ts';
import { FLOW_ID, MAX_TRIES, offerHumanSay, say, sayWith, setSlots, wantsHuman } from '../../kit.ts';
import type { AnswerEvent, FlowContext, FlowServices } from '../../types.ts';

const DONE = /^(好了|好|好的|完成|完成了|完毕|发完了|发完|就这些|就这些了|没有了|没了|ok|okay|done|finished|that's all|that is all|all done)[!！。.～~ ]*$/i;
const SKIP = /^(跳过|略过|不用了?|没有照片|没照片|无照片|没有|无|skip|no photos?|none|no)[!！。.～~ ]*$/i;

/** The promise actor that keeps this turn's attachments. */
export function storePhotosActor(s: FlowServices) {
  return fromPromise(
    async ({ input }: { input: { already: number } }): Promise<StoredAttachments> =>
      storeAttachments(s, {
        folder: s.conversation.id,
        messageId: s.messageId,
        attachments: s.inbound.attachments ?? [],
        alreadyStored: input.already,
      }),
  );
}

const lineOf = (c: FlowContext) => (c.slots.policy as { line?: string } | undefined)?.line ?? 'life';
const count = (c: FlowContext) => (c.slots.photoIds as string[] | undefined)?.length ?? 0;
const optional = (c: FlowContext) => photosOptional(lineOf(c));
const prompt = (c: FlowContext) =>
  optional(c)
    ? { key: 'claim:photos.askOptional', choices: [{ key: 'claim:photos.done' }, { key: 'dialog:choice.skip' }] }
    : { key: 'claim:photos.askRequired', choices: [{ key: 'claim:photos.done' }] };
const hint = (c: FlowContext) => (optional(c) ? { key: 'claim:photos.hintOptional' } : { key: 'claim:photos.hint' });

type Args = { context: FlowContext; event: AnswerEvent };
const finished = { target: `#${FLOW_ID}.route`, actions: setSlots(() => ({ photosDone: true })) };

/** The `photos` state (use as a top-level state; provide `storePhotos` via {@link storePhotosActor}). */
export function photoStep(): any {
  return {
    initial: 'prompt',
    states: {
      prompt: { entry: [assign({ tries: 0 }), sayWith(prompt)], always: 'wait' },
      wait: {
        tags: ['waiting'],
        on: {
          REPEAT: { actions: sayWith(prompt) },
          ANSWER: [
            { guard: ({ event }: Args) => event.attachmentCount > 0, target: 'store' },
            { guard: ({ context, event }: Args) => DONE.test(event.text.trim()) && (count(context) > 0 || optional(context)), ...finished },
            { guard: ({ context, event }: Args) => SKIP.test(event.text.trim()) && (count(context) > 0 || optional(context)), ...finished },
            { guard: ({ context }: Args) => context.tries + 1 >= MAX_TRIES, target: 'offerHuman' },
            {
              guard: ({ event }: Args) => DONE.test(event.text.trim()) || SKIP.test(event.text.trim()),
              actions: [assign(({ context }: Args) => ({ tries: context.tries + 1 })), say('claim:photos.needOne')],
            },
            { actions: [assign(({ context }: Args) => ({ tries: context.tries + 1 })), sayWith(hint)] },
          ],
        },
      },
      store: {
        invoke: {
          src: 'storePhotos',
          input: ({ context }: { context: FlowContext }) => ({ already: count(context) }),
          onDone: {
            target: 'wait',
            actions: [
              assign(({ context, event }: { context: FlowContext; event: any }) => ({
                tries: 0,
                slots: { ...context.slots, photoIds: [...((context.slots.photoIds as string[]) ?? []), ...event.output.ids] },
              })),
              enqueueActions(({ context, event, enqueue }: { context: FlowContext; event: any; enqueue: any }) => {
                const out = event.output as StoredAttachments;
                if (out.ids.length) enqueue.emit({ type: 'say', key: 'claim:photos.received', vars: { count: count(context) } });
                if (out.failed) enqueue.emit({ type: 'say', key: 'claim:photos.failed', vars: { failed: out.failed } });
              }),
            ],
          },
          onError: { target: 'wait', actions: say('claim:photos.failed', { failed: 1 }) },
        },
      },
      offerHuman: {
        tags: ['waiting'],
        entry: offerHumanSay(),
        on: {
          REPEAT: { actions: offerHumanSay() },
          ANSWER: [
            { guard: ({ event }: Args) => wantsHuman(event), target: `#${FLOW_ID}.handoff` },
            { guard: ({ event }: Args) => event.attachmentCount > 0, target: 'store' },
            { target: 'prompt' },
          ],
        },
      },
    },
  };
}
