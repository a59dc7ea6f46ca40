/**
 * The claim report's time of the incident, the facts read from every answer, and corrections of earlier answers.
 *
 * - `when` takes any past date/time; a day without a time of day (昨天) leads to `when_time` ("大概几点？"), where
 *   "不记得了" keeps the day alone. A future time is refused with the current time in the message.
 * - `withFacts` lets every answer fill the other slots it happens to state (see domain/claims/extract-facts.ts).
 * - `claimCorrections` is the flow's `FlowDefinition.correct`: the slots a correction message names.
 */
import { extractEntities } from '../../../nlu/index.ts';
import { formatShanghai, type ClaimPolicy } from '../../../../domain/claims/index.ts';
import { extractClaimFacts, type ClaimFacts } from '../../../../domain/claims/extract-facts.ts';
import { ask } from '../../kit.ts';
import type { AnswerEvent, FlowContext } from '../../types.ts';
import { isFuture } from './summary.ts';

type Slots = Record<string, any>;
type Found = { iso: string; text: string; precision: 'day' | 'hour' | 'minute' };

/** Slots of the incident time. `incidentTimeAsked` marks a day-only answer whose time of day was asked. */
export const timeSlots = (dt: Found) => ({ incidentAt: dt.iso, incidentText: dt.text, incidentPrecision: dt.precision, incidentTimeAsked: undefined });

/** Facts slot names, in the flow's slot vocabulary. */
const FACT_SLOTS: (keyof ClaimFacts)[] = ['place', 'description', 'injuries', 'otherParties', 'policeReport'];

/** The facts a message states for slots that are still empty (an earlier answer is never overwritten here). */
export function missingFacts(text: string, slots: Slots): Slots {
  const facts = extractClaimFacts(text);
  const out: Slots = {};
  for (const k of FACT_SLOTS) if (facts[k] !== undefined && slots[k] === undefined) out[k] = facts[k];
  return out;
}

/**
 * Wraps a step's parse: a valid answer also fills the other empty slots the message states. With `clock`, an
 * answer that is only a time ("11月28号晚上11点" where the place is asked) refines the incident time instead of
 * being stored as this step's answer; the step is then asked again.
 */
export function withFacts(parse: (e: AnswerEvent, c: FlowContext) => Slots | null, clock?: { now(): Date }) {
  return (e: AnswerEvent, c: FlowContext): Slots | null => {
    const policy = policyAnswer(e, c);
    if (policy) return policy;
    const dt = e.nlu.entities.datetime;
    if (clock && dt && e.text.replace(dt.text, '').replace(/[\s\p{P}\p{S}]|左右|大概|应该|是|吧|的|时候|at|around|about|it was/giu, '').length === 0) {
      return isFuture(dt.iso, clock.now()) ? null : timeSlots(dt);
    }
    const own = parse(e, c);
    if (!own) return null;
    return { ...missingFacts(e.text, { ...c.slots, ...own }), ...own };
  };
}

const REF_ONLY_FILLER = /[A-Za-z]{2}[\s-]?\d{10}|保单号码?|保单|就是|就用|用|换成|改成|改用|这张|那张|这个|不是|是|对|的|\b(?:policy|number|no|use|it'?s|this|that|one|the)\b|[\s\p{P}\p{S}]/giu;

/**
 * A message that is only a policy number, after the policy was chosen: the chosen one again ("AC2026000002" right
 * after it was picked from the first message) just repeats the question; another one switches the report to it
 * (`route` then checks it as at the start). Plates are left alone: a plate mid-report is usually the other party's.
 */
function policyAnswer(e: AnswerEvent, c: FlowContext): Slots | null {
  const number = e.nlu.entities.policyNumber?.toUpperCase();
  const current = c.slots.policy as ClaimPolicy | undefined;
  if (!number || !current || e.text.replace(REF_ONLY_FILLER, '').length > 0) return null;
  return number === current.number ? {} : { policy: undefined, policyRef: { policyNumber: number }, policyOptions: undefined, ownerProof: undefined };
}

const UNKNOWN = /^(?:不记得了?|记不得了?|记不清了?|不清楚|不太清楚|不知道|忘了|忘记了|说不清|说不好|没注意|不确定|don'?t (?:know|remember)|not sure|no idea|can'?t remember|i forget|unknown)[啊呀了吧。.!！~～ ]*$/i;
/** Whether a time-of-day answer says the customer does not know. */
export const isUnknownTime = (text: string) => UNKNOWN.test(text.trim());

/** Button answers to "大概几点？" and their hour, in both languages. */
const PERIOD_BUTTONS: Record<string, number> = { 上午: 10, 下午: 15, 晚上: 20, morning: 10, afternoon: 15, evening: 20 };

/**
 * A time-of-day answer applied to the day already known: "下午三点" / "晚上" / "15:30" on that day. A message that
 * names another day ("不对，是前天下午") replaces the day. Null when no time is read.
 */
export function timeOnDay(e: AnswerEvent, dayIso: string, now: Date): Found | null {
  const day = dayIso.slice(0, 10);
  const text = e.text.trim();
  const button = PERIOD_BUTTONS[text.toLowerCase()];
  if (button !== undefined) return { iso: `${day}T${String(button).padStart(2, '0')}:00:00+08:00`, text, precision: 'hour' };
  // The answer read after the known day ("2026-11-29 下午三点"): a bare time of day falls on that day, and
  // 夜里两点 on the night after it, exactly as if the customer had said both together.
  const together = extractEntities(`${day} ${text}`, now).datetime;
  if (together && together.precision !== 'day') return { ...together, text };
  const alone = e.nlu.entities.datetime ?? extractEntities(text, now).datetime;
  if (!alone) return null;
  // A time without a day resolves to today; move it onto the known day. Another day replaces the known one.
  if (alone.precision !== 'day' && alone.iso.slice(0, 10) === formatShanghai(now).slice(0, 10)) return { ...alone, iso: `${day}${alone.iso.slice(10)}` };
  return alone;
}

const futureHint = (now: Date) => ({ key: 'claim:when.future', vars: { now: formatShanghai(now) } });
const timeChoices = [{ key: 'claim:when.morning' }, { key: 'claim:when.afternoon' }, { key: 'claim:when.evening' }, { key: 'claim:when.unknown' }];

/** `when` and `when_time`, as top-level states of the claim machine; both go back to `next`. */
export function whenStates(clock: { now(): Date }, next: string): Record<string, any> {
  return {
    when: ask({
      prompt: () => ({ key: 'claim:when.ask' }),
      hint: ((_c: FlowContext, e?: AnswerEvent) => {
        const dt = e?.nlu?.entities.datetime;
        return dt && isFuture(dt.iso, clock.now()) ? futureHint(clock.now()) : { key: 'claim:when.hint' };
      }) as (c: FlowContext) => { key: string },
      parse: withFacts((e) => {
        const dt = e.nlu.entities.datetime;
        if (!dt || isFuture(dt.iso, clock.now())) return null;
        return timeSlots(dt);
      }),
      next,
    }),
    when_time: ask({
      prompt: (c) => ({ key: 'claim:when.askTime', vars: { day: String(c.slots.incidentAt).slice(0, 10) }, choices: timeChoices }),
      hint: ((c: FlowContext, e?: AnswerEvent) => {
        const dt = e && timeOnDay(e, String(c.slots.incidentAt), clock.now());
        return dt && isFuture(dt.iso, clock.now()) ? { ...futureHint(clock.now()), choices: timeChoices } : { key: 'claim:when.hintTime', choices: timeChoices };
      }) as (c: FlowContext) => { key: string },
      parse: withFacts((e, c) => {
        if (isUnknownTime(e.text)) return { incidentTimeAsked: true };
        const dt = timeOnDay(e, String(c.slots.incidentAt), clock.now());
        if (!dt || isFuture(dt.iso, clock.now())) return null;
        return { ...timeSlots(dt), incidentText: `${c.slots.incidentText ?? ''} ${dt.text}`.trim() };
      }),
      next,
    }),
  };
}

/** Whether `route` should ask for the time of day: only a day is known and the question was not asked yet. */
export const needsTimeOfDay = (slots: Slots) => slots.incidentAt !== undefined && slots.incidentPrecision === 'day' && slots.incidentTimeAsked === undefined;

const MOBILE = /^1[3-9]\d{9}$/;
/** "不是昨天" / "not yesterday": the time named only to be denied. */
const DENIED = /(?:不是|并非|而不是)\s*[^，,。.;；\s]+|\b(?:not|rather than)\s+[^,.;]+/gi;

/**
 * The time a correction names: the one not denied ("不是昨天 是前天" → 前天). A day alone keeps the time of day
 * already known ("actually it was last Friday" after "yesterday at 4pm" → last Friday 16:00).
 */
function correctedTime(e: AnswerEvent, slots: Slots, now: Date): Found | undefined {
  const denied = e.text.replace(DENIED, ' ');
  const dt = denied === e.text ? e.nlu.entities.datetime : extractEntities(denied, now).datetime;
  if (!dt || isFuture(dt.iso, now)) return undefined;
  const text = dt.text.replace(/[,，。.\s]+$/, '');
  if (dt.precision !== 'day' || !slots.incidentAt || slots.incidentPrecision === 'day') return { ...dt, text };
  const kept = { ...dt, iso: `${dt.iso.slice(0, 10)}${String(slots.incidentAt).slice(10)}`, text, precision: slots.incidentPrecision };
  return isFuture(kept.iso, now) ? { ...dt, text } : kept;
}

/**
 * `FlowDefinition.correct` of the claim report: the slots a correction names — a past time, a mobile number for
 * the callback, a place with a location cue, injuries, the other party or the police report. Null when it names none.
 */
export function claimCorrections(e: AnswerEvent, c: FlowContext, now: Date): Slots | null {
  const out: Slots = {};
  const dt = correctedTime(e, c.slots, now);
  if (dt) Object.assign(out, timeSlots(dt));
  const phone = e.nlu.entities.phone;
  if (phone && MOBILE.test(phone)) Object.assign(out, { callbackPhone: phone, callbackDeclined: undefined });
  const facts = extractClaimFacts(e.text, { correction: true });
  for (const k of ['place', 'injuries', 'otherParties', 'policeReport'] as const) if (facts[k] !== undefined) out[k] = facts[k];
  // The other party's phone is not the customer's callback number.
  if (out.otherParties && phone && String(out.otherParties).includes(phone)) delete out.callbackPhone;
  return Object.keys(out).length ? out : null;
}

/** Catalog keys naming each correctable slot, for "已将出险时间更正为…". */
export const claimSlotNames: Record<string, string> = {
  incidentAt: 'claim:edit.when',
  place: 'claim:edit.place',
  description: 'claim:edit.what',
  injuries: 'claim:edit.injuries',
  otherParties: 'claim:edit.other',
  policeReport: 'claim:edit.police',
  hospital: 'claim:edit.hospital',
  callbackPhone: 'claim:edit.callback',
};
