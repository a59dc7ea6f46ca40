import type { Customer } from '../../generated/sqlite/client.ts';
import type { Nlu } from '../nlu/types.ts';
import type { Responder, TurnContext } from '../turn.ts';
import { render, say } from './replies.ts';
import { emptyState, readState } from './state.ts';
import { Turn } from './turn-decision.ts';
import type { FlowDefinition, FlowExtras, FlowServices, SayEvent } from './types.ts';

export { menu, render } from './replies.ts';
export { CLARIFY_BELOW } from './turn-decision.ts';
export { SWITCH_AT } from './interrupts.ts';

export interface EngineOptions {
  nlu: Nlu;
  flows: Map<string, FlowDefinition>;
  extras?: FlowExtras;
}

/**
 * The conversational core as a Responder: understands the message, then either answers directly (greeting, opt-out,
 * handoff), continues the flow in progress, or starts the flow for the intent. Cancel, switching mid-flow (the old
 * flow is kept to resume), clarification when unsure, and expiry after silence are handled here for every flow.
 */
export function createDialogEngine(opts: EngineOptions): Responder {
  const { nlu, flows } = opts;
  const title = (flow: string) => flows.get(flow)?.titleKey ?? `dialog:intentName.${flow}`;

  return async (ctx: TurnContext) => {
    const now = ctx.clock.now();
    const text = ctx.inbound.text.trim();
    const understood = nlu.classify(text, { now });
    let state = readState(ctx.conversation.dialogState);
    const said: SayEvent[] = [];

    const timeoutMs = ctx.config.ANXIN_DIALOG_TIMEOUT_MINUTES * 60_000;
    const last = ctx.conversation.dialogUpdatedAt?.getTime();
    if (last !== undefined && now.getTime() - last > timeoutMs && (state.active || state.pending || state.suspended)) {
      if (state.active) said.push(say('dialog:expired', { flow: title(state.active.flow) }));
      state = emptyState();
    }

    const services: FlowServices = {
      ...ctx,
      ...opts.extras,
      nlu,
      customer: ctx.customer,
      setCustomer: async (c: Customer) => {
        await ctx.db.channelIdentity.update({ where: { id: ctx.identity.id }, data: { customerId: c.id, verifiedAt: ctx.clock.now(), verifyFailures: 0, verifyLockedUntil: null } });
        await ctx.db.conversation.update({ where: { id: ctx.conversation.id }, data: { customerId: c.id } });
        services.customer = c;
      },
    };

    const turn = new Turn(services, flows, title, understood, state, said);
    await turn.decide(text);

    return {
      replies: render(ctx.lang, said),
      nlu: { intent: understood.intent, confidence: understood.confidence, entities: understood.entities },
      dialog: { state: turn.state, updatedAt: now },
    };
  };
}
