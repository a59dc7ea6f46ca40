/** What the complaint dialog tells the customer once the complaint is filed (dates in their language). */
import { missingItems, type MaterialsAnswer } from '../../../../domain/complaints/answers.ts';
import { displayDate } from '../../../../domain/complaints/display-date.ts';
import type { FileOutcome } from '../../../../domain/complaints/intake.ts';
import type { ComplainantRole } from '../../../../domain/complaints/types.ts';
import { maskPhone } from '../../../../domain/pii.ts';
import { t, type Lang } from '../../../../i18n/index.ts';
import type { SayArgs } from '../../kit.ts';
import type { FlowContext } from '../../types.ts';

type Slots = { facts?: string; role?: ComplainantRole; materials?: MaterialsAnswer; materialIds?: string[]; phone?: string };
const slots = (c: FlowContext) => c.slots as Slots;

/** What the complaint still lacks (art. 13/14), from the dialog's slots. */
export function missingOf(c: FlowContext) {
  const s = slots(c);
  return missingItems({ facts: s.facts ?? '', role: s.role ?? 'self', materials: s.materials, materialCount: s.materialIds?.length ?? 0 });
}

/** What the customer is told after filing. */
export function outcomeMessages(lang: Lang, out: FileOutcome, c: FlowContext): SayArgs[] {
  const s = slots(c);
  const missing = missingOf(c).map((m) => t(lang, `complaint:missing.${m}`)).join(t(lang, 'complaint:separator'));
  if (out.kind === 'not_accepted') return [{ key: 'complaint:thirdParty' }];
  const x = out.complaint;
  const dates = {
    number: x.number,
    category: `complaint:category.${x.category}`,
    acceptance: displayDate(lang, x.acceptanceDeadline),
    decision: displayDate(lang, x.decisionDeadline),
    supply: displayDate(lang, x.supplyDeadline),
    phone: maskPhone(s.phone),
    missing,
  };
  if (out.kind === 'duplicate') return [{ key: 'complaint:duplicate', vars: { number: x.number, status: `complaint:statusName.${x.status}` } }];
  if (out.kind === 'merged') {
    return [{ key: 'complaint:merged', vars: dates }, { key: x.materialsComplete ? 'complaint:mergedComplete' : 'complaint:mergedIncomplete', vars: dates }];
  }
  return [{ key: x.materialsComplete ? 'complaint:created' : 'complaint:createdIncomplete', vars: dates }];
}
