/**
 * 理赔进度 — claim status. By report number: shown only when the claim is the verified customer's own or was
 * reported from this same conversation; otherwise the customer is asked to verify first, and after that a claim
 * that is still not theirs gets the same answer as a number that does not exist. Without a number: the verified
 * customer's recent claims, each with its status in plain words and the next step.
 */
import { enqueueActions, fromPromise } from 'xstate';
import { t } from '../../../i18n/index.ts';
import { findClaimFor, lineNameKey, recentClaimsFor, statusKeys, type ClaimWithPolicy } from '../../../domain/claims/index.ts';
import { shanghaiDate } from '../../../domain/calendar/shanghai-time.ts';
import { recordInteraction } from '../../../domain/escalations.ts';
import { parseVerifyAnswer } from '../../../domain/verification.ts';
import { ask, finalStates, FLOW_ID, flowSetup, initialContext, say, sayWith } from '../kit.ts';
import { verifyActors, verifyStates } from '../verify-steps.ts';
import type { FlowContext, FlowDefinition, FlowServices } from '../types.ts';

type Args = { context: FlowContext; event: any };
const VERIFY_WORDS = /验证|核实|身份|全部|所有|名下|verify|identity|all my|my claims/i;

function create(s: FlowServices) {
  const who = () => ({ customerId: s.customer?.id, conversationId: s.conversation.id });

  /** One claim as the customer reads it, in the language of this turn. */
  const describe = (c: ClaimWithPolicy) => {
    const keys = statusKeys(c.status);
    return t(s.lang, 'claim:lookup.item', {
      number: c.number,
      line: t(s.lang, lineNameKey(c.line)),
      policy: c.policy.number,
      date: shanghaiDate(c.createdAt),
      status: t(s.lang, keys.status),
      note: c.statusNote ? t(s.lang, 'claim:lookup.note', { note: c.statusNote }) : '',
      next: t(s.lang, keys.next),
    });
  };
  const record = (customerId: string | null | undefined, summary: string, refId?: string) =>
    recordInteraction(s, {
      customerId,
      conversationId: s.conversation.id,
      kind: 'claim_status',
      channel: s.conversation.channel,
      summary,
      ...(refId ? { refType: 'Claim', refId } : {}),
    });

  // The button sends a claim-status phrase, so the NLU keeps the customer in this flow (a bare "verify my
  // identity" can read as another intent and trigger a switch offer).
  const verifyChoice = () => ({ key: 'claim:lookup.verifyChoice', value: t(s.lang, 'claim:lookup.verifyValue') });

  const actors = {
    ...verifyActors(s),
    lookup: fromPromise(async ({ input }: { input: { number: string } }) => {
      const r = await findClaimFor(s, input.number, who());
      if (!r.ok) return { ok: false as const };
      await record(r.claim.customerId, r.claim.number, r.claim.id);
      return { ok: true as const, text: describe(r.claim) };
    }),
    list: fromPromise(async () => {
      const claims = await recentClaimsFor(s, who());
      if (claims.length) await record(s.customer?.id, claims.map((c) => c.number).join(' '));
      return { items: claims.map(describe) };
    }),
  };

  const states: Record<string, any> = {
    route: {
      always: [
        { guard: ({ context }: Args) => Boolean(context.slots.claimNumber), target: 'lookup' },
        { guard: () => Boolean(s.customer), target: 'list' },
        { target: 'ask_number' },
      ],
    },
    ask_number: ask({
      prompt: () => ({ key: 'claim:lookup.ask', choices: [verifyChoice()] }),
      hint: () => ({ key: 'claim:lookup.hint', choices: [verifyChoice()] }),
      parse: (e) => {
        if (e.nlu.entities.claimNumber) return { claimNumber: e.nlu.entities.claimNumber };
        const claim = parseVerifyAnswer(e.text, e.nlu.entities);
        if (claim) return { verifyClaim: claim };
        return VERIFY_WORDS.test(e.text) ? { wantsVerify: true } : null;
      },
      next: 'after_ask',
    }),
    after_ask: {
      always: [
        { guard: ({ context }: Args) => Boolean(context.slots.claimNumber), target: 'lookup' },
        // Verification details sent straight away: check them without asking again.
        { guard: ({ context }: Args) => Boolean(context.slots.verifyClaim), target: 'verify_check' },
        { target: 'verify' },
      ],
    },
    lookup: {
      invoke: {
        src: 'lookup',
        input: ({ context }: Args) => ({ number: context.slots.claimNumber }),
        onDone: [
          { guard: ({ event }: Args) => event.output.ok, target: 'done', actions: sayWith((_c, e) => ({ key: 'claim:lookup.found', vars: { text: e.output.text } })) },
          { guard: () => !s.customer, target: 'verify', actions: say('claim:lookup.needVerify') },
          { target: 'done', actions: sayWith((c) => ({ key: 'claim:lookup.notVisible', vars: { number: String(c.slots.claimNumber) } })) },
        ],
      },
    },
    list: {
      invoke: {
        src: 'list',
        onDone: {
          target: 'done',
          actions: enqueueActions(({ event, enqueue }: Args & { enqueue: any }) => {
            const items = event.output.items as string[];
            if (items.length) enqueue.emit({ type: 'say', key: 'claim:lookup.list', vars: { items: items.join('\n\n') } });
            else enqueue.emit({ type: 'say', key: 'claim:lookup.none' });
          }),
        },
      },
    },
    ...verifyStates('route', s),
    ...finalStates(),
  };

  return flowSetup(actors).createMachine({
    id: FLOW_ID,
    context: initialContext((input) => (input.entities.claimNumber ? { claimNumber: input.entities.claimNumber } : {})),
    initial: 'route',
    states,
  });
}

export const flow: FlowDefinition = {
  id: 'claim_status',
  version: 1,
  titleKey: 'dialog:intentName.claim_status',
  create,
};
