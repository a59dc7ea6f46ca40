/**
 * 投诉 — a complaint under the 2020 complaint-handling rules. Asks only what art. 13 allows (who complains, who or
 * what it is about, the request, the facts and materials), refuses third parties with the reason (art. 14), then
 * files it: acceptance rules, deadlines and the staff escalation live in src/domain/complaints.
 *
 * It asks no more than it must: what the opening message says (a verified customer or "我买的保险" is the consumer
 * themself, "退钱" is the request, the category is guessed and only confirmed) is not asked again; a verified
 * customer first hears of an open complaint and of a cooling-off period still running (complaint/before.ts); an
 * unverified consumer may verify on the way so the complaint is linked (complaint/identify.ts); venting does not
 * use up the tries (complaint/patient.ts).
 */
import { assign, enqueueActions, fromPromise } from 'xstate';
import { parseMaterialsAnswer, parseMobile, parseName, parseRole, type MaterialsAnswer } from '../../../domain/complaints/answers.ts';
import { categoriseComplaint, type ComplaintCategory } from '../../../domain/complaints/categorise.ts';
import { inferFacts, inferRequest, inferRole, inferSubject } from '../../../domain/complaints/infer.ts';
import { fileComplaint, type FileOutcome } from '../../../domain/complaints/intake.ts';
import { storeAttachments } from '../../../domain/complaints/materials.ts';
import type { ComplainantRole } from '../../../domain/complaints/types.ts';
import { maskPhone } from '../../../domain/pii.ts';
import { t } from '../../../i18n/index.ts';
import { ask, FLOW_ID, finalStates, flowSetup, initialContext, say, setSlots } from '../kit.ts';
import type { FlowContext, FlowDefinition, FlowServices } from '../types.ts';
import { beforeActors, beforeStates } from './complaint/before.ts';
import { complaintCorrections, complaintSlotNames } from './complaint/correct.ts';
import { identifyActors, identifyStates } from './complaint/identify.ts';
import { missingOf, outcomeMessages } from './complaint/outcome.ts';
import { patient } from './complaint/patient.ts';
import { submitConfirm } from './complaint/review.ts';

const ROLE_CHOICES = [{ key: 'complaint:choice.self' }, { key: 'complaint:choice.agent' }, { key: 'complaint:choice.third' }];
const MATERIAL_CHOICES = [{ key: 'complaint:choice.done' }, { key: 'complaint:choice.none' }, { key: 'complaint:choice.later' }];
const TRIGGER = /^(我要|我想|想|要)?(投诉|申诉|complain|complaint|file a complaint|i want to complain|i'd like to complain)[!！。.～~ ]*$/i;

type Slots = {
  opening?: string;
  role?: ComplainantRole;
  name?: string;
  phone?: string;
  subject?: string;
  policyNumber?: string;
  request?: string;
  facts?: string;
  materials?: MaterialsAnswer;
  materialIds?: string[];
  /** Guessed from the opening and confirmed, or undefined (then classified from everything said when filed). */
  category?: string;
  /** The request was read from the opening ("退钱"). */
  requestInferred?: boolean;
};
const slots = (c: FlowContext) => c.slots as Slots;
const freeText = (min = 2) => (e: { text: string }) => (e.text.trim().length >= min ? e.text.trim() : null);

type Args = { context: FlowContext };

/** A complaint about the sale (mis-selling, or a refund wanted): the cooling-off right matters to it. */
const mentionsSale = (c: FlowContext) => slots(c).category === 'sales_misconduct' || Boolean(slots(c).requestInferred) || /退保|surrender/i.test(slots(c).opening ?? '');

function create(s: FlowServices) {
  const actors = {
    ...beforeActors(s),
    ...identifyActors(s),
    storeMaterials: fromPromise(async () =>
      storeAttachments({ db: s.db, clock: s.clock, attachmentDir: s.config.ANXIN_ATTACHMENT_DIR }, 'complaints', s.messageId, s.inbound.attachments ?? []),
    ),
    file: fromPromise(async ({ input }: { input: FlowContext }) => {
      const x = slots(input);
      const missing = missingOf(input);
      return fileComplaint(
        { db: s.db, clock: s.clock, events: s.events, calendar: s.calendar },
        {
          conversationId: s.conversation.id,
          identityId: s.identity.id,
          customerId: s.customer?.id,
          channel: s.conversation.channel,
          complainantName: x.name!,
          complainantRole: x.role!,
          complainantPhone: x.phone,
          subject: x.subject!,
          policyNumber: x.policyNumber,
          request: x.request!,
          facts: x.facts!,
          materialsComplete: missing.length === 0,
          materialCount: x.materialIds?.length ?? 0,
          category: (x.category as ComplaintCategory | undefined) ?? categoriseComplaint([x.opening, x.subject, x.request, x.facts].filter(Boolean).join('\n')),
        },
      );
    }),
  };
  // Typed loosely like the kit's own states: xstate cannot check the kit's emitted `say` events inside these configs.
  const states: Record<string, any> = {
    ...beforeStates(s, mentionsSale),
    roleRoute: { always: [{ guard: ({ context }: Args) => Boolean(slots(context).role), target: 'afterRole' }, { target: 'role' }] },
    role: patient(
      ask({
        prompt: () => ({ key: 'complaint:ask.role', choices: ROLE_CHOICES }),
        hint: () => ({ key: 'complaint:hint.role', choices: ROLE_CHOICES }),
        parse: (e) => {
          const role = parseRole(e.text) ?? inferRole(e.text);
          return role ? { role } : null;
        },
        next: 'afterRole',
      }),
      'role',
      (e) => Boolean(parseRole(e.text) ?? inferRole(e.text)),
      () => ({ key: 'complaint:hint.role', choices: ROLE_CHOICES }),
    ),
    afterRole: {
      always: [
        { guard: ({ context }: Args) => slots(context).role === 'third_party', target: 'done', actions: [say('complaint:thirdParty'), assign({ outcome: 'declined' })] },
        // Art. 13: what the insurer already holds must not be asked again — a verified customer's own name and phone.
        {
          guard: ({ context }: Args) => slots(context).role === 'self' && Boolean(s.customer),
          target: 'phoneRoute',
          actions: setSlots((c) => ({ name: s.customer!.name, phone: slots(c).phone ?? s.customer!.phone ?? undefined })),
        },
        { guard: ({ context }: Args) => slots(context).role === 'self', target: 'identify' },
        { target: 'name' },
      ],
    },
    ...identifyStates(),
    name: patient(
      ask({
        prompt: (c) => ({ key: slots(c).role === 'self' ? 'complaint:ask.name' : 'complaint:ask.nameAgent' }),
        hint: () => ({ key: 'complaint:hint.name' }),
        parse: (e) => {
          const name = parseName(e.text);
          return name ? { name } : null;
        },
        next: 'phoneRoute',
      }),
      'name',
      (e) => Boolean(parseName(e.text)),
      () => ({ key: 'complaint:hint.name' }),
    ),
    phoneRoute: { always: [{ guard: ({ context }: Args) => Boolean(slots(context).phone), target: 'subjectRoute' }, { target: 'phone' }] },
    phone: patient(
      ask({
        prompt: () => ({ key: 'complaint:ask.phone' }),
        hint: () => ({ key: 'complaint:hint.phone' }),
        parse: (e) => {
          const phone = parseMobile(e.text, e.nlu.entities.phone);
          return phone ? { phone } : null;
        },
        next: 'subjectRoute',
      }),
      'phone',
      (e) => Boolean(parseMobile(e.text, e.nlu.entities.phone)),
      () => ({ key: 'complaint:hint.phone' }),
    ),
    subjectRoute: { always: [{ guard: ({ context }: Args) => Boolean(slots(context).subject), target: 'requestRoute' }, { target: 'subject' }] },
    subject: ask({
      prompt: () => ({ key: 'complaint:ask.subject' }),
      hint: () => ({ key: 'complaint:hint.text' }),
      parse: (e, c) => {
        const subject = freeText()(e);
        return subject ? { subject, policyNumber: e.nlu.entities.policyNumber ?? slots(c).policyNumber } : null;
      },
      next: 'requestRoute',
      freeText: true,
    }),
    requestRoute: { always: [{ guard: ({ context }: Args) => Boolean(slots(context).request), target: 'factsRoute' }, { target: 'request' }] },
    request: ask({
      prompt: () => ({ key: 'complaint:ask.request' }),
      hint: () => ({ key: 'complaint:hint.text' }),
      parse: (e) => {
        const request = freeText()(e);
        return request ? { request } : null;
      },
      next: 'factsRoute',
      freeText: true,
    }),
    factsRoute: { always: [{ guard: ({ context }: Args) => Boolean(slots(context).facts), target: 'materials' }, { target: 'facts' }] },
    facts: ask({
      prompt: () => ({ key: 'complaint:ask.facts' }),
      hint: () => ({ key: 'complaint:hint.text' }),
      parse: (e) => {
        const facts = freeText()(e);
        return facts ? { facts } : null;
      },
      next: 'materials',
      freeText: true,
    }),
    materials: patient(
      ask({
        prompt: (c) => ({ key: slots(c).role === 'authorised_agent' ? 'complaint:ask.materialsAgent' : 'complaint:ask.materials', choices: MATERIAL_CHOICES }),
        hint: () => ({ key: 'complaint:hint.materials', choices: MATERIAL_CHOICES }),
        parse: (e) => {
          const materials = parseMaterialsAnswer(e.text, e.attachmentCount);
          return materials ? { materials } : null;
        },
        next: 'materialsRoute',
      }),
      'materials',
      (e) => Boolean(parseMaterialsAnswer(e.text, e.attachmentCount)),
      () => ({ key: 'complaint:hint.materials', choices: MATERIAL_CHOICES }),
    ),
    moreMaterials: ask({
      prompt: (c) => ({ key: 'complaint:ask.moreMaterials', vars: { count: slots(c).materialIds?.length ?? 0 }, choices: MATERIAL_CHOICES }),
      hint: () => ({ key: 'complaint:hint.materials', choices: MATERIAL_CHOICES }),
      parse: (e) => {
        const materials = parseMaterialsAnswer(e.text, e.attachmentCount);
        // Files already arrived, so "none" now means "no more".
        return materials ? { materials: materials === 'none' ? 'done' : materials } : null;
      },
      next: 'materialsRoute',
    }),
    materialsRoute: { always: [{ guard: ({ context }: Args) => slots(context).materials === 'files', target: 'storeMaterials' }, { target: 'review' }] },
    storeMaterials: {
      invoke: {
        src: 'storeMaterials',
        onDone: {
          target: 'moreMaterials',
          actions: setSlots((c, event: { output: string[] }) => ({ materialIds: [...(slots(c).materialIds ?? []), ...event.output] })),
        },
      },
    },
    review: submitConfirm(
      (c) => {
        const x = slots(c);
        const count = x.materialIds?.length ?? 0;
        return {
          key: 'complaint:ask.review',
          vars: {
            name: x.name,
            role: `complaint:role.${x.role}`,
            phone: maskPhone(x.phone),
            subject: x.subject,
            policy: x.policyNumber ? t(c.lang, 'complaint:policySuffix', { policy: x.policyNumber }) : '',
            request: x.request,
            facts: x.facts,
            materials: count ? t(c.lang, 'complaint:materialsSummary.count', { count }) : t(c.lang, x.materials === 'later' ? 'complaint:materialsSummary.later' : 'complaint:materialsSummary.none'),
          },
        };
      },
      'afterReview',
    ),
    afterReview: {
      always: [
        { guard: ({ context }: Args) => context.slots.confirmed === true, target: 'file' },
        { target: 'done', actions: [say('complaint:notSubmitted'), assign({ outcome: 'declined' })] },
      ],
    },
    file: {
      invoke: {
        src: 'file',
        input: ({ context }: Args) => context,
        onDone: {
          target: 'done',
          actions: enqueueActions(({ context, event, enqueue }: any) => {
            for (const m of outcomeMessages(context.lang, (event as unknown as { output: FileOutcome }).output, context)) enqueue.emit({ type: 'say', ...m });
          }),
        },
      },
    },
    ...finalStates(),
  };
  return flowSetup(actors).createMachine({
    id: FLOW_ID,
    context: initialContext((input) => {
      const opening = TRIGGER.test(input.text.trim()) ? undefined : input.text.trim();
      const category = opening ? categoriseComplaint(opening) : 'other';
      const request = opening ? inferRequest(opening) : null;
      return {
        opening,
        subject: opening ? (inferSubject(opening) ?? undefined) : undefined,
        facts: opening ? (inferFacts(opening) ?? undefined) : undefined,
        phone: input.entities.phone,
        policyNumber: input.entities.policyNumber,
        // A verified customer complaining in their own chat is the consumer (the policyholder) themself.
        role: s.customer ? 'self' : opening ? (inferRole(opening) ?? undefined) : undefined,
        request: request ? t(input.lang, `complaint:inferred.${request}`) : undefined,
        requestInferred: Boolean(request),
        category: category === 'other' ? undefined : category,
      };
    }),
    initial: 'start',
    states,
  });
}

export const flow: FlowDefinition = { id: 'complaint', version: 1, titleKey: 'complaint:title', create, correct: complaintCorrections, slotNames: complaintSlotNames };
