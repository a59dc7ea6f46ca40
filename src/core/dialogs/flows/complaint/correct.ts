/**
 * `FlowDefinition.correct` of the complaint: a new mobile number ("电话写错了 是13612345679") or name ("名字写错了
 * 应该是黄莉", "my name is spelt Jon Miller") replaces the one given. The engine decides that the message is a
 * correction (a correction cue, or any such message at the read-back) and re-asks the current question.
 */
import { parseMobile, parseName } from '../../../../domain/complaints/answers.ts';
import type { AnswerEvent, FlowContext } from '../../types.ts';

const NAME_FIX = [
  /(?:名字|姓名)(?:写|打|输|填)?错了?[，,。\s]*(?:应该|其实)?(?:是|叫)\s*([\u4e00-\u9fff·]{2,6})/,
  /(?:我叫|我的名字是|我名字是|我的名字叫)\s*([\u4e00-\u9fff·]{2,6})/,
  /(?:my name is(?: spelt| spelled)?|(?:the )?name should be|(?:my )?name'?s)\s+([A-Z][A-Za-z'-]+(?: [A-Z][A-Za-z'-]+){0,3})/i,
];
const NOT_A_NAME = /^(本人|消费者|代理人|投保人|被保险人|客户)/;

function correctedName(text: string): string | null {
  for (const re of NAME_FIX) {
    const m = text.match(re);
    const name = m ? parseName(m[1]) : null;
    if (name && !NOT_A_NAME.test(name)) return name;
  }
  return null;
}

/** Slot updates the message implies (`phone`, `name`), or null when it names neither. */
export function complaintCorrections(e: AnswerEvent, c: FlowContext): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  const phone = parseMobile(e.text, e.nlu.entities.phone);
  if (phone && phone !== c.slots.phone) out.phone = phone;
  const name = correctedName(e.text);
  if (name && name !== c.slots.name) out.name = name;
  return Object.keys(out).length ? out : null;
}

/** Catalog keys naming the correctable slots ("已为您更正手机号"). */
export const complaintSlotNames: Record<string, string> = { phone: 'complaint:slot.phone', name: 'complaint:slot.name' };
