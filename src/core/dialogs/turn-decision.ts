/** One turn's decision of the dialog engine (see engine.ts): pending questions, the flow in progress, routing. */
import type { Queue } from '../../domain/escalations.ts';
import { t } from '../../i18n/index.ts';
import { isQuestionForm, isSupervisorRequest } from '../nlu/acts/index.ts';
import { isResubscribe } from '../nlu/resubscribe.ts';
import type { NluResult } from '../nlu/types.ts';
import { answerAside, kbKnows } from './aside.ts';
import { genericCorrections, genericSlotName } from './corrections.ts';
import { handOff } from './handoff.ts';
import { interruptAfterRefusal, interruptBefore, type Interruption, type TurnFacts } from './interrupts.ts';
import { isCancel, isNo, isYes } from './kit.ts';
import { menu, say, yesNo } from './replies.ts';
import { asksSomething, plainUnsubscribe, substantive } from './route-words.ts';
import { runFlow, type FlowRun } from './runner.ts';
import type { DialogState, FlowSlot } from './state.ts';
import { optIn, optOut } from './subscription.ts';
import type { FlowContext, FlowDefinition, FlowEvent, FlowServices, SayEvent } from './types.ts';

/** Below this the engine asks the customer to choose instead of guessing. */
export const CLARIFY_BELOW = 0.6;

const QUEUE_OF: Record<string, Queue> = {
  claim_report: 'claims',
  claim_status: 'claims',
  complaint: 'complaints',
  complaint_status: 'complaints',
  policy_service: 'service',
  whistleblow: 'compliance',
};

const CLARIFY_INTENTS = ['inquiry', 'claim_report', 'claim_status', 'complaint', 'complaint_status', 'policy_service', 'whistleblow', 'human_agent'];

/** One engine decision; a class because it threads the turn's mutable state through small steps. */
export class Turn {
  private ventedBefore = 0;

  constructor(
    private readonly s: FlowServices,
    private readonly flows: Map<string, FlowDefinition>,
    private readonly title: (flow: string) => string,
    private readonly nlu: NluResult,
    public state: DialogState,
    private readonly said: SayEvent[],
  ) {}

  async decide(text: string): Promise<void> {
    const kind = this.s.inbound.kind;
    if (!text && (kind === 'voice' || kind === 'video' || kind === 'file')) return void this.said.push(say('dialog:pleaseType'));
    if (!text && kind === 'image' && !this.state.active) return void this.said.push(say('dialog:photoNoContext'), menu());
    if (isResubscribe(text)) return void this.said.push(...(await optIn(this.s)));

    const offered = this.state.offered;
    this.state.offered = undefined;
    this.ventedBefore = this.state.vented ?? 0;
    this.state.vented = undefined;
    if (isCancel(text, { yesNo: Boolean(this.state.pending || this.state.active?.yesNo) }) && !this.state.active) return this.cancel();
    if (this.state.pending && (await this.answerPending(text))) return;
    if (this.state.active) return this.continueActive(text);
    if (offered?.values.includes(text) && this.flows.has(offered.flow)) return this.start(offered.flow, text);
    return this.route(text);
  }

  private async cancel(): Promise<void> {
    if (!this.state.active) {
      this.state.pending = undefined;
      this.said.push(say('dialog:nothingToCancel'), menu());
      return;
    }
    this.said.push(say('dialog:cancelled', { flow: this.title(this.state.active.flow) }));
    this.state.active = undefined;
    this.state.pending = undefined;
    this.offerResume();
  }

  /** Returns true when the message was the answer to the engine's own question. */
  private async answerPending(text: string): Promise<boolean> {
    const pending = this.state.pending!;
    this.state.pending = undefined;
    if (pending.kind === 'switch') {
      if (isYes(text)) {
        this.state.suspended = this.state.active;
        this.state.active = undefined;
        await this.start(pending.intent, pending.text);
        return true;
      }
      if (isNo(text) && this.state.active) {
        await this.step(this.state.active, { type: 'REPEAT' });
        return true;
      }
      return false;
    }
    if (pending.kind === 'unsubscribe') {
      if (isYes(text)) {
        this.said.push(...(await optOut(this.s)));
        return true;
      }
      if (isNo(text)) {
        this.said.push(say('dialog:unsubscribeKept'));
        return true;
      }
      return false;
    }
    if (pending.kind === 'resume') {
      if (isYes(text) && this.state.suspended) {
        this.state.active = this.state.suspended;
        this.state.suspended = undefined;
        await this.step(this.state.active, { type: 'REPEAT' });
        return true;
      }
      if (isNo(text)) {
        this.state.suspended = undefined;
        this.said.push(say('dialog:resumeDropped'));
        return true;
      }
      return false;
    }
    if (isYes(text) || this.nlu.intent === 'human_agent') {
      const active = this.state.active;
      if (active) {
        this.state.suspended = active;
        this.state.active = undefined;
      }
      await this.handoff('human_agent', active ? QUEUE_OF[active.flow] : undefined);
      return true;
    }
    if (this.state.active && (isNo(text) || /再试|试试|try again/i.test(text))) {
      await this.step(this.state.active, { type: 'REPEAT' });
      return true;
    }
    if (isNo(text)) {
      this.state.unclear = 0;
      this.said.push(menu());
      return true;
    }
    return false;
  }

  /**
   * A message while a flow waits: interruptions first (see interrupts.ts), then the step's own answer. A strict
   * step gets the message first; a refused answer is then examined as an interruption before the refusal is kept.
   */
  private async continueActive(text: string): Promise<void> {
    const active = this.state.active!;
    const def = this.flows.get(active.flow);
    const answer = { type: 'ANSWER' as const, text, nlu: this.nlu, attachmentCount: this.s.inbound.attachments?.length ?? 0 };
    const priorContext = (active.snapshot as { context?: FlowContext } | undefined)?.context;
    const facts: TurnFacts = {
      text,
      nlu: this.nlu,
      flow: active.flow,
      flows: new Set(this.flows.keys()),
      freeText: Boolean(active.freeText),
      yesNo: Boolean(active.yesNo),
      corrections: () => (priorContext && text ? (def?.correct?.(answer, priorContext, this.s) ?? genericCorrections(answer, priorContext)) : null),
      kbKnows: (q) => kbKnows(this.s, q),
    };
    const before = text ? interruptBefore(facts) : null;
    if (before) return this.interrupt(before, active, text);
    if (active.freeText || !def || def.version !== active.version) return this.step(active, answer);

    let trial: FlowRun;
    try {
      trial = await runFlow(def.create(this.s), { snapshot: active.snapshot, event: answer });
    } catch {
      return this.step(active, answer);
    }
    const priorTries = priorContext?.tries ?? 0;
    const refused = !trial.done && (trial.context.tries > priorTries || (/offerHuman/.test(trial.stateValue) && !/offerHuman/.test(JSON.stringify((active.snapshot as { value?: unknown })?.value ?? ''))));
    const after = refused && text ? interruptAfterRefusal(facts) : null;
    if (after) return this.interrupt(after, active, text);
    await this.after(def, trial, active.startedAt);
  }

  private async interrupt(what: Interruption, active: FlowSlot, text: string): Promise<void> {
    switch (what.kind) {
      case 'cancel':
        return this.cancel();
      case 'human':
        this.state.suspended = active;
        this.state.active = undefined;
        return this.handoff(what.supervisor ? 'supervisor_request' : 'human_agent', QUEUE_OF[active.flow], what.supervisor);
      case 'switch':
        this.state.pending = { kind: 'switch', intent: what.intent, text };
        this.said.push(say('dialog:switchOffer', { current: this.title(active.flow), next: this.title(what.intent) }, yesNo));
        return;
      case 'question':
        this.said.push(...(await answerAside(this.s, this.flows.get('inquiry'), text, this.nlu, this.topicOf(active))));
        this.said.push(say('dialog:aside.back', { flow: this.title(active.flow) }));
        return this.step(active, { type: 'REPEAT' });
      case 'correct': {
        const def = this.flows.get(active.flow);
        const names = Object.entries(what.slots)
          .map(([k, v]) => def?.slotNames?.[k] ?? genericSlotName(v))
          .filter((k, i, all): k is string => Boolean(k) && all.indexOf(k) === i);
        this.said.push(say(names.length ? 'dialog:corrected' : 'dialog:correctedGeneric', { fields: names.map((k) => this.tr(k)).join('、') }));
        return this.step(active, [{ type: 'CORRECT', slots: what.slots }, { type: 'REPEAT' }]);
      }
      case 'vent':
        this.state.vented = this.ventedBefore + 1;
        // Asking the same question again to someone who keeps venting only makes it worse: offer a person instead.
        if (this.state.vented >= 2) {
          this.state.pending = { kind: 'human' };
          this.said.push(say('dialog:empathyOfferHuman', undefined, [{ key: 'dialog:choice.human' }, { key: 'dialog:choice.tryAgain' }]));
          return;
        }
        this.said.push(say('dialog:empathy', undefined, [{ key: 'dialog:choice.human' }]));
        return this.step(active, { type: 'REPEAT' });
    }
  }

  /** What a side question is probably about: the policy line of the flow ("车险"), else the flow ("投诉"). */
  private topicOf(active: FlowSlot): string {
    const line = ((active.snapshot as { context?: FlowContext })?.context?.slots?.policy as { line?: string } | undefined)?.line;
    if (!line) return this.tr(this.title(active.flow));
    const name = this.tr(`claim:line.${line}`);
    // "Accident" alone does not name a line in English; "accident insurance" does (意外险 already does).
    return this.s.lang === 'en' && !/insurance/i.test(name) ? `${name} insurance` : name;
  }

  private tr(key: string): string {
    return t(this.s.lang, key);
  }

  private async route(text: string): Promise<void> {
    const { intent, confidence, alternatives, sentiment } = this.nlu;
    if (isSupervisorRequest(text) || this.nlu.supervisor) {
      if (sentiment === 'negative') this.said.push(say('dialog:empathyShort'));
      return this.handoff('supervisor_request', undefined, true);
    }
    // A question we were unsure how to route, or one outside what Anxin does ("帮我订张机票", "今天股市怎么样"), goes to
    // the inquiry flow: it answers from the knowledge base when it can, and otherwise says honestly that it cannot,
    // offers a person and records the question for staff to add.
    if (this.flows.has('inquiry') && ((intent === 'other' && substantive(text) && (isQuestionForm(text) || asksSomething(text))) || (confidence < CLARIFY_BELOW && isQuestionForm(text) && kbKnows(this.s, text)))) {
      this.state.unclear = 0;
      return this.start('inquiry', text);
    }
    const unclear = confidence < CLARIFY_BELOW || intent === 'other';
    if (unclear) {
      this.state.unclear += 1;
      if (this.state.unclear >= 2 || sentiment === 'negative') {
        this.state.pending = { kind: 'human' };
        this.said.push(say(sentiment === 'negative' ? 'dialog:empathyOfferHuman' : 'dialog:unclearOfferHuman', undefined, [{ key: 'dialog:choice.human' }, { key: 'dialog:choice.menu' }]));
        return;
      }
      const options = [{ intent, confidence }, ...alternatives].map((a) => a.intent).filter((i, k, all) => CLARIFY_INTENTS.includes(i) && all.indexOf(i) === k).slice(0, 3);
      if (intent === 'other' && confidence >= CLARIFY_BELOW) this.said.push(say('dialog:other'), menu());
      else if (options.length) this.said.push(say('dialog:clarify', undefined, options.map((i) => ({ key: `dialog:intentPhrase.${i}` }))));
      else this.said.push(say('dialog:notUnderstood'), menu());
      return;
    }
    this.state.unclear = 0;
    if (intent === 'greeting') return void this.said.push(say(this.greetingKey(text)), menu());
    if (intent === 'human_agent') {
      if (sentiment === 'negative') this.said.push(say('dialog:empathyShort'));
      return this.handoff('human_agent');
    }
    if (intent === 'unsubscribe') {
      // Opting out on a guess is not acceptable: anything short of a plain "退订"/"unsubscribe" is confirmed first.
      if (confidence >= 0.9 && plainUnsubscribe(text)) return void this.said.push(...(await optOut(this.s)));
      this.state.pending = { kind: 'unsubscribe' };
      return void this.said.push(say('dialog:unsubscribeConfirm', undefined, yesNo));
    }
    if (!this.flows.has(intent)) return void this.said.push(say('dialog:notUnderstood'), menu());
    // "受益人怎么改啊 要本人去柜台吗" asks how a 保全 operation works: answer it first (no identity check needed for the
    // rules) and offer to do it, rather than opening the request and asking for identity before any answer.
    if (intent === 'policy_service' && this.flows.has('inquiry') && isQuestionForm(text) && kbKnows(this.s, text)) {
      await this.start('inquiry', text);
      this.said.push(say('dialog:offerFlow', { flow: this.title(intent) }, [{ key: `dialog:intentPhrase.${intent}` }]));
      return;
    }
    // An upset customer hears that first, with a person one tap away; the flow then starts helping at once.
    if (sentiment === 'negative') this.said.push(say('dialog:empathy', undefined, [{ key: 'dialog:choice.human' }]));
    await this.start(intent, text);
  }

  private greetingKey(text: string): string {
    if (/谢|thank|thx|多谢|感谢/i.test(text)) return 'dialog:greeting.thanks';
    if (/再见|拜拜|bye|see you|88/i.test(text)) return 'dialog:greeting.bye';
    return 'dialog:greeting.hello';
  }

  private async start(intent: string, text: string): Promise<void> {
    const def = this.flows.get(intent);
    if (!def) return void this.said.push(say('dialog:notUnderstood'), menu());
    const run = await runFlow(def.create(this.s), { input: { lang: this.s.lang, text, entities: this.nlu.entities } });
    await this.after(def, run, this.s.clock.now().toISOString());
  }

  private async step(slot: FlowSlot, event: FlowEvent | FlowEvent[]): Promise<void> {
    const def = this.flows.get(slot.flow);
    if (!def || def.version !== slot.version) {
      this.state.active = undefined;
      this.said.push(say('dialog:flowReset', { flow: this.title(slot.flow) }), menu());
      return;
    }
    let run: FlowRun;
    try {
      run = await runFlow(def.create(this.s), { snapshot: slot.snapshot, events: Array.isArray(event) ? event : [event] });
    } catch (err) {
      this.s.logger.error({ err, conversationId: this.s.conversation.id, flow: slot.flow }, 'flow step failed');
      this.state.active = undefined;
      this.said.push(say('dialog:flowError', { flow: this.title(slot.flow) }), menu());
      return;
    }
    await this.after(def, run, slot.startedAt);
  }

  private async after(def: FlowDefinition, run: FlowRun, startedAt: string): Promise<void> {
    this.said.push(...run.said);
    if (!run.done) {
      this.state.active = { flow: def.id, version: def.version, snapshot: run.snapshot, startedAt, freeText: run.freeText, yesNo: run.yesNo };
      return;
    }
    this.state.active = undefined;
    if (run.outcome === 'handoff') return this.handoff(`${def.id}:needs_person`, QUEUE_OF[def.id]);
    const values = run.said.flatMap((m) => (m.choices ?? []).map((c) => c.value).filter((v): v is string => Boolean(v)));
    if (values.length) this.state.offered = { flow: def.id, values };
    this.offerResume();
  }

  private offerResume(): void {
    if (!this.state.suspended) return;
    this.state.pending = { kind: 'resume' };
    this.said.push(say('dialog:resumeOffer', { flow: this.title(this.state.suspended.flow) }, yesNo));
  }

  private async handoff(reason: string, queue?: Queue, supervisor = false): Promise<void> {
    this.state.pending = undefined;
    this.state.unclear = 0;
    if (supervisor) this.said.push(say('dialog:supervisor'));
    this.said.push(...(await handOff(this.s, { reason, queue })));
  }
}
