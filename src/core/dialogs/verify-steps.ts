/**
 * Identity verification as reusable flow states. A flow that needs the verified customer includes
 * `...verifyStates('nextState')` in its top-level states, starts at `verify` (skipped when already verified) and
 * provides `verifyActors(services)` in its setup. Until verified, flows show no personal data.
 */
import { assign, fromPromise } from 'xstate';
import { parseVerifyAnswer, verifyIdentity, type VerifyClaim, type VerifyResult } from '../../domain/verification.ts';
import { ask, say, sayWith } from './kit.ts';
import type { FlowContext, FlowServices } from './types.ts';

/** The promise actor the verify states invoke. */
export function verifyActors(s: FlowServices) {
  return {
    verifyIdentity: fromPromise(async ({ input }: { input: VerifyClaim }): Promise<VerifyResult> => {
      const r = await verifyIdentity(s, s.identity.id, input);
      if (r.ok) await s.setCustomer(r.customer);
      return r;
    }),
  };
}

const timeOf = (d: Date) => new Date(d).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });

/** States `verify` (router) → `verify_ask` → `verify_check` → `next` (or `done` with outcome `declined` when locked). */
export function verifyStates(next: string, s: FlowServices): Record<string, any> {
  return {
    verify: { always: [{ guard: () => Boolean(s.customer), target: next }, { target: 'verify_ask' }] },
    verify_ask: {
      ...ask({
        prompt: () => ({ key: 'verify:ask' }),
        hint: () => ({ key: 'verify:hint' }),
        parse: (e) => {
          const claim = parseVerifyAnswer(e.text, e.nlu.entities);
          return claim ? { verifyClaim: claim } : null;
        },
        next: 'verify_check',
      }),
    },
    verify_check: {
      invoke: {
        src: 'verifyIdentity',
        input: ({ context }: { context: FlowContext }) => context.slots.verifyClaim as VerifyClaim,
        onDone: [
          {
            guard: ({ event }: { event: { output: VerifyResult } }) => event.output.ok,
            target: next,
            actions: [assign(({ context }: { context: FlowContext }) => ({ slots: { ...context.slots, verifyClaim: undefined, verified: true } })), say('verify:ok')],
          },
          {
            guard: ({ event }: { event: { output: VerifyResult } }) => !event.output.ok && event.output.reason === 'locked',
            target: 'done',
            actions: [
              assign({ outcome: 'declined' }),
              sayWith((_c, event: { output: { lockedUntil: Date } }) => ({ key: 'verify:locked', vars: { time: timeOf(event.output.lockedUntil) } })),
            ],
          },
          {
            target: 'verify_ask',
            actions: sayWith((_c, event: { output: { remaining: number } }) => ({ key: 'verify:mismatch', vars: { remaining: event.output.remaining } })),
          },
        ],
      },
    },
  };
}
