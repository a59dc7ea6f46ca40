import { createActor, waitFor, type AnyStateMachine } from 'xstate';
import type { FlowEmitted, FlowEvent, FlowInput } from './types.ts';

export interface FlowRun {
  /** JSON snapshot to store, or undefined when the flow finished. */
  snapshot?: unknown;
  done: boolean;
  /** completed | handoff | ... when done. */
  outcome?: string;
  /** Whether the step now waiting is a free-text step. */
  freeText: boolean;
  /** Whether the step now waiting is a yes/no question. */
  yesNo: boolean;
  said: FlowEmitted[];
  /** The machine's context after the turn (slots, tries). */
  context: { slots: Record<string, unknown>; tries: number };
  /** Serialised state value after the turn, e.g. `"summary.asking"` (for telling whether an answer was refused). */
  stateValue: string;
}

const flatValue = (v: unknown): string =>
  typeof v === 'string' ? v : Object.entries(v as Record<string, unknown>).map(([k, sub]) => `${k}.${flatValue(sub)}`).join(',');

/** Longest a single turn may wait for a flow's database work. */
const TURN_TIMEOUT_MS = 15_000;

/**
 * Runs one turn of a flow: restore (or start) the machine, deliver the event, wait until it waits for the customer
 * again or finishes, and return what it said plus the snapshot to persist.
 */
export async function runFlow(
  machine: AnyStateMachine,
  opts: { snapshot?: unknown; input?: FlowInput; event?: FlowEvent; events?: FlowEvent[] },
): Promise<FlowRun> {
  const said: FlowEmitted[] = [];
  const actor = opts.snapshot
    ? createActor(machine, { snapshot: opts.snapshot as never })
    : createActor(machine, { input: opts.input });
  actor.on('say', (e: FlowEmitted) => said.push(e));
  let failure: unknown;
  actor.subscribe({ error: (err) => (failure = err) });
  actor.start();
  for (const e of opts.events ?? (opts.event ? [opts.event] : [])) actor.send(e);
  const state = await waitFor(actor, (s) => s.status !== 'active' || s.hasTag('waiting'), { timeout: TURN_TIMEOUT_MS });
  // Take the snapshot while the actor still runs: a snapshot taken after stop() has status `stopped`, and xstate
  // then skips eventless transitions and entry actions after the next event.
  const persisted = state.status === 'done' ? undefined : JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
  actor.stop();
  if (failure || state.status === 'error') throw failure ?? new Error('flow failed');
  const done = state.status === 'done';
  const meta = Object.values(state.getMeta() as Record<string, { freeText?: boolean; yesNo?: boolean }>);
  return {
    snapshot: persisted,
    done,
    outcome: done ? ((state.context as { outcome?: string }).outcome ?? 'completed') : undefined,
    freeText: meta.some((m) => m?.freeText),
    yesNo: meta.some((m) => m?.yesNo),
    said,
    context: state.context as FlowRun['context'],
    stateValue: flatValue(state.value),
  };
}
