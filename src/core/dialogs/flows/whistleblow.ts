/**
 * 举报 — a misconduct report: who, what, when, evidence, an optional contact (anonymity allowed), then a JB reference.
 * It goes to the compliance queue only; see src/domain/whistleblow.ts for what the card may show. What the opening
 * (or the who-answer) already tells of the misconduct, and a time it names, are not asked again.
 */
import { assign, fromPromise } from 'xstate';
import { parseMaterialsAnswer, parseMobile } from '../../../domain/complaints/answers.ts';
import { storeAttachments } from '../../../domain/complaints/materials.ts';
import { factsWithWho, fileWhistleblowReport, reportedFacts } from '../../../domain/whistleblow.ts';
import { maskPhone } from '../../../domain/pii.ts';
import { t } from '../../../i18n/index.ts';
import { ask, FLOW_ID, finalStates, flowSetup, initialContext, say, sayWith, setSlots } from '../kit.ts';
import type { AnswerEvent, FlowContext, FlowDefinition, FlowServices } from '../types.ts';
import { submitConfirm } from './complaint/review.ts';

type Slots = { who?: string; what?: string; when?: string; evidence?: string; evidenceIds?: string[]; answer?: string; contact?: string | null };
type Args = { context: FlowContext };
const slots = (c: FlowContext) => c.slots as Slots;

const text = (min = 2) => (e: { text: string }) => (e.text.trim().length >= min ? e.text.trim() : null);
const ANONYMOUS = /匿名|不留|不用了?|不需要|不要|算了吧|anonymous|no contact|rather not|^no$/i;
const UNKNOWN = /^(不清楚|不知道|不记得|忘了|记不清|不确定|not sure|don'?t know|unknown|no idea)[!！。.～~ ]*$/i;
const EVIDENCE_CHOICES = [{ key: 'whistleblow:choice.done' }, { key: 'whistleblow:choice.none' }];

function create(s: FlowServices) {
  const actors = {
    storeEvidence: fromPromise(async () =>
      storeAttachments({ db: s.db, clock: s.clock, attachmentDir: s.config.ANXIN_ATTACHMENT_DIR }, 'whistleblow', s.messageId, s.inbound.attachments ?? []),
    ),
    file: fromPromise(async ({ input }: { input: Slots }) =>
      fileWhistleblowReport(s, {
        identityId: s.identity.id,
        conversationId: s.conversation.id,
        subject: input.who!,
        what: input.what!,
        when: input.when,
        evidence: input.evidence,
        evidenceCount: input.evidenceIds?.length ?? 0,
        contact: input.contact ?? undefined,
        reporterTraits: [s.customer?.name, s.customer?.phone, s.identity.displayName],
      }),
    ),
  };

  /** Evidence step: files are stored, words are kept, "done"/"none" move on. */
  const evidenceStep = (prompt: (c: FlowContext) => { key: string; vars?: Record<string, number> }) =>
    ask({
      prompt: (c) => ({ ...prompt(c), choices: EVIDENCE_CHOICES }),
      hint: () => ({ key: 'whistleblow:hint.evidence', choices: EVIDENCE_CHOICES }),
      parse: (e) => {
        const a = parseMaterialsAnswer(e.text, e.attachmentCount);
        if (a === 'files' || a === 'done' || a === 'none') return { answer: a };
        if (a === 'later') return { answer: 'done', evidence: e.text.trim() };
        return e.text.trim().length >= 2 ? { answer: 'done', evidence: e.text.trim() } : null;
      },
      next: 'evidenceRoute',
      freeText: true,
    });

  const states: Record<string, any> = {
    intro: { entry: say('whistleblow:intro'), always: 'who' },
    who: ask({
      prompt: () => ({ key: 'whistleblow:ask.who' }),
      hint: () => ({ key: 'whistleblow:hint.text' }),
      parse: (e, c) => {
        const who = text()(e);
        if (!who) return null;
        const what = slots(c).what ?? factsWithWho(who) ?? undefined;
        return { who, what };
      },
      next: 'whatRoute',
      freeText: true,
    }),
    whatRoute: { always: [{ guard: ({ context }: Args) => Boolean(slots(context).what), target: 'whenRoute' }, { target: 'what' }] },
    what: ask({ prompt: () => ({ key: 'whistleblow:ask.what' }), hint: () => ({ key: 'whistleblow:hint.text' }), parse: (e) => (text()(e) ? { what: text()(e) } : null), next: 'whenRoute', freeText: true }),
    whenRoute: { always: [{ guard: ({ context }: Args) => slots(context).when !== undefined, target: 'evidence' }, { target: 'when' }] },
    when: ask({
      prompt: () => ({ key: 'whistleblow:ask.when' }),
      hint: () => ({ key: 'whistleblow:hint.text' }),
      parse: (e) => (UNKNOWN.test(e.text) ? { when: '' } : e.nlu.entities.datetime ? { when: e.text.trim() } : text()(e) ? { when: text()(e) } : null),
      next: 'evidence',
      freeText: true,
    }),
    evidence: evidenceStep(() => ({ key: 'whistleblow:ask.evidence' })),
    moreEvidence: evidenceStep((c) => ({ key: 'whistleblow:ask.moreEvidence', vars: { count: slots(c).evidenceIds?.length ?? 0 } })),
    evidenceRoute: { always: [{ guard: ({ context }: Args) => slots(context).answer === 'files', target: 'storeEvidence' }, { target: 'contact' }] },
    storeEvidence: {
      invoke: {
        src: 'storeEvidence',
        onDone: { target: 'moreEvidence', actions: setSlots((c, event: { output: string[] }) => ({ evidenceIds: [...(slots(c).evidenceIds ?? []), ...event.output] })) },
      },
    },
    contact: ask({
      prompt: () => ({ key: 'whistleblow:ask.contact', choices: [{ key: 'whistleblow:choice.anonymous' }] }),
      hint: () => ({ key: 'whistleblow:hint.contact', choices: [{ key: 'whistleblow:choice.anonymous' }] }),
      parse: (e) => {
        const phone = parseMobile(e.text, e.nlu.entities.phone);
        if (phone) return { contact: phone };
        return ANONYMOUS.test(e.text.trim()) ? { contact: null } : null;
      },
      next: 'review',
    }),
    review: submitConfirm(
      (c) => {
        const x = slots(c);
        const files = x.evidenceIds?.length ?? 0;
        const evidence = [x.evidence, files ? t(c.lang, 'whistleblow:value.files', { count: files }) : ''].filter(Boolean).join(' · ');
        return {
          key: 'whistleblow:ask.review',
          vars: {
            who: x.who,
            what: x.what,
            when: x.when || 'whistleblow:value.unknown',
            evidence: evidence || 'whistleblow:value.none',
            contact: x.contact ? maskPhone(x.contact) : 'whistleblow:value.anonymous',
          },
        };
      },
      'afterReview',
    ),
    afterReview: {
      always: [
        { guard: ({ context }: Args) => context.slots.confirmed === true, target: 'file' },
        { target: 'done', actions: [say('whistleblow:notSubmitted'), assign({ outcome: 'declined' })] },
      ],
    },
    file: {
      invoke: {
        src: 'file',
        input: ({ context }: Args) => slots(context),
        onDone: {
          target: 'done',
          actions: sayWith((_c, event: { output: { number: string; anonymous: boolean } }) => ({
            key: 'whistleblow:created',
            vars: { number: event.output.number, followUp: event.output.anonymous ? 'whistleblow:followUpAnonymous' : 'whistleblow:followUpContact' },
          })),
        },
      },
    },
    ...finalStates(),
  };

  return flowSetup(actors).createMachine({
    id: FLOW_ID,
    context: initialContext((input) => {
      const what = reportedFacts(input.text) ?? undefined;
      // A time is taken from the opening only together with the facts it belongs to.
      return { what, when: what && input.entities.datetime ? input.entities.datetime.text : undefined };
    }),
    initial: 'intro',
    states,
  });
}

const ANONYMOUS_NOW = /(还是|改成?|换成?|就)匿名|不留(联系方式|电话|手机号?)了?|stay anonymous|rather (stay|be) anonymous|keep it anonymous|remove my (number|phone|contact)/i;

/**
 * `FlowDefinition.correct`: a new mobile number replaces the contact ("手机号写错了 是13712345670"), "还是匿名吧"
 * withdraws it. Null when the message names neither.
 */
function correct(e: AnswerEvent): Record<string, unknown> | null {
  const phone = parseMobile(e.text, e.nlu.entities.phone);
  if (phone) return { contact: phone };
  return ANONYMOUS_NOW.test(e.text) ? { contact: null } : null;
}

export const flow: FlowDefinition = {
  id: 'whistleblow',
  version: 1,
  titleKey: 'whistleblow:title',
  create,
  correct,
  slotNames: { contact: 'whistleblow:slot.contact' },
};
