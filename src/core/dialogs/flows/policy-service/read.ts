/**
 * Pure readers for the 保全 dialog: the request type, the policy ("LF2024000001", "2", "the accident one", a line
 * named in the opening), details already given in the opening ("帮我把手机号改成13787654321") and corrections of
 * them at the read-back ("号码输错了 应该是13911112223").
 */
import { linesMentioned } from '../../../../domain/claims/line-hints.ts';
import { DETAILS, SERVICE_REQUEST_TYPES, isServiceRequestType, type ServiceRequestType } from '../../../../domain/service-requests.ts';
import { t } from '../../../../i18n/index.ts';
import { isNo, isYes } from '../../kit.ts';
import type { AnswerEvent, Entities, FlowContext } from '../../types.ts';

/** A policy the customer may pick, as kept in the dialog's slots. */
export interface PolicyOption {
  id: string;
  number: string;
  product: string;
  /** life | health | accident | auto | property | travel */
  line: string;
  coolingOffEnd: string | null;
}

/** "Same matter" (true) or "a new request" (false) at the open-request question. */
export function readSameOrNew(text: string): boolean | null {
  if (/新的|另外|另一|别的|不是同一|不一样|new|another|different/i.test(text) || isNo(text)) return false;
  if (/同一|一样|就是(那|这)|之前(那|的)|上次|那个|same|that one|previous|existing/i.test(text) || isYes(text)) return true;
  return null;
}

/**
 * What a 保全 request says beyond the NLU's keywords: a new mobile number given with a change word ("I got a new
 * number 136…, can you update it") is a phone change; "我想退了" / "不要了" on a policy is a surrender.
 */
function typeFromWords(text: string, entities: Entities): ServiceRequestType | undefined {
  if (entities.phone && /改|换|新|变更|更新|\b(new|change|update|updated|changed)\b/i.test(text)) return 'change_phone';
  if (/(想|要|我)退了|退掉|不要了|\b(cancel|give up) (it|this|the policy)\b/i.test(text)) return 'surrender';
  return undefined;
}

/** The type named by the NLU entity, a button label in either language, or the words of the request. */
export function readType(text: string, entities: Entities): ServiceRequestType | undefined {
  if (isServiceRequestType(entities.serviceType)) return entities.serviceType;
  const s = text.trim().toLowerCase();
  const label = SERVICE_REQUEST_TYPES.find((type) => [t('zh', `service:type.${type}`), t('en', `service:type.${type}`)].some((l) => l.toLowerCase() === s));
  return label ?? typeFromWords(text, entities);
}

/** Short words for a line in an answer to "which policy" ("意外那个", "the accident one", "车险的"). */
const LINE_WORDS: Record<string, RegExp> = {
  auto: /车|\b(car|motor|auto)\b/i,
  accident: /意外|\baccident/i,
  health: /医疗|健康|重疾|\b(health|medical|critical illness)\b/i,
  property: /家财|财产|房子|房屋|\b(home|house|property|contents)\b/i,
  travel: /旅行|旅游|境外|\b(travel|trip)\b/i,
  life: /寿险|人寿|\blife\b/i,
};

/** The one policy of the lines `text` names, or undefined when none or several fit. */
function byLine(text: string, policies: PolicyOption[]): PolicyOption | undefined {
  const lines = Object.keys(LINE_WORDS).filter((l) => LINE_WORDS[l].test(text));
  const fit = lines.length ? policies.filter((p) => lines.includes(p.line)) : [];
  return fit.length === 1 ? fit[0] : undefined;
}

/** The policy picked by number (entity or text), by position ("2", "第二个") or by its line ("the accident one"). */
export function readPolicy(text: string, policies: PolicyOption[], entity?: string): PolicyOption | undefined {
  const byNumber = policies.find((p) => p.number === entity?.toUpperCase() || text.toUpperCase().includes(p.number));
  if (byNumber) return byNumber;
  const ordinal = text.trim().match(/^(?:第)?([1-9一二三四五六七八九])(?:个|张|份)?$/)?.[1];
  if (ordinal) return policies[('一二三四五六七八九'.indexOf(ordinal) + 1 || Number(ordinal)) - 1];
  return byLine(text, policies);
}

/** The one policy of a line the opening names outright ("终身寿险我想退了"), or undefined. */
export function policyFromOpening(opening: string | undefined, policies: PolicyOption[]): PolicyOption | undefined {
  const lines = opening ? linesMentioned(opening) : [];
  const fit = policies.filter((p) => lines.includes(p.line as never));
  return fit.length === 1 ? fit[0] : undefined;
}

/**
 * Types whose details are a value that cannot be mistaken (a mobile number, a card number, an amount): taken from
 * the opening and corrected at the read-back. Free-text details (an address, a reason) are always asked.
 */
const EXACT: ReadonlySet<ServiceRequestType> = new Set(['change_phone', 'change_bank', 'policy_loan']);

/** Details the opening already gives ("帮我把手机号改成13787654321" → `{ newPhone }`), or undefined. */
export function detailsFromOpening(type: ServiceRequestType | undefined, text: string, entities: Entities): Record<string, unknown> | undefined {
  if (!type || !EXACT.has(type)) return undefined;
  return DETAILS[type]!.parse(text, entities) ?? undefined;
}

/**
 * `FlowDefinition.correct` of the 保全 dialog: a new value for an exact detail replaces it. The changed field is
 * also returned under its own name (`newPhone`, `accountMasked`, `amount`) so the engine can say what changed.
 */
export function serviceCorrections(e: AnswerEvent, c: FlowContext): Record<string, unknown> | null {
  const type = c.slots.type as ServiceRequestType | undefined;
  const details = c.slots.details as Record<string, unknown> | undefined;
  if (!type || !EXACT.has(type) || !details) return null;
  const parsed = DETAILS[type]!.parse(e.text, e.nlu.entities);
  if (!parsed) return null;
  const changed = Object.entries(parsed).filter(([k, v]) => details[k] !== v);
  if (!changed.length) return null;
  return { details: { ...details, ...parsed }, ...Object.fromEntries(changed) };
}

/** Catalog keys naming what a correction changed. */
export const serviceSlotNames: Record<string, string> = {
  newPhone: 'service:slot.newPhone',
  accountMasked: 'service:slot.account',
  amount: 'service:slot.amount',
};
