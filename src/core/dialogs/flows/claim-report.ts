/**
 * 报案 — first notice of loss, 24/7. Slot filling: `route` asks for the first missing answer (policy → time →
 * place → what happened → line-specific questions → photos → callback number), so answers already in the first
 * message ("我的车AU2024000001昨天下午被撞了") are not asked again, and an edit after the read-back only re-asks
 * the changed answer. Nothing about a policy is shown before the reporter is entitled to it.
 */
import { enqueueActions, fromPromise } from 'xstate';
import {
  createClaimReport,
  documentsKey,
  hazardOf,
  isTheft,
  lineNameKey,
  linesMentioned,
  needsHospital,
  needsInjuries,
  needsOtherParties,
  needsPoliceReport,
  nextStepsKey,
  type ClaimPolicy,
  type Hazard,
} from '../../../domain/claims/index.ts';
import { maskPhone } from '../../../domain/pii.ts';
import { ask, confirm, finalStates, FLOW_ID, flowSetup, initialContext, isNo, isYes, say, sayWith, setSlots } from '../kit.ts';
import type { AnswerEvent, FlowContext, FlowDefinition, FlowInput, FlowServices } from '../types.ts';
import { claimEditStep, isFuture, summaryRows } from './claim-report/summary.ts';
import { claimCorrections, claimSlotNames, missingFacts, needsTimeOfDay, timeSlots, whenStates, withFacts } from './claim-report/when.ts';
import { extractClaimFacts } from '../../../domain/claims/extract-facts.ts';
import { photoStep, storePhotosActor } from './claim-report/photos.ts';
import { policyActors, policyStates, refOf } from './claim-report/policy-steps.ts';

type Slots = Record<string, any>;
type Args = { context: FlowContext; event: any };
const sl = (c: FlowContext) => c.slots as Slots;

const NONE = /^(没有|没|无|没事|都没事|都没有|无人受伤|没有人受伤|没人受伤|没有对方|单方事故|no|none|nobody|no one.*|no other party|not really)[!！。.～~ ]*$/i;
const isNone = (e: AnswerEvent) => isNo(e.text) || NONE.test(e.text.trim());
const POLICE_YES = /已报|报警了|报了警|报过|^(?:报了|报啦|打了|打过了?|报警)(?:的|啊|呀|吧)?[。.!！~～]*$|交警.*(来|到|处理)|12123|快处|^(yes|reported|called|done).*/i;
const POLICE_NO = /^(还没有?|没报|未报|没有报|还没报|not yet|haven't|have not|no\b).*/i;
/** Hurrying, not answering: "快点啊 急死了", "hurry up". */
const URGING = /快点|快一点|快些|赶紧|赶快|急死|着急|急急|快帮|能不能快|磨蹭|墨迹|\b(?:hurry|quick(?:ly)?|asap|come on)\b/i;
/** Where the car is standing, not where the accident happened in words a claim can use. */
const ROAD_ONLY = /^(?:马?路中间|路上|路边|马路上|车道上?)[呢啊呀]*$/;
const HOSPITAL = /医院|卫生院|诊所|急诊|门诊|医疗中心|\b(?:hospital|clinic|medical cent(?:er|re))\b/i;
const meaningful = (s: string, min = 2) => s.replace(/[\s\p{P}\p{S}]/gu, '').length >= min;

function create(s: FlowServices) {
  const prefill = (input: FlowInput): Slots => {
    const out: Slots = { photoIds: [] };
    const ref = refOf(input.entities);
    if (ref) out.policyRef = ref;
    // "意外险能报吗" / "我住院了": the line the customer has in mind, to pick among several policies.
    const lines = linesMentioned(input.text);
    if (lines.length) out.policyLines = lines;
    const dt = input.entities.datetime;
    if (dt && !isFuture(dt.iso, s.clock.now())) Object.assign(out, timeSlots(dt));
    // Everything else the first message states (place, what happened, injuries, other party, police).
    return { ...missingFacts(input.text, out), ...out };
  };

  const actors = {
    ...policyActors(s),
    storePhotos: storePhotosActor(s),
    createReport: fromPromise(async ({ input }: { input: Slots }) => {
      const claim = await createClaimReport(s, {
        policy: input.policy,
        conversationId: s.conversation.id,
        channel: s.conversation.channel,
        incidentAt: new Date(input.incidentAt),
        incidentText: input.incidentText,
        place: input.place,
        description: input.description,
        injuries: input.injuries,
        otherParties: input.otherParties,
        policeReport: input.policeReport,
        hospital: input.hospital,
        callbackPhone: input.callbackPhone,
        attachmentIds: input.photoIds ?? [],
      });
      return { number: claim.number, line: claim.line };
    }),
  };

  /** The hazard to warn about now (not yet warned about), from what was said so far. */
  const safetyDue = (c: FlowContext): Hazard | null => {
    const h = hazardOf((sl(c).policy as ClaimPolicy | undefined)?.line, sl(c).description ?? '', sl(c).injuries, sl(c).policeReport);
    return h && !((sl(c).safetyShown as string[] | undefined) ?? []).includes(h) ? h : null;
  };
  const lacks = (k: string) => ({ context }: { context: FlowContext }) => sl(context)[k] === undefined;
  const lineOf = (c: FlowContext) => (sl(c).policy as ClaimPolicy | undefined)?.line ?? 'life';
  const lacksFor = (k: string, needed: (line: string, description: string) => boolean) => ({ context }: { context: FlowContext }) =>
    sl(context)[k] === undefined && needed(lineOf(context), sl(context).description ?? '');

  // Untyped state configs, like the kit's builders: xstate's inference does not reach through spread helpers.
  const states: Record<string, any> = {
    start: { entry: say('claim:start'), always: 'route' },
    route: {
      always: [
        { guard: ({ context }: Args) => safetyDue(context) !== null, target: 'safety' },
        { guard: lacks('policy'), target: 'policy' },
        { guard: lacks('incidentAt'), target: 'when' },
        { guard: ({ context }: Args) => needsTimeOfDay(sl(context)), target: 'when_time' },
        { guard: lacks('place'), target: 'place' },
        { guard: lacks('description'), target: 'what' },
        { guard: lacksFor('injuries', needsInjuries), target: 'injuries' },
        { guard: lacksFor('otherParties', needsOtherParties), target: 'other_parties' },
        { guard: lacksFor('policeReport', needsPoliceReport), target: 'police' },
        { guard: lacksFor('hospital', needsHospital), target: 'hospital' },
        { guard: lacks('photosDone'), target: 'photos' },
        { guard: lacks('callbackPhone'), target: 'callback' },
        { target: 'summary' },
      ],
    },

    ...policyStates(s, 'route'),

    // --- what happened --------------------------------------------------------------------------------------
    ...whenStates(s.clock, 'route'),
    place: ask({
      prompt: () => ({ key: 'claim:place.ask' }),
      // "快点啊 车还停在路中间呢": calm and safety first (a motor accident: hazard lights, triangle, off the road).
      hint: ((c: FlowContext, e?: AnswerEvent) =>
        e && URGING.test(e.text) ? { key: lineOf(c) === 'auto' ? 'claim:place.urgentRoad' : 'claim:place.urgent' } : { key: 'claim:place.hint' }) as (c: FlowContext) => { key: string },
      parse: withFacts((e, c) => {
        if (!meaningful(e.text)) return null;
        // "延安高架上，被追尾了": the place alone when the answer also tells other facts.
        const f = extractClaimFacts(e.text);
        if (URGING.test(e.text) && (!f.place || ROAD_ONLY.test(f.place))) return null;
        const place = f.place && (f.description || f.injuries || f.otherParties) ? f.place : e.text.trim();
        // "仁济医院" for a medical claim is where the patient was treated: not asked again at the hospital step.
        const hospital = needsHospital(lineOf(c)) && sl(c).hospital === undefined && HOSPITAL.test(place) ? { hospital: place } : {};
        return { place, ...hospital };
      }, s.clock),
      next: 'route',
      freeText: true,
    }),
    what: ask({
      prompt: () => ({ key: 'claim:what.ask' }),
      hint: () => ({ key: 'claim:what.hint' }),
      parse: withFacts((e) => (meaningful(e.text, 3) ? { description: e.text.trim() } : null), s.clock),
      next: 'route',
      freeText: true,
    }),
    injuries: ask({
      prompt: () => ({ key: 'claim:injuries.ask', choices: [{ key: 'claim:injuries.none' }] }),
      hint: () => ({ key: 'claim:injuries.hint', choices: [{ key: 'claim:injuries.none' }] }),
      parse: withFacts((e) => (isNone(e) ? { injuries: 'none' } : meaningful(e.text) ? { injuries: e.text.trim() } : null)),
      next: 'route',
      freeText: true,
    }),
    other_parties: ask({
      prompt: () => ({ key: 'claim:other.ask', choices: [{ key: 'claim:other.none' }] }),
      hint: () => ({ key: 'claim:other.hint', choices: [{ key: 'claim:other.none' }] }),
      parse: withFacts((e) => (isNone(e) ? { otherParties: 'none' } : meaningful(e.text) ? { otherParties: e.text.trim() } : null)),
      next: 'route',
      freeText: true,
    }),
    police: ask({
      prompt: (c) => ({
        key: lineOf(c) === 'auto' ? 'claim:police.askAuto' : 'claim:police.askTheft',
        choices: [{ key: 'claim:police.yes' }, { key: 'claim:police.no' }],
      }),
      hint: () => ({ key: 'claim:police.hint', choices: [{ key: 'claim:police.yes' }, { key: 'claim:police.no' }] }),
      parse: (e) => {
        const text = e.text.trim();
        // A bare yes ("是", "报了", "yes, reported") is stored as 'yes'; a longer answer keeps its details.
        if (isYes(text) || POLICE_YES.test(text)) return { policeReport: /^(是|对|yes|ok|已报警|yes, reported)/i.test(text) || !meaningful(text, 5) ? 'yes' : text };
        if (isNo(text) || POLICE_NO.test(text)) return { policeReport: 'no' };
        return meaningful(text, 4) ? { policeReport: text } : null;
      },
      next: 'route',
      // Free text: details are welcome, and "还没有" must not read as a new claim-status request.
      freeText: true,
    }),
    hospital: ask({
      prompt: () => ({ key: 'claim:hospital.ask' }),
      hint: () => ({ key: 'claim:hospital.hint' }),
      parse: (e) => (meaningful(e.text) ? { hospital: e.text.trim() } : null),
      next: 'route',
      freeText: true,
    }),
    photos: photoStep(),
    // Safety first (water: shut the valve, cut the power; fire: get out, 119; injuries: 120/122), said once.
    safety: {
      entry: [sayWith((c) => ({ key: `claim:safety.${safetyDue(c)}` })), setSlots((c) => ({ safetyShown: [...((sl(c).safetyShown as string[]) ?? []), safetyDue(c)] }))],
      always: 'route',
    },

    // --- callback number ------------------------------------------------------------------------------------
    callback: {
      always: [
        { guard: ({ context }: Args) => Boolean(sl(context).policy?.contactPhone) && !sl(context).callbackDeclined, target: 'callback_default' },
        { target: 'callback_number' },
      ],
    },
    callback_default: ask({
      prompt: (c) => ({
        key: 'claim:callback.askDefault',
        vars: { phone: maskPhone(sl(c).policy.contactPhone) },
        choices: [{ key: 'dialog:choice.yes' }, { key: 'dialog:choice.no' }],
      }),
      hint: () => ({ key: 'claim:callback.hint' }),
      parse: (e, c) => {
        if (e.nlu.entities.phone) return { callbackPhone: e.nlu.entities.phone };
        if (isYes(e.text)) return { callbackPhone: sl(c).policy.contactPhone };
        if (isNo(e.text)) return { callbackDeclined: true };
        return null;
      },
      next: 'route',
    }),
    callback_number: ask({
      prompt: () => ({ key: 'claim:callback.ask' }),
      hint: () => ({ key: 'claim:callback.hint' }),
      parse: (e) => (e.nlu.entities.phone ? { callbackPhone: e.nlu.entities.phone } : null),
      next: 'route',
    }),

    // --- read back, confirm, file ---------------------------------------------------------------------------
    summary: confirm({
      prompt: (c) => ({ key: 'claim:summary.text', vars: { rows: summaryRows(s.lang, sl(c)) } }),
      next: 'summary_decide',
    }),
    summary_decide: {
      always: [
        { guard: ({ context }: Args) => sl(context).confirmed === true, target: 'file' },
        { target: 'edit', actions: setSlots(() => ({ confirmed: undefined })) },
      ],
    },
    edit: claimEditStep(s.lang, (e, c) => claimCorrections(e, c, s.clock.now())),
    file: {
      invoke: {
        src: 'createReport',
        input: ({ context }: Args) => sl(context),
        onDone: {
          target: 'done',
          actions: [
            setSlots((_c, e) => ({ claimNumber: e.output.number })),
            enqueueActions(({ context, event, enqueue }: Args & { enqueue: any }) => {
              const { number, line } = event.output as { number: string; line: string };
              enqueue.emit({ type: 'say', key: 'claim:created', vars: { number } });
              enqueue.emit({ type: 'say', key: 'claim:nextStepsMessage', vars: { list: nextStepsKey(line) } });
              enqueue.emit({ type: 'say', key: 'claim:documentsMessage', vars: { line: lineNameKey(line), list: documentsKey(line) } });
              if (isTheft(sl(context).description) && sl(context).policeReport === 'no') enqueue.emit({ type: 'say', key: 'claim:police.reminder' });
            }),
          ],
        },
        onError: {
          target: 'handoff',
          actions: [({ event }: Args) => s.logger.error({ err: event.error, conversationId: s.conversation.id }, 'claim report failed'), say('claim:createFailed')],
        },
      },
    },
    ...finalStates(),
  };
  return flowSetup(actors).createMachine({ id: FLOW_ID, context: initialContext(prefill), initial: 'start', states });
}

export const flow: FlowDefinition = {
  id: 'claim_report',
  version: 1,
  titleKey: 'dialog:intentName.claim_report',
  create,
  correct: (e, c, s) => claimCorrections(e, c, s.clock.now()),
  slotNames: claimSlotNames,
};

