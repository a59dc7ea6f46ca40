/** The read-back of a claim report and the "what would you like to change?" step. */
import { t, type Lang } from '../../../../i18n/index.ts';
import { formatShanghai, lineNameKey, type ClaimPolicy } from '../../../../domain/claims/index.ts';
import { maskPhone } from '../../../../domain/pii.ts';
import { assign } from 'xstate';
import { ask } from '../../kit.ts';
import type { AnswerEvent, CorrectEvent, FlowContext } from '../../types.ts';

/** Reports of the future are typos (明天 for 昨天); a few minutes' grace covers clocks and "just now". */
const FUTURE_GRACE_MS = 5 * 60_000;

/** Whether an incident time lies in the future. */
export function isFuture(iso: string, now: Date): boolean {
  return new Date(iso).getTime() > now.getTime() + FUTURE_GRACE_MS;
}

/** The incident time as read back: date only when the customer gave only a day. */
export function describeTime(iso: string, precision?: string): string {
  const full = formatShanghai(new Date(iso));
  return precision === 'day' ? full.slice(0, 10) : full;
}

/** The time row: what was understood, with the customer's own words beside it ("2026-11-28 20:00（11.28 晚8点）"). */
function timeRow(lang: Lang, slots: Record<string, any>): string {
  const time = describeTime(slots.incidentAt, slots.incidentPrecision);
  const unknown = slots.incidentPrecision === 'day' && slots.incidentTimeAsked === true;
  const shown = unknown ? t(lang, 'claim:summary.timeUnknown', { time }) : time;
  const said = String(slots.incidentText ?? '').trim();
  return said && said !== shown ? t(lang, 'claim:summary.timeSaid', { time: shown, text: said }) : t(lang, 'claim:summary.time', { time: shown });
}

/** The summary rows in the customer's language; phone numbers masked. */
export function summaryRows(lang: Lang, slots: Record<string, any>): string {
  const k = (key: string, vars: Record<string, string | number> = {}) => t(lang, `claim:summary.${key}`, vars);
  const text = (v: string) => (v === 'none' ? k('none') : v);
  const policy = slots.policy as ClaimPolicy;
  const rows = [
    k('policy', { line: t(lang, lineNameKey(policy.line)), number: policy.number }),
    timeRow(lang, slots),
    k('place', { place: slots.place }),
    k('what', { text: slots.description }),
  ];
  if (slots.injuries !== undefined) rows.push(k('injuries', { text: text(slots.injuries) }));
  if (slots.otherParties !== undefined) rows.push(k('other', { text: text(slots.otherParties) }));
  if (slots.policeReport !== undefined) {
    const p = slots.policeReport === 'yes' ? k('policeYes') : slots.policeReport === 'no' ? k('policeNo') : slots.policeReport;
    rows.push(k('police', { text: p }));
  }
  if (slots.hospital !== undefined) rows.push(k('hospital', { text: slots.hospital }));
  rows.push(k('photos', { count: (slots.photoIds as string[] | undefined)?.length ?? 0 }));
  rows.push(k('phone', { phone: maskPhone(slots.callbackPhone) }));
  return rows.map((r) => `· ${r}`).join('\n');
}

/** Editable answers: the slots to clear so `route` asks again. Line-specific answers go with the policy. */
const FIELDS: Record<string, { words: RegExp; clear: string[]; present?: string }> = {
  when: { words: /时间|几点|日期|when|time|date/i, clear: ['incidentAt', 'incidentText', 'incidentPrecision', 'incidentTimeAsked'] },
  place: { words: /地点|地址|位置|where|place|location/i, clear: ['place'] },
  what: { words: /经过|情况|描述|发生|what|happen|description/i, clear: ['description'] },
  injuries: { words: /受伤|伤|injur/i, clear: ['injuries'], present: 'injuries' },
  other: { words: /对方|other part/i, clear: ['otherParties'], present: 'otherParties' },
  police: { words: /交警|报警|警察|police/i, clear: ['policeReport'], present: 'policeReport' },
  hospital: { words: /医院|就诊|hospital/i, clear: ['hospital'], present: 'hospital' },
  callback: { words: /电话|号码|手机|回拨|phone|number|callback/i, clear: ['callbackPhone', 'callbackDeclined'] },
  policy: {
    words: /保单|policy/i,
    clear: ['policy', 'policyRef', 'ownerProof', 'policyOptions', 'injuries', 'otherParties', 'policeReport', 'hospital'],
  },
};

const cleared = (names: string[]) => Object.fromEntries(names.map((n) => [n, undefined]));

/**
 * "Which part would you like to change?" with a button per answer given; clears it and goes back to `route`. A reply
 * that already says the new value ("时间是上周五下午三点半", `corrections` reads it) is taken at once, and so is a
 * correction the engine delivers as CORRECT: both lead back to the updated read-back.
 */
export function claimEditStep(lang: Lang, corrections: (e: AnswerEvent, c: FlowContext) => Record<string, unknown> | null): any {
  const choicesFor = (c: FlowContext) =>
    Object.entries(FIELDS)
      .filter(([, f]) => !f.present || c.slots[f.present] !== undefined)
      .map(([name]) => ({ key: `claim:edit.${name}` }));
  const step = ask({
    prompt: (c) => ({ key: 'claim:edit.ask', choices: choicesFor(c) }),
    hint: (c) => ({ key: 'claim:edit.hint', choices: choicesFor(c) }),
    parse: (e, c) => {
      const text = e.text.trim();
      // Button labels first (exact), then words, in either language.
      const exact = Object.keys(FIELDS).find((name) => text === t(lang, `claim:edit.${name}`) || text === t('zh', `claim:edit.${name}`) || text === t('en', `claim:edit.${name}`));
      if (exact) return { ...cleared(FIELDS[exact].clear), confirmed: undefined };
      const values = corrections(e, c);
      if (values) return { ...values, confirmed: undefined };
      const name = Object.keys(FIELDS).find((n) => FIELDS[n].words.test(text));
      return name ? { ...cleared(FIELDS[name].clear), confirmed: undefined } : null;
    },
    next: 'route',
    // Labels such as "保单" or "Policy" look like new questions to the NLU; here they only pick a field.
    freeText: true,
  });
  // The engine follows CORRECT with REPEAT: wait silently for it, then show the updated read-back once.
  return {
    ...step,
    on: {
      CORRECT: {
        target: '.corrected',
        actions: assign(({ context, event }: { context: FlowContext; event: CorrectEvent }) => ({ slots: { ...context.slots, ...event.slots, confirmed: undefined } })),
      },
    },
    states: { ...step.states, corrected: { tags: ['waiting'], on: { REPEAT: '#flow.summary', ANSWER: '#flow.summary' } } },
  };
}
