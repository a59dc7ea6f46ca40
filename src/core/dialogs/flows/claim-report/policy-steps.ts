/**
 * Which policy a claim is on. A verified customer picks among their active policies (buttons when several, none
 * asked when one, or the one the first message names by number, plate, product or kind of incident — "意外险",
 * "住院了", "flight delayed" — said so, and another policy number sent later switches to it). Before filing a second
 * report on the same policy the customer's open claims on it are mentioned. Anyone else names a policy by number (or plate) and
 * proves they know its holder's or insured's name or phone; until that check passes nothing about the policy is
 * said — an unknown number and a wrong name get the same answer — and failures share the verification lock.
 */
import { assign, enqueueActions, fromPromise } from 'xstate';
import { t } from '../../../../i18n/index.ts';
import {
  activePoliciesOf,
  checkPolicyOwner,
  openClaimsOn,
  pickByLine,
  statusKeys,
  formatShanghai,
  lineNameKey,
  linesMentioned,
  parseOwnerProof,
  pickPolicy,
  type ClaimPolicy,
  type OwnerCheckResult,
  type OwnerProof,
  type PolicyRef,
} from '../../../../domain/claims/index.ts';
import { parseVerifyAnswer } from '../../../../domain/verification.ts';
import { ask, say, sayWith, setSlots, type SayArgs } from '../../kit.ts';
import { refusalSay, verifyActors } from '../../verify-steps.ts';
import type { FlowContext, FlowServices } from '../../types.ts';

type LoadResult = { kind: 'picked'; policy: ClaimPolicy; byWords?: boolean } | { kind: 'choose'; options: ClaimPolicy[] } | { kind: 'other' } | { kind: 'none' };
type Args = { context: FlowContext; event: any };

/** Words around a policy number that are not an owner's name ("保单号AU…", "policy number AU…"). */
const REF_WORDS = /保单号码?|保单|号码|单号|我的|这个|\bpolicy\s*(?:no\.?|number)?|\bnumber\b|\bmy\b/gi;

/** The policy reference (number or plate) in a message's entities. */
export function refOf(e: { policyNumber?: string; plate?: string }): PolicyRef | undefined {
  if (e.policyNumber) return { policyNumber: e.policyNumber };
  if (e.plate) return { plate: e.plate };
  return undefined;
}

/** Promise actors the policy states invoke. */
export function policyActors(s: FlowServices) {
  return {
    ...verifyActors(s),
    loadPolicies: fromPromise(async ({ input }: { input: { ref?: PolicyRef; lines?: string[] } }): Promise<LoadResult> => {
      const options = s.customer ? await activePoliciesOf(s, s.customer) : [];
      if (input.ref) {
        const picked = pickPolicy(options, input.ref as Partial<{ policyNumber: string; plate: string }>);
        return picked ? { kind: 'picked', policy: picked } : { kind: 'other' };
      }
      if (options.length === 1) return { kind: 'picked', policy: options[0] };
      const named = pickByLine(options, input.lines ?? []);
      if (named) return { kind: 'picked', policy: named, byWords: true };
      return options.length ? { kind: 'choose', options } : { kind: 'none' };
    }),
    openClaims: fromPromise(async ({ input }: { input: { policyId: string } }) =>
      s.customer ? openClaimsOn(s, input.policyId, s.customer.id) : [],
    ),
    checkOwner: fromPromise(
      async ({ input }: { input: { ref: PolicyRef; proof: OwnerProof } }): Promise<OwnerCheckResult> => checkPolicyOwner(s, s.identity.id, input.ref, input.proof),
    ),
  };
}

/** States `policy` (router) … → `next` with `slots.policy` set, or `done` (outcome declined) when locked. */
export function policyStates(s: FlowServices, next: string): Record<string, any> {
  const lineName = (line: string) => t(s.lang, lineNameKey(line));
  const selected = (p: ClaimPolicy): SayArgs => ({ key: 'claim:policy.selected', vars: { line: lineName(p.line), number: p.number } });
  const slot = (c: FlowContext, k: string) => c.slots[k] as any;
  const choices = (c: FlowContext) =>
    (slot(c, 'policyOptions') as ClaimPolicy[]).map((p) => ({
      key: 'claim:policy.choice',
      vars: { line: lineName(p.line), number: p.number, plate: p.plate ? ` ${p.plate}` : '' },
      value: p.number,
    }));

  // Both identity checks share one attempt counter (src/domain/verification.ts): locked ends the flow.
  const lockedOut = {
    guard: ({ event }: Args) => event.output.reason === 'locked',
    target: 'done',
    actions: [
      assign({ outcome: 'declined' }),
      // The number's or the network address's counter (issue 12) says so in its own words.
      sayWith((_c, e) => refusalSay(s.lang, e.output, s.clock.now()) ?? { key: 'claim:policy.locked', vars: { time: formatShanghai(new Date(e.output.lockedUntil)).slice(11) } }),
    ],
  };

  return {
    policy: {
      always: [
        { guard: () => Boolean(s.customer), target: 'policy_load' },
        { guard: ({ context }: Args) => slot(context, 'policyRef') !== undefined, target: 'policy_owner' },
        { target: 'policy_number' },
      ],
    },
    policy_load: {
      invoke: {
        src: 'loadPolicies',
        input: ({ context }: Args) => ({ ref: slot(context, 'policyRef'), lines: slot(context, 'policyLines') }),
        onDone: [
          {
            guard: ({ event }: Args) => event.output.kind === 'picked',
            target: 'policy_picked',
            actions: [
              setSlots((_c, e) => ({ policy: e.output.policy, policyRef: undefined, policyOptions: undefined })),
              sayWith((_c, e) => (e.output.byWords ? { ...selected(e.output.policy), key: 'claim:policy.selectedByWords' } : selected(e.output.policy))),
            ],
          },
          { guard: ({ event }: Args) => event.output.kind === 'other', target: 'policy_owner' },
          { guard: ({ event }: Args) => event.output.kind === 'choose', target: 'policy_choose', actions: setSlots((_c, e) => ({ policyOptions: e.output.options })) },
          { target: 'policy_number', actions: say('claim:policy.noneActive') },
        ],
      },
    },
    policy_choose: ask({
      prompt: (c) => ({ key: 'claim:policy.choose', choices: choices(c) }),
      hint: (c) => ({ key: 'claim:policy.chooseHint', choices: choices(c) }),
      parse: (e, c) => {
        const options = slot(c, 'policyOptions') as ClaimPolicy[];
        const index = /^\s*([1-9])\s*$/.exec(e.text)?.[1];
        // A number, a policy number or plate, or the line in words ("车险那个", "the travel one").
        const exact = index ? options[Number(index) - 1] : pickPolicy(options, e.nlu.entities);
        if (exact) return { policy: exact, policyOptions: undefined };
        const byWords = pickByLine(options, linesMentioned(e.text));
        if (byWords) return { policy: byWords, policyOptions: undefined, policyByWords: true };
        // A policy that is not theirs: checked like anyone else's.
        const ref = refOf(e.nlu.entities);
        return ref ? { policyRef: ref, policyOptions: undefined } : null;
      },
      next: 'policy_routed',
    }),
    policy_routed: {
      always: [
        {
          guard: ({ context }: Args) => slot(context, 'policy') !== undefined,
          target: 'policy_picked',
          // Picked from words rather than a button or number: say which one was understood.
          actions: enqueueActions(({ context, enqueue }: { context: FlowContext; enqueue: any }) => {
            if (slot(context, 'policyByWords')) enqueue.emit({ type: 'say', ...selected(slot(context, 'policy')) });
            enqueue(setSlots(() => ({ policyByWords: undefined })));
          }),
        },
        { target: 'policy_owner' },
      ],
    },
    // The customer's own open claims on the chosen policy: "已有一个审核中的案件 BA…", then the new report goes on.
    policy_picked: {
      invoke: {
        src: 'openClaims',
        input: ({ context }: Args) => ({ policyId: (slot(context, 'policy') as ClaimPolicy).policyId }),
        onDone: {
          target: next,
          actions: enqueueActions(({ event, enqueue }: { event: any; enqueue: any }) => {
            const open = event.output as { number: string; status: string }[];
            if (open.length) enqueue.emit({ type: 'say', key: 'claim:policy.openClaims', vars: { number: open[0].number, status: t(s.lang, statusKeys(open[0].status).status) } });
          }),
        },
        onError: { target: next },
      },
    },
    policy_number: ask({
      prompt: () => ({ key: 'claim:policy.askNumber' }),
      hint: () => ({ key: 'claim:policy.hintNumber' }),
      parse: (e) => {
        const ref = refOf(e.nlu.entities);
        if (!ref) {
          // "13800138000 1234": an existing customer verifies and then picks among their own policies.
          const claim = parseVerifyAnswer(e.text, e.nlu.entities);
          return claim && 'phone' in claim ? { verifyClaim: claim } : null;
        }
        // "AU2024000001 张伟" carries the proof too.
        const rest = e.text.replace(/[A-Za-z]{2}[\s-]?\d{10}/, ' ').replace(REF_WORDS, ' ').trim();
        const proof = e.nlu.entities.phone ? { phone: e.nlu.entities.phone } : 'policyNumber' in ref && rest ? parseOwnerProof(rest) : null;
        return { policyRef: ref, ownerProof: proof ?? undefined };
      },
      next: 'policy_numbered',
    }),
    policy_numbered: {
      always: [{ guard: ({ context }: Args) => slot(context, 'verifyClaim') !== undefined, target: 'policy_verify' }, { target: 'policy_owner' }],
    },
    policy_verify: {
      invoke: {
        src: 'verifyIdentity',
        input: ({ context }: Args) => slot(context, 'verifyClaim'),
        onDone: [
          { guard: ({ event }: Args) => event.output.ok, target: 'policy_load', actions: [setSlots(() => ({ verifyClaim: undefined })), say('verify:ok')] },
          lockedOut,
          {
            target: 'policy_number',
            actions: [setSlots(() => ({ verifyClaim: undefined })), sayWith((_c, e) => ({ key: 'verify:mismatch', vars: { remaining: e.output.remaining } }))],
          },
        ],
      },
    },
    policy_owner: {
      always: [{ guard: ({ context }: Args) => slot(context, 'ownerProof') !== undefined, target: 'policy_check' }, { target: 'policy_owner_ask' }],
    },
    policy_owner_ask: ask({
      prompt: () => ({ key: 'claim:policy.askOwner' }),
      hint: () => ({ key: 'claim:policy.hintOwner' }),
      parse: (e) => {
        const proof = parseOwnerProof(e.text, e.nlu.entities.phone);
        return proof ? { ownerProof: proof } : null;
      },
      next: 'policy_check',
    }),
    policy_check: {
      invoke: {
        src: 'checkOwner',
        input: ({ context }: Args) => ({ ref: slot(context, 'policyRef'), proof: slot(context, 'ownerProof') }),
        onDone: [
          {
            guard: ({ event }: Args) => event.output.ok,
            target: next,
            actions: [
              setSlots((_c, e) => ({ policy: e.output.policy, policyRef: undefined, ownerProof: undefined })),
              sayWith((_c, e) => selected(e.output.policy)),
            ],
          },
          lockedOut,
          {
            target: 'policy_number',
            actions: [
              setSlots(() => ({ policyRef: undefined, ownerProof: undefined })),
              sayWith((_c, e) => ({ key: 'claim:policy.mismatch', vars: { remaining: e.output.remaining } })),
            ],
          },
        ],
      },
    },
  };
}
