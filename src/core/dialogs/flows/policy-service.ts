/**
 * 保全 — policy service requests for the verified customer: the request type, the policy, the details the type needs,
 * then a BQ reference and the documents to prepare. Beneficiary changes and surrenders always go to staff; a
 * surrender first hears what it costs (cash value vs premiums) and the cooling-off rule.
 */
import { assign, enqueueActions, fromPromise } from 'xstate';
import { DETAILS, SERVICE_REQUEST_TYPES, createServiceRequest, detailsText, openServiceRequests, type OpenServiceRequest, type ServiceRequestType } from '../../../domain/service-requests.ts';
import { displayDate } from '../../../domain/complaints/display-date.ts';
import { t } from '../../../i18n/index.ts';
import { ask, confirm, FLOW_ID, finalStates, flowSetup, initialContext, say, sayWith, setSlots } from '../kit.ts';
import { verifyActors, verifyStates } from '../verify-steps.ts';
import type { FlowContext, FlowDefinition, FlowServices } from '../types.ts';
import { detailsFromOpening, policyFromOpening, readPolicy, readSameOrNew, readType, serviceCorrections, serviceSlotNames, type PolicyOption } from './policy-service/read.ts';

type Slots = { type?: ServiceRequestType; policyNumber?: string; opening?: string; policies?: PolicyOption[]; policy?: PolicyOption; details?: Record<string, unknown>; open?: OpenServiceRequest[] };
type Args = { context: FlowContext };
const slots = (c: FlowContext) => c.slots as Slots;

const TYPE_CHOICES = SERVICE_REQUEST_TYPES.map((type) => ({ key: `service:type.${type}` }));
const OPEN_CHOICES = [{ key: 'service:choice.same' }, { key: 'service:choice.new' }];
const SKIP = /^(跳过|不说了?|不想说|没什么|无|skip|no reason|none)[!！。.～~ ]*$/i;

function create(s: FlowServices) {
  const actors = {
    ...verifyActors(s),
    loadPolicies: fromPromise(async ({ input }: { input: { type: ServiceRequestType } }): Promise<PolicyOption[]> => {
      const rows = await s.db.policy.findMany({
        where: { holderId: s.customer!.id, status: { in: input.type === 'reinstatement' ? ['lapsed'] : ['active'] } },
        orderBy: { effectiveDate: 'desc' },
        take: 9,
      });
      return rows.map((p) => ({ id: p.id, number: p.number, product: p.product, line: p.line, coolingOffEnd: p.coolingOffEnd?.toISOString() ?? null }));
    }),
    openRequests: fromPromise(async ({ input }: { input: { type: ServiceRequestType } }) => openServiceRequests(s.db, s.customer!.id, input.type)),
    submit: fromPromise(async ({ input }: { input: Slots }) =>
      createServiceRequest(s, {
        customer: s.customer!,
        policy: input.policy!,
        conversationId: s.conversation.id,
        channel: s.conversation.channel,
        type: input.type!,
        details: input.details ?? {},
      }),
    ),
  };

  const states: Record<string, any> = {
    ...verifyStates('typeRoute', s),
    typeRoute: { always: [{ guard: ({ context }: Args) => Boolean(slots(context).type), target: 'openCheck' }, { target: 'type' }] },
    type: ask({
      prompt: () => ({ key: 'service:ask.type', choices: TYPE_CHOICES }),
      hint: () => ({ key: 'service:hint.type', choices: TYPE_CHOICES }),
      parse: (e) => {
        const type = readType(e.text, e.nlu.entities);
        return type ? { type } : null;
      },
      next: 'openCheck',
    }),
    // The same change requested while one is still being worked on: say so first (number, status, date).
    openCheck: {
      invoke: {
        src: 'openRequests',
        input: ({ context }: Args) => ({ type: slots(context).type }),
        onDone: [
          { guard: ({ event }: { event: { output: OpenServiceRequest[] } }) => event.output.length > 0, target: 'sameOrNew', actions: setSlots((_c, e: { output: OpenServiceRequest[] }) => ({ open: e.output })) },
          { target: 'loadPolicies' },
        ],
        onError: { target: 'loadPolicies' },
      },
    },
    sameOrNew: ask({
      prompt: (c) => {
        const o = slots(c).open![0];
        const vars = { number: o.number, type: `service:type.${o.type}`, policy: o.policyNumber ?? '-', status: `service:statusName.${o.status}`, date: displayDate(c.lang, new Date(o.createdAt)) };
        return { key: 'service:open.ask', vars, choices: OPEN_CHOICES };
      },
      hint: () => ({ key: 'service:open.hint', choices: OPEN_CHOICES }),
      parse: (e) => {
        const same = readSameOrNew(e.text);
        return same === null ? null : { sameMatter: same };
      },
      next: 'sameRoute',
    }),
    sameRoute: {
      always: [
        {
          guard: ({ context }: Args) => context.slots.sameMatter === true,
          target: 'done',
          actions: [sayWith((c) => ({ key: 'service:open.same', vars: { number: slots(c).open![0].number, status: `service:statusName.${slots(c).open![0].status}` } })), assign({ outcome: 'completed' })],
        },
        { target: 'loadPolicies' },
      ],
    },
    loadPolicies: {
      invoke: {
        src: 'loadPolicies',
        input: ({ context }: Args) => ({ type: slots(context).type }),
        onDone: { target: 'policyRoute', actions: setSlots((_c, event: { output: PolicyOption[] }) => ({ policies: event.output })) },
      },
    },
    policyRoute: {
      always: [
        { guard: ({ context }: Args) => !slots(context).policies?.length, target: 'done', actions: [say('service:noPolicies'), assign({ outcome: 'declined' })] },
        {
          guard: ({ context }: Args) => Boolean(readPolicy('', slots(context).policies!, slots(context).policyNumber)),
          target: 'afterPolicy',
          actions: setSlots((c) => ({ policy: readPolicy('', slots(c).policies!, slots(c).policyNumber) })),
        },
        // "终身寿险我想退了": the one policy of the line the opening names.
        {
          guard: ({ context }: Args) => Boolean(policyFromOpening(slots(context).opening, slots(context).policies!)),
          target: 'afterPolicy',
          actions: [
            setSlots((c) => ({ policy: policyFromOpening(slots(c).opening, slots(c).policies!) })),
            sayWith((c) => ({ key: 'service:autoPolicy', vars: { number: slots(c).policy!.number, product: slots(c).policy!.product } })),
          ],
        },
        {
          guard: ({ context }: Args) => slots(context).policies!.length === 1,
          target: 'afterPolicy',
          actions: [setSlots((c) => ({ policy: slots(c).policies![0] })), sayWith((c) => ({ key: 'service:autoPolicy', vars: { number: slots(c).policies![0].number, product: slots(c).policies![0].product } }))],
        },
        { target: 'policy' },
      ],
    },
    policy: ask({
      prompt: (c) => ({ key: 'service:ask.policy', choices: slots(c).policies!.map((p) => ({ key: 'service:choice.policy', vars: { number: p.number, product: p.product }, value: p.number })) }),
      hint: (c) => ({ key: 'service:hint.policy', choices: slots(c).policies!.map((p) => ({ key: 'service:choice.policy', vars: { number: p.number, product: p.product }, value: p.number })) }),
      parse: (e, c) => {
        const policy = readPolicy(e.text, slots(c).policies!, e.nlu.entities.policyNumber);
        return policy ? { policy } : null;
      },
      next: 'afterPolicy',
    }),
    afterPolicy: {
      always: [
        { guard: ({ context }: Args) => slots(context).type === 'surrender', target: 'warn' },
        { guard: ({ context }: Args) => Boolean(DETAILS[slots(context).type!]), target: 'detailsRoute' },
        { target: 'review' },
      ],
    },
    warn: {
      entry: sayWith((c) => {
        const end = slots(c).policy?.coolingOffEnd;
        return end && new Date(end) > s.clock.now()
          ? { key: 'service:surrenderWarning.coolingOff', vars: { date: displayDate(c.lang, new Date(end)) } }
          : { key: 'service:surrenderWarning.afterCoolingOff' };
      }),
      always: 'detailsRoute',
    },
    detailsRoute: { always: [{ guard: ({ context }: Args) => Boolean(slots(context).details), target: 'review' }, { target: 'details' }] },
    details: ask({
      prompt: (c) => {
        const spec = DETAILS[slots(c).type!]!;
        return { key: spec.prompt, choices: spec.choices?.map((key) => ({ key })) };
      },
      hint: (c) => {
        const spec = DETAILS[slots(c).type!]!;
        return { key: spec.hint, choices: spec.choices?.map((key) => ({ key })) };
      },
      parse: (e, c) => {
        if (slots(c).type === 'surrender' && SKIP.test(e.text)) return { details: {} };
        const details = DETAILS[slots(c).type!]!.parse(e.text, e.nlu.entities);
        return details ? { details } : null;
      },
      next: 'review',
      freeText: true,
    }),
    review: confirm({
      prompt: (c) => {
        const x = slots(c);
        const shown = x.details && Object.keys(x.details).length ? detailsText(c.lang, x.type!, x.details) : '';
        return {
          key: 'service:ask.review',
          vars: {
            type: `service:type.${x.type}`,
            policy: x.policy!.number,
            product: x.policy!.product,
            details: shown ? t(c.lang, 'service:detailsLine', { details: shown }) : '',
          },
        };
      },
      next: 'afterReview',
    }),
    afterReview: {
      always: [
        { guard: ({ context }: Args) => context.slots.confirmed === true, target: 'submit' },
        { target: 'done', actions: [say('service:notSubmitted'), assign({ outcome: 'declined' })] },
      ],
    },
    submit: {
      invoke: {
        src: 'submit',
        input: ({ context }: Args) => slots(context),
        onDone: {
          target: 'done',
          actions: enqueueActions(({ context, event, enqueue }: any) => {
            const { request, documents } = event.output as Awaited<ReturnType<typeof createServiceRequest>>;
            const vars = { number: request.number, type: `service:type.${request.type}` };
            enqueue.emit({ type: 'say', key: request.needsStaff ? 'service:createdStaff' : 'service:created', vars });
            const list = documents.map((d) => `· ${t((context as FlowContext).lang, `service:doc.${d}`)}`).join('\n');
            enqueue.emit({ type: 'say', key: 'service:documents', vars: { list } });
          }),
        },
      },
    },
    ...finalStates(),
  };

  return flowSetup(actors).createMachine({
    id: FLOW_ID,
    context: initialContext((input) => {
      const type = readType(input.text, input.entities);
      return { type, policyNumber: input.entities.policyNumber, opening: input.text, details: detailsFromOpening(type, input.text, input.entities) };
    }),
    initial: 'verify',
    states,
  });
}

export const flow: FlowDefinition = { id: 'policy_service', version: 1, titleKey: 'service:title', create, correct: serviceCorrections, slotNames: serviceSlotNames };
