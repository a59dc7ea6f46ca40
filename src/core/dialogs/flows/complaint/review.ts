/**
 * The read-back before a complaint or report is submitted: yes submits; no — or "not yet" in words ("先不提交了 我再
 * 想想", "hold off for now") — leaves it unsubmitted. Stores `slots.confirmed`, like the kit's `confirm`.
 */
import { ask, isNo, isYes, type SayArgs } from '../../kit.ts';
import type { FlowContext } from '../../types.ts';

const NOT_YET = /先不(提交|交|发|投诉|举报|报)|不(提交|交)了|暂时不|再想想|考虑(一下|考虑)|想一想|not (now|yet)|hold off|think (about it|it over)|don'?t submit|not submit/i;
const YES_NO = [{ key: 'dialog:choice.yes' }, { key: 'dialog:choice.no' }];

/** Yes / no / not yet to submitting: true, false, false; null for anything else. */
export function readSubmit(text: string): boolean | null {
  if (NOT_YET.test(text)) return false;
  return isYes(text) ? true : isNo(text) ? false : null;
}

/** A yes/no read-back step (use as a top-level state) that also takes "not yet" as no. */
export function submitConfirm(prompt: (c: FlowContext) => SayArgs, next: string): any {
  return ask({
    prompt: (c) => ({ ...prompt(c), choices: YES_NO }),
    hint: () => ({ key: 'dialog:hint.yesNo', choices: YES_NO }),
    parse: (e) => {
      const ok = readSubmit(e.text);
      return ok === null ? null : { confirmed: ok };
    },
    next,
    yesNo: true,
  });
}
