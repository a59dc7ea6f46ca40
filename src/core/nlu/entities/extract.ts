/**
 * Entity extraction: runs the finders in an order that lets the most specific shapes claim their characters
 * first (reference numbers, then ID numbers, then phones, plates, dates, and finally amounts).
 */
import type { Entities } from '../types.ts';
import { foldText, HAN_RE } from '../normalize.ts';
import { findAmounts } from './amounts.ts';
import { findEnDateTime } from './datetime-en.ts';
import { findZhDateTime } from './datetime-zh.ts';
import { hasNegation } from './negation.ts';
import {
  blank,
  findClaimNumbers,
  findComplaintNumbers,
  findIdLike,
  findIdNumbers,
  findPhones,
  findPlates,
  findPolicyNumbers,
  findServiceNumbers,
  findWhistleblowNumbers,
  type Span,
} from './references.ts';
import { findServiceType } from './service-type.ts';

/**
 * Finds every entity in `text`; relative dates are resolved against `now` in Asia/Shanghai.
 * Fields that are not mentioned are absent (never undefined-valued keys), so results compare cleanly.
 */
export function extractEntities(text: string, now: Date): Entities {
  let rest = foldText(text);
  const e: Entities = {};
  const take = (spans: Span[]): string | undefined => {
    if (spans.length) rest = blank(rest, spans);
    return spans[0]?.value;
  };
  const setIf = <K extends keyof Entities>(k: K, v: Entities[K] | undefined) => {
    if (v !== undefined) e[k] = v;
  };
  setIf('policyNumber', take(findPolicyNumbers(rest)));
  setIf('claimNumber', take(findClaimNumbers(rest)));
  setIf('complaintNumber', take(findComplaintNumbers(rest)));
  setIf('serviceNumber', take(findServiceNumbers(rest)));
  take(findWhistleblowNumbers(rest));
  setIf('idNumber', take(findIdNumbers(rest)));
  take(findIdLike(rest));
  setIf('phone', take(findPhones(rest)));
  setIf('plate', take(findPlates(rest)));

  // English text goes to the English reader first: the Chinese grammar would take "3:30" out of "Friday at 3:30pm".
  const dt = HAN_RE.test(rest) ? (findZhDateTime(rest, now) ?? findEnDateTime(rest, now)) : (findEnDateTime(rest, now) ?? findZhDateTime(rest, now));
  if (dt) {
    e.datetime = dt;
    const at = rest.indexOf(dt.text);
    if (at >= 0) rest = blank(rest, [{ value: dt.text, start: at, end: at + dt.text.length }]);
  }
  const amounts = findAmounts(rest);
  if (amounts.length) e.amounts = amounts;

  const lower = rest.toLowerCase();
  setIf('serviceType', findServiceType(lower));
  if (hasNegation(lower)) e.negation = true;
  return e;
}
