/**
 * Corrections every flow understands without writing its own `correct`: a new mobile number replaces the one mobile
 * number the flow holds ("电话写错了 是13612345679" at a complaint's read-back, a whistleblower's contact, a new
 * number in a 保全 request). Flows with richer answers (times, places) add their own FlowDefinition.correct.
 */
import type { AnswerEvent, FlowContext } from './types.ts';

const MOBILE = /^1[3-9]\d{9}$/;

/** Slot updates implied by the message, or null. */
export function genericCorrections(e: AnswerEvent, c: FlowContext): Record<string, unknown> | null {
  const phone = e.nlu.entities.phone;
  if (!phone) return null;
  const holders = Object.entries(c.slots).filter(([, v]) => typeof v === 'string' && MOBILE.test(v) && v !== phone);
  return holders.length === 1 ? { [holders[0][0]]: phone } : null;
}

/** Catalog key naming a corrected value when the flow gives no name for its slot. */
export function genericSlotName(value: unknown): string | undefined {
  return typeof value === 'string' && MOBILE.test(value) ? 'dialog:slot.phone' : undefined;
}
