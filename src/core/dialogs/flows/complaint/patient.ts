/**
 * Patience with angry complainants: an answer that does not fit the question because the customer is venting
 * ("你们这帮骗子！！！", "叫你们领导来") does not count as a failed try. The first time at a step they hear a short
 * acknowledgement and the hint again; only later invalid answers count towards the offer of a person.
 */
import { isVenting } from '../../../../domain/complaints/infer.ts';
import { say, sayWith, setSlots, type SayArgs } from '../../kit.ts';
import type { AnswerEvent, FlowContext } from '../../types.ts';

type Args = { context: FlowContext; event: AnswerEvent };
const OTHER_NEEDS = new Set(['claim_report', 'claim_status', 'complaint_status', 'policy_service', 'whistleblow', 'human_agent', 'unsubscribe']);

/**
 * Venting this step must absorb itself. A refused answer with negative sentiment, a switch to another need or a
 * question is left to the engine's interruption handling (which answers it without counting a try).
 */
const venting = (e: AnswerEvent) =>
  isVenting(e.text) && e.nlu.sentiment !== 'negative' && !(OTHER_NEEDS.has(e.nlu.intent) && e.nlu.confidence >= 0.85) && !/[?？]$|吗$/.test(e.text.trim());
const vented = (c: FlowContext) => (c.slots.vented as string[] | undefined) ?? [];

/**
 * Wraps a kit `ask`/`confirm` state config (mutated and returned): adds, before the counted invalid-answer
 * transitions, one that catches a venting answer once per step. `valid` must be the step's own parse check.
 */
export function patient(config: any, step: string, valid: (e: AnswerEvent, c: FlowContext) => boolean, hint: (c: FlowContext) => SayArgs): any {
  const answers = config.states.asking.on.ANSWER as any[];
  const vent = {
    guard: ({ context, event }: Args) => !valid(event, context) && venting(event) && !vented(context).includes(step),
    actions: [setSlots((c) => ({ vented: [...vented(c), step] })), say('complaint:vent'), sayWith((c) => hint(c))],
  };
  const at = answers.findIndex((t) => t.target === 'offerHuman');
  answers.splice(at < 0 ? Math.min(1, answers.length) : at, 0, vent);
  return config;
}
