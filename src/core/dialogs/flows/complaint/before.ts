/**
 * The complaint dialog's first steps for a verified customer, before anything is asked: an open complaint on the
 * same customer is mentioned (same matter → add to it; new → carry on), and a mis-selling complaint about a policy
 * still in its cooling-off period hears that a surrender now refunds the premiums, with the offer to request it.
 * Then an inferred category is confirmed. Ends at `roleRoute`.
 */
import { assign, enqueueActions, fromPromise } from 'xstate';
import { statedRole } from '../../../../domain/complaints/answers.ts';
import { isVenting } from '../../../../domain/complaints/infer.ts';
import { policiesInCoolingOff, type CoolingOffPolicy } from '../../../../domain/complaints/cooling-off.ts';
import { displayDate } from '../../../../domain/complaints/display-date.ts';
import { mergeIntoComplaint } from '../../../../domain/complaints/intake.ts';
import { storeAttachments } from '../../../../domain/complaints/materials.ts';
import { openComplaintsOf } from '../../../../domain/complaints/open.ts';
import { createServiceRequest } from '../../../../domain/service-requests.ts';
import { t, type Lang } from '../../../../i18n/index.ts';
import { ask, confirm, isNo, isYes, say, sayWith, setSlots } from '../../kit.ts';
import type { FlowContext, FlowServices } from '../../types.ts';
import { patient } from './patient.ts';

/** An open complaint as kept in the dialog's slots (plain JSON). */
export interface OpenComplaint {
  id: string;
  number: string;
  category: string;
  status: string;
  deadline: string;
  /** `decision` when the decision deadline is known, else `acceptance`. */
  deadlineKind: 'decision' | 'acceptance';
}

type Args = { context: FlowContext };
const open = (c: FlowContext) => (c.slots.open as OpenComplaint[] | undefined) ?? [];
const cooling = (c: FlowContext) => (c.slots.cooling as CoolingOffPolicy[] | undefined) ?? [];

const SAME = /同一|一样|还是(那|这)|之前(那|的)|上次|那件|补充|same|that one|previous|earlier|existing/i;
const NEW = /新的|另外|另一|别的|不是同一|不一样|new|another|different|other/i;
const SURRENDER = /退保|退款|退钱|退了|cancel|surrender|refund/i;
const CONTINUE = /投诉|继续|complain|continue|carry on/i;
const OPEN_CHOICES = [{ key: 'complaint:choice.same' }, { key: 'complaint:choice.new' }];
const YES_NO = [{ key: 'dialog:choice.yes' }, { key: 'dialog:choice.no' }];
const COOLING_CHOICES = [{ key: 'complaint:choice.surrender' }, { key: 'complaint:choice.continue' }];

function deadlineText(lang: Lang, o: OpenComplaint) {
  return t(lang, o.deadlineKind === 'decision' ? 'complaint:open.byDecision' : 'complaint:open.byAcceptance', { date: displayDate(lang, new Date(o.deadline)) });
}

function readSameOrNew(text: string): boolean | null {
  if (NEW.test(text) || isNo(text)) return false;
  if (SAME.test(text) || isYes(text)) return true;
  return null;
}

/** Words naming whom or what a complaint is about: staff, a unit, a product or a channel. */
const SUBJECT = /业务员|代理人|理赔员|查勘员|客服|经理|员工|工作人员|柜台|柜员|热线|网点|营业部|分公司|部门|产品|保单|险|app|官网|\b(agent|staff|adjuster|hotline|branch|team|department|call cent(re|er)|representative|product|policy|app|website|employee|manager|salesman|saleswoman|adviser|advisor)\b/i;

/**
 * Yes/no to the guessed category. Who complains, said alongside ("对 我本人") or instead ("我是她女儿 她没让我来"),
 * is kept so the role question is not asked again. A customer who skips the check and goes on to say who the
 * complaint is about ("the hotline agent I spoke to yesterday") is heard: that is the subject. Without a yes the
 * guess is dropped and the whole complaint is classified when it is filed.
 */
function readCategoryAnswer(text: string): Record<string, unknown> | null {
  const role = statedRole(text);
  const ok = isYes(text) ? true : isNo(text) ? false : undefined;
  if (ok !== undefined || role) return { categoryOk: ok, ...(role ? { role } : {}) };
  const s = text.trim();
  return s.length >= 6 && SUBJECT.test(s) && !isVenting(s) && !/[?？]|吗$/.test(s) ? { categoryOk: undefined, subject: s } : null;
}

function readCoolingChoice(text: string): 'surrender' | 'continue' | null {
  if (SURRENDER.test(text) || isYes(text)) return 'surrender';
  if (CONTINUE.test(text) || isNo(text)) return 'continue';
  return null;
}

/** The promise actors these states invoke. */
export function beforeActors(s: FlowServices) {
  const deps = { db: s.db, clock: s.clock, events: s.events, calendar: s.calendar };
  return {
    background: fromPromise(async () => {
      const id = s.customer!.id;
      const rows = await openComplaintsOf(s.db, id);
      const openRows: OpenComplaint[] = rows.map((r) => ({
        id: r.id,
        number: r.number,
        category: r.category,
        status: r.status,
        deadline: (r.decisionDeadline ?? r.acceptanceDeadline).toISOString(),
        deadlineKind: r.decisionDeadline ? 'decision' : 'acceptance',
      }));
      return { open: openRows, cooling: await policiesInCoolingOff(s.db, id, s.clock.now()) };
    }),
    supplement: fromPromise(async ({ input }: { input: { id: string; text: string } }) => {
      const earlier = await s.db.complaint.findUniqueOrThrow({ where: { id: input.id } });
      const files = await storeAttachments({ db: s.db, clock: s.clock, attachmentDir: s.config.ANXIN_ATTACHMENT_DIR }, 'complaints', s.messageId, s.inbound.attachments ?? []);
      const facts = [input.text, files.length ? t('zh', 'complaint:materialsSummary.count', { count: files.length }) : ''].filter(Boolean).join(' ');
      return mergeIntoComplaint(deps, earlier, {
        conversationId: s.conversation.id,
        identityId: s.identity.id,
        customerId: s.customer?.id,
        channel: s.conversation.channel,
        request: earlier.request,
        facts,
        materialsComplete: earlier.materialsComplete || files.length > 0,
      });
    }),
    surrender: fromPromise(async ({ input }: { input: { policy: CoolingOffPolicy; lang: Lang } }) =>
      createServiceRequest(s, {
        customer: s.customer!,
        policy: input.policy,
        conversationId: s.conversation.id,
        channel: s.conversation.channel,
        type: 'surrender',
        details: { reason: t(input.lang, 'complaint:cooling.reason') },
      }),
    ),
  };
}

/** States from `start` to `roleRoute` (see module comment). `mentionsSale` says whether the opening is a mis-sale. */
export function beforeStates(s: FlowServices, mentionsSale: (c: FlowContext) => boolean): Record<string, any> {
  return {
    start: { always: [{ guard: () => Boolean(s.customer), target: 'background' }, { target: 'categoryRoute' }] },
    background: {
      invoke: {
        src: 'background',
        onDone: { target: 'openRoute', actions: setSlots((_c, e: { output: { open: OpenComplaint[]; cooling: CoolingOffPolicy[] } }) => e.output) },
        // The background is a courtesy: the complaint is taken even when it cannot be read.
        onError: { target: 'categoryRoute' },
      },
    },
    openRoute: { always: [{ guard: ({ context }: Args) => open(context).length > 0, target: 'sameOrNew' }, { target: 'coolingRoute' }] },
    sameOrNew: patient(
      ask({
        prompt: (c) => ({
          key: 'complaint:open.ask',
          vars: {
            list: open(c)
              .map((o) => t(c.lang, 'complaint:open.item', { number: o.number, category: t(c.lang, `complaint:category.${o.category}`), status: t(c.lang, `complaint:statusName.${o.status}`), deadline: deadlineText(c.lang, o) }))
              .join('\n'),
          },
          choices: OPEN_CHOICES,
        }),
        hint: () => ({ key: 'complaint:open.hint', choices: OPEN_CHOICES }),
        parse: (e) => {
          const same = readSameOrNew(e.text);
          return same === null ? null : { sameMatter: same };
        },
        next: 'sameRoute',
      }),
      'sameOrNew',
      (e) => readSameOrNew(e.text) !== null,
      () => ({ key: 'complaint:open.hint', choices: OPEN_CHOICES }),
    ),
    sameRoute: { always: [{ guard: ({ context }: Args) => context.slots.sameMatter === true, target: 'supplementAsk' }, { target: 'coolingRoute' }] },
    supplementAsk: ask({
      prompt: (c) => {
        const o = open(c)[0];
        return { key: 'complaint:open.same', vars: { number: o.number, status: `complaint:statusName.${o.status}`, deadline: deadlineText(c.lang, o) }, choices: [{ key: 'complaint:choice.nothingMore' }] };
      },
      hint: () => ({ key: 'complaint:open.sameHint', choices: [{ key: 'complaint:choice.nothingMore' }] }),
      parse: (e) => {
        if (e.attachmentCount > 0) return { supplement: e.text.trim() };
        if (isNo(e.text) || /^(没有了?|没了|不用(补充)?了?|nothing( to add| more)?|no)[!！。.～~ ]*$/i.test(e.text.trim())) return { supplement: null };
        return e.text.trim().length >= 4 ? { supplement: e.text.trim() } : null;
      },
      next: 'supplementRoute',
      freeText: true,
    }),
    supplementRoute: {
      always: [
        { guard: ({ context }: Args) => context.slots.supplement === null, target: 'done', actions: [sayWith((c) => ({ key: 'complaint:open.kept', vars: { number: open(c)[0].number } })), assign({ outcome: 'completed' })] },
        { target: 'supplementFile' },
      ],
    },
    supplementFile: {
      invoke: {
        src: 'supplement',
        input: ({ context }: Args) => ({ id: open(context)[0].id, text: context.slots.supplement }),
        onDone: {
          target: 'done',
          actions: enqueueActions(({ context, event, enqueue }: any) => {
            const x = event.output.complaint;
            const lang = (context as FlowContext).lang;
            const vars = { number: x.number, acceptance: displayDate(lang, x.acceptanceDeadline), decision: displayDate(lang, x.decisionDeadline), supply: displayDate(lang, x.supplyDeadline), missing: t(lang, 'complaint:missing.materials') };
            enqueue.emit({ type: 'say', key: 'complaint:merged', vars });
            enqueue.emit({ type: 'say', key: x.materialsComplete ? 'complaint:mergedComplete' : 'complaint:mergedIncomplete', vars });
          }),
        },
      },
    },
    coolingRoute: { always: [{ guard: ({ context }: Args) => cooling(context).length > 0 && mentionsSale(context), target: 'coolingOffer' }, { target: 'categoryRoute' }] },
    coolingOffer: patient(
      ask({
        prompt: (c) => {
          const p = cooling(c)[0];
          return { key: 'complaint:cooling.offer', vars: { product: p.product, number: p.number, date: displayDate(c.lang, new Date(p.coolingOffEnd)) }, choices: COOLING_CHOICES };
        },
        hint: () => ({ key: 'complaint:cooling.hint', choices: COOLING_CHOICES }),
        parse: (e) => {
          const choice = readCoolingChoice(e.text);
          return choice ? { coolingChoice: choice } : null;
        },
        next: 'coolingDecide',
      }),
      'coolingOffer',
      (e) => readCoolingChoice(e.text) !== null,
      () => ({ key: 'complaint:cooling.hint', choices: COOLING_CHOICES }),
    ),
    coolingDecide: { always: [{ guard: ({ context }: Args) => context.slots.coolingChoice === 'surrender', target: 'surrender' }, { target: 'categoryRoute' }] },
    surrender: {
      invoke: {
        src: 'surrender',
        input: ({ context }: Args) => ({ policy: cooling(context)[0], lang: context.lang }),
        onDone: {
          target: 'continueAsk',
          actions: sayWith((c, e: { output: { request: { number: string } } }) => ({ key: 'complaint:cooling.created', vars: { number: e.output.request.number, date: displayDate(c.lang, new Date(cooling(c)[0].coolingOffEnd)) } })),
        },
      },
    },
    continueAsk: confirm({ prompt: () => ({ key: 'complaint:cooling.continue' }), slot: 'continueComplaint', next: 'continueDecide' }),
    continueDecide: {
      always: [
        { guard: ({ context }: Args) => context.slots.continueComplaint === false, target: 'done', actions: [say('complaint:cooling.onlySurrender'), assign({ outcome: 'completed' })] },
        { target: 'categoryRoute' },
      ],
    },
    categoryRoute: { always: [{ guard: ({ context }: Args) => Boolean(context.slots.category), target: 'categoryConfirm' }, { target: 'roleRoute' }] },
    categoryConfirm: patient(
      ask({
        prompt: (c) => ({ key: 'complaint:ask.category', vars: { category: `complaint:category.${c.slots.category}` }, choices: YES_NO }),
        hint: () => ({ key: 'dialog:hint.yesNo', choices: YES_NO }),
        parse: (e) => readCategoryAnswer(e.text),
        next: 'categoryDecide',
        yesNo: true,
      }),
      'categoryConfirm',
      (e) => readCategoryAnswer(e.text) !== null,
      () => ({ key: 'dialog:hint.yesNo', choices: YES_NO }),
    ),
    // A guess not confirmed is dropped: the keyword classifier then reads the whole complaint when it is filed.
    categoryDecide: { always: [{ target: 'roleRoute', actions: setSlots((c) => (c.slots.categoryOk === true ? {} : { category: undefined })) }] },
  };
}
