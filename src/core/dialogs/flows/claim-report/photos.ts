/**
 * The photo step of a claim report: the customer sends any number of photos (each stored at once, so a restart
 * loses none), then says 好了/完成/done. Photos never block a report: "稍后补充" / "没有照片" / skip carries on for
 * every line — motor asks for them plainly, the other lines offer them. The hints name the photos that help for
 * this line and incident (a burst pipe: the wet ceiling or floor, the pipe, the damaged belongings; health: the
 * invoices and the discharge summary). Three unusable answers in a row offer a human, like every other question.
 */
import { assign, enqueueActions, fromPromise } from 'xstate';
import { photosOptional, photoTipsKey, storeAttachments, type StoredAttachments } from '../../../../domain/claims/index.ts';
import { t } from '../../../../i18n/index.ts';
import { FLOW_ID, MAX_TRIES, offerHumanSay, say, sayWith, setSlots, wantsHuman } from '../../kit.ts';
import type { AnswerEvent, FlowContext, FlowServices } from '../../types.ts';

const DONE = /^(好了|好|好的|完成|完成了|完毕|发完了|发完|就这些|就这些了|没有了|没了|ok|okay|done|finished|that's all|that is all|all done)[!！。.～~ ]*$/i;
const SKIP = /^(跳过|略过|不用了?|没有照片|没照片|无照片|没拍|没有拍|没拍照|拍不了|没法拍|没有|无|skip|no photos?|none|no)[!！。.～~ ]*$/i;
const LATER = /稍后|以后|晚点|晚些|回头|之后|明天|过后|等会|待会|一会儿?|再发|再拍|补充|补发|补拍|later|tomorrow|afterwards|not now/i;

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
const tips = (c: FlowContext) => t(c.lang, photoTipsKey(lineOf(c), (c.slots.description as string | undefined) ?? ''));
const CHOICES = [{ key: 'claim:photos.done' }, { key: 'claim:photos.laterChoice' }];
const prompt = (c: FlowContext) => ({ key: photosOptional(lineOf(c)) ? 'claim:photos.askAny' : 'claim:photos.askAuto', vars: { tips: tips(c) }, choices: CHOICES });
const hint = () => ({ key: 'claim:photos.hintAny', choices: CHOICES });

type Args = { context: FlowContext; event: AnswerEvent };
const finished = { target: `#${FLOW_ID}.route`, actions: setSlots(() => ({ photosDone: true })) };
/** No photos now: they follow later (said so the customer knows the report is not held up). */
const later = { target: `#${FLOW_ID}.route`, actions: [setSlots(() => ({ photosDone: true, photosLater: true })), say('claim:photos.later')] };
const text = (e: AnswerEvent) => e.text.trim();

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
            { guard: ({ context, event }: Args) => DONE.test(text(event)) && count(context) > 0, ...finished },
            { guard: ({ context, event }: Args) => count(context) === 0 && (DONE.test(text(event)) || SKIP.test(text(event)) || LATER.test(text(event))), ...later },
            { guard: ({ event }: Args) => SKIP.test(text(event)) || LATER.test(text(event)), ...finished },
            { guard: ({ context }: Args) => context.tries + 1 >= MAX_TRIES, target: 'offerHuman' },
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
