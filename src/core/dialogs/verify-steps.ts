/**
 * Identity verification as reusable flow states. A flow that needs the verified customer includes
 * `...verifyStates('nextState')` in its top-level states, starts at `verify` (skipped when already verified) and
 * provides `verifyActors(services)` in its setup. Until verified, flows show no personal data.
 */
import { assign, fromPromise } from 'xstate';
import { parseVerifyAnswer, verifyIdentity, type AttemptRefused, type VerifyClaim, type VerifyResult } from '../../domain/verification.ts';
import type { Lang } from '../../i18n/index.ts';
import { ask, say, sayWith, type SayArgs } from './kit.ts';
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

const shanghai = (d: Date) => {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { month: Number(get('month')), day: Number(get('day')), time: `${get('hour')}:${get('minute')}` };
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "10:30" when `until` is today in Shanghai, else with the date ("12月1日 10:30" / "Dec 1, 10:30"): locks last a day. */
export function untilText(lang: Lang, until: Date, now: Date): string {
  const u = shanghai(new Date(until));
  const n = shanghai(now);
  if (u.month === n.month && u.day === n.day) return u.time;
  return lang === 'en' ? `${MONTHS[u.month - 1]} ${u.day}, ${u.time}` : `${u.month}月${u.day}日 ${u.time}`;
}

/**
 * What to say when a check was refused by the number's or the network address's counter (issue 12): a pause
 * (`verify:wait`) or a lock that refuses the right answer too. Null for the identity's own lock, which each flow
 * words itself (`verify:locked`, `claim:policy.locked`).
 */
export function refusalSay(lang: Lang, r: AttemptRefused, now: Date): SayArgs | null {
  if (!r.scope) return null;
  const time = untilText(lang, r.lockedUntil, now);
  if (r.delayed) return { key: 'verify:wait', vars: { time } };
  return { key: r.scope === 'target' ? 'verify:targetLocked' : 'verify:addressLocked', vars: { time } };
}

/** States `verify` (router) → `verify_ask` → `verify_check` → `next` (or `done` with outcome `declined` when locked). */
export function verifyStates(next: string, s: FlowServices): Record<string, any> {
  return {
    verify: { always: [{ guard: () => Boolean(s.customer), target: next }, { target: 'verify_ask' }] },
    verify_ask: {
      ...ask({
        // Linked before but the verification has expired (ANXIN_VERIFY_TTL_MINUTES): say why it is asked again.
        prompt: () => ({ key: s.identity.customerId ? 'verify:askAgain' : 'verify:ask' }),
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
              sayWith((_c, event: { output: AttemptRefused }) => {
                const now = s.clock.now();
                return refusalSay(s.lang, event.output, now) ?? { key: 'verify:locked', vars: { time: untilText(s.lang, event.output.lockedUntil, now) } };
              }),
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
