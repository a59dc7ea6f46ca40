/**
 * 投诉进度查询 — a complaint's status, dates, extensions and decision: by number (only the complainant's own: filed
 * from this channel identity or by the verified customer), or the verified customer's list. Someone else's number
 * gets the same answer as an unknown one.
 */
import { enqueueActions, fromPromise } from 'xstate';
import { claimIdentityComplaints } from '../../../domain/complaints/open.ts';
import { describeComplaint, findOwnComplaint, listOwnComplaints } from '../../../domain/complaints/status.ts';
import type { ComplaintWithExtensions } from '../../../domain/complaints/types.ts';
import { COMPLAINT_NUMBER_RE } from '../../../domain/numbers.ts';
import { ask, confirm, FLOW_ID, finalStates, flowSetup, initialContext, sayWith } from '../kit.ts';
import { verifyActors, verifyStates } from '../verify-steps.ts';
import type { FlowContext, FlowDefinition, FlowServices } from '../types.ts';

type Args = { context: FlowContext };
const ALL = /全部|所有|我的投诉|列表|都看|\ball\b|list|show (me )?(all|my)/i;
const ALL_CHOICE = [{ key: 'complaint:choice.all' }];
const numberIn = (text: string, entity?: string) => entity ?? text.match(COMPLAINT_NUMBER_RE)?.[0]?.toUpperCase();

function create(s: FlowServices) {
  const owner = () => ({ identityId: s.identity.id, customerId: s.customer?.id });
  const actors = {
    ...verifyActors(s),
    lookup: fromPromise(async ({ input }: { input: { number: string } }) => findOwnComplaint(s.db, input.number, owner())),
    list: fromPromise(async () => {
      // Complaints this identity filed before verifying belong to the customer who has now proved who they are.
      if (s.customer) await claimIdentityComplaints(s.db, s.identity.id, s.customer.id);
      return listOwnComplaints(s.db, owner());
    }),
  };

  const states: Record<string, any> = {
    start: {
      always: [
        { guard: ({ context }: Args) => Boolean(context.slots.number), target: 'lookup' },
        { guard: () => Boolean(s.customer), target: 'list' },
        // "我的投诉" / "查看我的全部投诉": the list needs the customer, so verify straight away instead of asking for a number.
        { guard: ({ context }: Args) => context.slots.all === true, target: 'verify' },
        { target: 'ask' },
      ],
    },
    ask: ask({
      prompt: () => ({ key: 'complaint:status.ask', choices: ALL_CHOICE }),
      hint: () => ({ key: 'complaint:status.hint', choices: ALL_CHOICE }),
      parse: (e) => {
        const number = numberIn(e.text, e.nlu.entities.complaintNumber);
        if (number) return { number, all: false };
        return ALL.test(e.text) || e.text.trim() === '查看我的全部投诉' ? { all: true } : null;
      },
      next: 'route',
    }),
    route: { always: [{ guard: ({ context }: Args) => context.slots.all === true, target: 'verify' }, { target: 'lookup' }] },
    lookup: {
      invoke: {
        src: 'lookup',
        input: ({ context }: Args) => ({ number: context.slots.number }),
        onDone: [
          {
            guard: ({ event }: { event: { output: ComplaintWithExtensions | null } }) => Boolean(event.output),
            target: 'done',
            actions: sayWith((c, event: { output: ComplaintWithExtensions }) => ({ key: 'complaint:status.item', vars: { details: describeComplaint(c.lang, event.output) } })),
          },
          { guard: () => Boolean(s.customer), target: 'done', actions: sayWith((c) => ({ key: 'complaint:status.notFound', vars: { number: String(c.slots.number) } })) },
          { target: 'offerVerify', actions: sayWith((c) => ({ key: 'complaint:status.notFound', vars: { number: String(c.slots.number) } })) },
        ],
      },
    },
    offerVerify: confirm({ prompt: () => ({ key: 'complaint:status.offerVerify' }), slot: 'wantsVerify', next: 'afterOffer' }),
    afterOffer: { always: [{ guard: ({ context }: Args) => context.slots.wantsVerify === true, target: 'verify' }, { target: 'done' }] },
    ...verifyStates('list', s),
    list: {
      invoke: {
        src: 'list',
        onDone: {
          target: 'done',
          actions: enqueueActions(({ context, event, enqueue }: any) => {
            const rows = event.output as ComplaintWithExtensions[];
            if (!rows.length) return void enqueue.emit({ type: 'say', key: 'complaint:status.none' });
            enqueue.emit({ type: 'say', key: 'complaint:status.list', vars: { count: rows.length } });
            for (const r of rows) enqueue.emit({ type: 'say', key: 'complaint:status.item', vars: { details: describeComplaint((context as FlowContext).lang, r) } });
          }),
        },
      },
    },
    ...finalStates(),
  };

  return flowSetup(actors).createMachine({
    id: FLOW_ID,
    context: initialContext((input) => {
      const number = numberIn(input.text, input.entities.complaintNumber);
      return { number, all: !number && ALL.test(input.text) ? true : undefined };
    }),
    initial: 'start',
    states,
  });
}

export const flow: FlowDefinition = { id: 'complaint_status', version: 1, titleKey: 'complaint:statusTitle', create };
