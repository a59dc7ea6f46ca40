/**
 * 咨询 — questions. General questions are answered from the knowledge base in one turn (the flow ends at once,
 * so the next message is routed afresh); when the knowledge base is unsure it offers its likeliest questions as
 * buttons (the button sends the question back) and a person. Questions about the customer's *own* policy
 * (expiry, premium and next due date, sum insured, status, agent, cooling-off, arrears, surrender) or open business
 * need identity verification and are answered from the database.
 * Every answer is recorded on the customer's timeline as a consultation.
 */
import { fromPromise } from 'xstate';
import { recordInteraction } from '../../../domain/escalations.ts';
import { recordUnanswered } from '../../../domain/kb/unanswered.ts';
import { answerMyQuestion, detectPolicyTopics, isAboutMyPolicy, type PolicyTopic } from '../../../domain/policy-answers/index.ts';
import { finalStates, FLOW_ID, flowSetup, initialContext, sayWith } from '../kit.ts';
import { verifyActors, verifyStates } from '../verify-steps.ts';
import type { FlowContext, FlowDefinition, FlowServices, SayEvent } from '../types.ts';

type Args = { context: FlowContext; event: any };
type Said = Omit<SayEvent, 'type'>;

const MAX_SUGGESTIONS = 3;
const human = { key: 'dialog:choice.human' };

function create(s: FlowServices) {
  const consult = (summary: string, refId?: string) =>
    recordInteraction(s, {
      customerId: s.customer?.id,
      conversationId: s.conversation.id,
      kind: 'consultation',
      channel: s.conversation.channel,
      summary,
      ...(refId ? { refType: 'KbEntry', refId } : {}),
    });

  // Recording is bookkeeping: a failure is logged and the customer still gets the reply.
  const recordUnansweredSafely = async (text: string, hadSuggestions: boolean, topEntryId?: string) => {
    try {
      await recordUnanswered(s, { text, lang: s.lang, conversationId: s.conversation.id, hadSuggestions, ...(hadSuggestions && topEntryId ? { topEntryId } : {}) });
    } catch (err) {
      s.logger.error({ err, conversationId: s.conversation.id }, 'recording an unanswered question failed');
    }
  };

  const actors = {
    ...verifyActors(s),
    kbAnswer: fromPromise(async ({ input }: { input: { question: string } }): Promise<Said> => {
      let found: ReturnType<NonNullable<FlowServices['kb']>['answer']> = null;
      try {
        found = s.kb?.answer(input.question, s.lang) ?? null;
      } catch (err) {
        // A broken knowledge-base file must not break the conversation: say we cannot answer and offer a person.
        s.logger.error({ err, conversationId: s.conversation.id }, 'knowledge base failed');
      }
      if (found?.confident) {
        await consult(`kb:${found.entry.id} ${input.question.slice(0, 200)}`, found.entry.id);
        return { key: 'inquiry:kb.answer', vars: { answer: found.answer } };
      }
      // Suggestions are only the genuinely close entries (the knowledge base filters them); a question with none is
      // out of scope: an honest "I cannot answer that" and a person, no unrelated buttons. Either way it is not
      // answered, so it is recorded for staff to add (issue 11).
      const suggestions = (found?.suggestions ?? []).slice(0, MAX_SUGGESTIONS);
      await recordUnansweredSafely(input.question, suggestions.length > 0, found?.entry.id);
      if (suggestions.length) {
        return {
          key: 'inquiry:kb.notSure',
          choices: [...suggestions.map((text) => ({ key: 'inquiry:kb.suggestion', vars: { text }, value: text })), human],
        };
      }
      return { key: 'inquiry:kb.noAnswer', choices: [human] };
    }),
    // Own-data answers (see README, "What a customer can ask about their own policies"): reached only after the
    // verify states, so `s.customer` is the verified customer; an insured-only person gets no holder finances.
    policyAnswer: fromPromise(async ({ input }: { input: { question: string; policyNumber?: string; topics: PolicyTopic[] } }): Promise<Said> => {
      if (!s.customer) return { key: 'inquiry:policy.none' };
      const a = await answerMyQuestion(s, s.customer, s.lang, { text: input.question, topics: input.topics, policyNumber: input.policyNumber });
      await consult(a.summary);
      return { key: a.key, vars: a.vars, ...(a.offerPerson ? { choices: [human] } : {}) };
    }),
  };

  const states: Record<string, any> = {
    route: {
      always: [{ guard: ({ context }: Args) => context.slots.mine === true, target: 'verify' }, { target: 'kb' }],
    },
    kb: {
      invoke: {
        src: 'kbAnswer',
        input: ({ context }: Args) => ({ question: context.slots.question }),
        onDone: { target: 'done', actions: sayWith((_c, e) => e.output) },
      },
    },
    ...verifyStates('policy_answer', s),
    policy_answer: {
      invoke: {
        src: 'policyAnswer',
        input: ({ context }: Args) => ({ question: context.slots.question, policyNumber: context.slots.policyNumber, topics: context.slots.topics ?? [] }),
        onDone: { target: 'done', actions: sayWith((_c, e) => e.output) },
      },
    },
    ...finalStates(),
  };

  return flowSetup(actors).createMachine({
    id: FLOW_ID,
    context: initialContext((input) => ({
      question: input.text,
      mine: isAboutMyPolicy(input.text, input.entities),
      topics: detectPolicyTopics(input.text),
      ...(input.entities.policyNumber ? { policyNumber: input.entities.policyNumber } : {}),
    })),
    initial: 'route',
    states,
  });
}

export const flow: FlowDefinition = {
  id: 'inquiry',
  version: 1,
  titleKey: 'dialog:intentName.inquiry',
  create,
};
