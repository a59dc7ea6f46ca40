/**
 * 咨询 — questions. General questions are answered from the knowledge base in one turn (the flow ends at once,
 * so the next message is routed afresh); when the knowledge base is unsure it offers its likeliest questions as
 * buttons (the button sends the question back) and a person. Questions about the customer's *own* policy
 * (expiry, premium and next due date, sum insured, status, agent, cooling-off, arrears, surrender) or open business
 * need identity verification and are answered from the database. A what-now or how-to question phrased about
 * their own policy ("my premium debit failed, what happens now?") is answered from the knowledge base at once; a
 * verified policyholder then also hears their own figures, anyone else is offered the look-up as a button. A short
 * follow-up ("那我交了多少了") continues with the policy of the previous own-data answer.
 * Every answer is recorded on the customer's timeline as a consultation.
 */
import { fromPromise } from 'xstate';
import { recordInteraction } from '../../../domain/escalations.ts';
import { recordUnanswered } from '../../../domain/kb/unanswered.ts';
import { answerMyQuestion, detectLine, detectPolicyTopics, questionScope, type PolicyTopic } from '../../../domain/policy-answers/index.ts';
import { t } from '../../../i18n/index.ts';
import { finalStates, FLOW_ID, flowSetup, initialContext, sayWith } from '../kit.ts';
import { verifyActors, verifyStates } from '../verify-steps.ts';
import type { FlowContext, FlowDefinition, FlowServices, SayEvent } from '../types.ts';

type Args = { context: FlowContext; event: any };
type Said = Omit<SayEvent, 'type'>;

const MAX_SUGGESTIONS = 3;
const human = { key: 'dialog:choice.human' };
/** A follow-up ("那我交了多少了") is about the policy of the previous own-data answer when it came this recently. */
const FOLLOW_UP_MINUTES = 15;

/** Internal marker (never said): the knowledge base does not cover a what-now question. */
const NOT_IN_RULES = 'inquiry:internal.notInRules';

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

  // The one policy the previous own-data answer in this conversation was about, if it was recent: a question that
  // names no policy ("那我交了多少了") continues with it.
  const lastAnsweredPolicy = async (): Promise<string | undefined> => {
    const since = new Date(s.clock.now().getTime() - FOLLOW_UP_MINUTES * 60_000);
    const last = await s.db.interaction.findFirst({
      where: { conversationId: s.conversation.id, kind: 'consultation', occurredAt: { gte: since } },
      orderBy: { occurredAt: 'desc' },
    });
    const numbers = last?.summary.startsWith('my_policy:') ? last.summary.split(' ').slice(1).filter(Boolean) : [];
    return numbers.length === 1 ? numbers[0] : undefined;
  };

  const actors = {
    ...verifyActors(s),
    kbAnswer: fromPromise(async ({ input }: { input: { question: string; rulesFirst?: boolean } }): Promise<Said> => {
      let found: ReturnType<NonNullable<FlowServices['kb']>['answer']> = null;
      try {
        found = s.kb?.answer(input.question, s.lang) ?? null;
      } catch (err) {
        // A broken knowledge-base file must not break the conversation: say we cannot answer and offer a person.
        s.logger.error({ err, conversationId: s.conversation.id }, 'knowledge base failed');
      }
      if (found?.confident) {
        await consult(`kb:${found.entry.id} ${input.question.slice(0, 200)}`, found.entry.id);
        // "my premium debit failed, what happens now?": the rules first, then a look at their own policy on request.
        const offer = input.rulesFirst && !s.customer ? [{ key: 'inquiry:kb.checkMine', value: t(s.lang, 'inquiry:kb.checkMineValue') }] : [];
        return { key: 'inquiry:kb.answer', vars: { answer: found.answer }, ...(offer.length ? { choices: offer } : {}) };
      }
      // Not covered by the rules: a what-now question about their own policy goes on to the own-data answer instead.
      if (input.rulesFirst) return { key: NOT_IN_RULES };
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
      const policyNumber = input.policyNumber ?? (detectLine(input.question) ? undefined : await lastAnsweredPolicy());
      const a = await answerMyQuestion(s, s.customer, s.lang, { text: input.question, topics: input.topics, policyNumber });
      await consult(a.summary);
      return { key: a.key, vars: a.vars, ...(a.offerPerson ? { choices: [human] } : {}) };
    }),
  };

  const states: Record<string, any> = {
    route: {
      always: [
        { guard: ({ context }: Args) => context.slots.scope === 'mine', target: 'verify' },
        { guard: ({ context }: Args) => context.slots.scope === 'rulesThenMine', target: 'rulesFirst' },
        { target: 'kb' },
      ],
    },
    kb: {
      invoke: {
        src: 'kbAnswer',
        input: ({ context }: Args) => ({ question: context.slots.question }),
        onDone: { target: 'done', actions: sayWith((_c, e) => e.output) },
      },
    },
    // A what-now question about their own policy: the rules answer it at once (a verified customer also hears their
    // own policy's figures, anyone else is offered the look-up); when the rules do not cover it, the own-data path.
    rulesFirst: {
      invoke: {
        src: 'kbAnswer',
        input: ({ context }: Args) => ({ question: context.slots.question, rulesFirst: true }),
        onDone: [
          { guard: ({ event }: Args) => event.output.key === NOT_IN_RULES, target: 'verify' },
          { guard: ({ context }: Args) => Boolean(s.customer) && (context.slots.topics as PolicyTopic[]).length > 0, target: 'policy_answer', actions: sayWith((_c, e) => e.output) },
          { target: 'done', actions: sayWith((_c, e) => e.output) },
        ],
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
      scope: questionScope(input.text, input.entities),
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
