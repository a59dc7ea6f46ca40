/**
 * An unverified complainant who is the consumer may verify during the complaint (mobile + last 4 of the ID
 * number, or policy number + name): the complaint is then linked to their customer record, shows in the customer
 * view and in "我的投诉", and name and phone need not be asked. Verifying is optional — a name alone carries on,
 * and a failed check never stops a complaint from being taken (2020 rules, art. 13 asks only for who complains).
 */
import { assign, fromPromise } from 'xstate';
import { parseMobile, parseName } from '../../../../domain/complaints/answers.ts';
import { claimIdentityComplaints } from '../../../../domain/complaints/open.ts';
import { parseVerifyAnswer, verifyIdentity, type VerifyClaim, type VerifyResult } from '../../../../domain/verification.ts';
import { ask, say, setSlots } from '../../kit.ts';
import type { AnswerEvent, FlowContext, FlowServices } from '../../types.ts';
import { patient } from './patient.ts';

type Args = { context: FlowContext };

function readIdentify(e: AnswerEvent): Record<string, unknown> | null {
  const claim = parseVerifyAnswer(e.text, e.nlu.entities);
  if (claim) return { verifyClaim: claim };
  const phone = parseMobile(e.text, e.nlu.entities.phone);
  if (phone) return { phone };
  const name = parseName(e.text);
  return name ? { name } : null;
}

/** The promise actor: verifies, links the identity and claims the complaints it filed before. */
export function identifyActors(s: FlowServices) {
  return {
    identifyCustomer: fromPromise(async ({ input }: { input: VerifyClaim }): Promise<VerifyResult> => {
      const r = await verifyIdentity(s, s.identity.id, input);
      if (r.ok) {
        await s.setCustomer(r.customer);
        await claimIdentityComplaints(s.db, s.identity.id, r.customer.id);
      }
      return r;
    }),
  };
}

/** States `identify` → (`identifyCheck`) → `phoneRoute` when the name is known, else `name`. */
export function identifyStates(): Record<string, any> {
  return {
    identify: patient(
      ask({ prompt: () => ({ key: 'complaint:ask.identify' }), hint: () => ({ key: 'complaint:hint.identify' }), parse: readIdentify, next: 'identifyRoute' }),
      'identify',
      (e) => readIdentify(e) !== null,
      () => ({ key: 'complaint:hint.identify' }),
    ),
    identifyRoute: {
      always: [
        { guard: ({ context }: Args) => Boolean(context.slots.verifyClaim), target: 'identifyCheck' },
        { guard: ({ context }: Args) => Boolean(context.slots.name), target: 'phoneRoute' },
        { target: 'name' },
      ],
    },
    identifyCheck: {
      invoke: {
        src: 'identifyCustomer',
        input: ({ context }: Args) => context.slots.verifyClaim as VerifyClaim,
        onDone: [
          {
            guard: ({ event }: { event: { output: VerifyResult } }) => event.output.ok,
            target: 'phoneRoute',
            actions: [
              setSlots((c, e: { output: { customer: { name: string; phone: string | null } } }) => ({
                verifyClaim: undefined,
                verified: true,
                name: e.output.customer.name,
                phone: (c.slots.phone as string | undefined) ?? e.output.customer.phone ?? undefined,
              })),
              say('verify:ok'),
            ],
          },
          { target: 'name', actions: [assign(({ context }: Args) => ({ slots: { ...context.slots, verifyClaim: undefined } })), say('complaint:identifyFailed')] },
        ],
      },
    },
  };
}
