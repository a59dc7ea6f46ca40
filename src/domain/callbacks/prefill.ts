import type { Callback, Customer, Policy } from '../../generated/sqlite/client.ts';
import type { CoreDeps } from '../../core/turn.ts';
import type { Lang } from '../../i18n/index.ts';
import { shanghaiDate } from '../calendar/index.ts';
import { addresseeOf } from '../greetings/addressee.ts';
import { maskName } from '../pii.ts';
import { callbackRef } from './no-answer.ts';

/**
 * The slots the callback_survey flow starts with: which callback, which kind, and the facts its questions
 * quote. Catalog keys (the payment frequency) are passed as keys: the renderer translates them into the
 * conversation's language. The identity question shows the masked name only.
 */
export async function surveyPrefill(
  deps: Pick<CoreDeps, 'db'>,
  cb: Callback & { customer: Customer; policy: Policy | null },
  lang: Lang,
): Promise<Record<string, unknown>> {
  const who = addresseeOf(lang, cb.customer.name, cb.customer.gender);
  const vars: Record<string, string | number> = { addressee: who.addressee, name: maskName(cb.customer.name) };
  if (cb.kind === 'cooling_off' && cb.policy) {
    Object.assign(vars, {
      product: cb.policy.product,
      policyNumber: cb.policy.number,
      premium: Number(cb.policy.premium).toFixed(2),
      frequency: `callback:frequency.${cb.policy.paymentFrequency}`,
      coolingOffEnd: shanghaiDate(cb.dueBy),
    });
  } else {
    vars.ref = await callbackRef(deps, cb);
  }
  return { callbackId: cb.id, kind: cb.kind, vars };
}
