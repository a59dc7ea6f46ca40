/**
 * Answering a question asked in the middle of a flow ("理赔需要什么材料" while the claim asks for the place), without
 * leaving the flow: the inquiry flow answers it in one go (knowledge base, or the customer's own policy when they are
 * verified); when it would need a verification dialog first, the customer is told it will be answered afterwards.
 */
import { runFlow } from './runner.ts';
import type { FlowDefinition, FlowServices, SayEvent } from './types.ts';
import type { NluResult } from '../nlu/types.ts';

/** What the inquiry flow says to `text`, or a "later" note when answering needs more than one turn. */
export async function answerAside(s: FlowServices, inquiry: FlowDefinition | undefined, text: string, nlu: NluResult, topic?: string): Promise<SayEvent[]> {
  if (!inquiry) return [{ type: 'say', key: 'dialog:aside.later' }];
  // "how long does this usually take?" during a complaint is about complaints: ask the knowledge base with the topic.
  const question = topic && kbKnows(s, `${topic} ${text}`) ? `${topic} ${text}` : text;
  try {
    const run = await runFlow(inquiry.create(s), { input: { lang: s.lang, text: question, entities: nlu.entities } });
    if (run.done) return run.said;
  } catch (err) {
    s.logger.error({ err, conversationId: s.conversation.id }, 'side question failed');
  }
  return [{ type: 'say', key: 'dialog:aside.later' }];
}

/** True when the knowledge base has a confident answer (a cheap, pure lookup). */
export function kbKnows(s: FlowServices, text: string): boolean {
  try {
    return Boolean(s.kb?.answer(text, s.lang)?.confident);
  } catch {
    return false;
  }
}
