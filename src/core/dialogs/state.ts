import type { Intent } from '../nlu/types.ts';

/** A flow in progress: which flow, the machine version and its JSON snapshot. */
export interface FlowSlot {
  flow: string;
  version: number;
  snapshot: unknown;
  startedAt: string;
  freeText?: boolean;
  /** The step waiting is a yes/no question. */
  yesNo?: boolean;
}

/** What is stored in Conversation.dialogState. Plain JSON so a restart resumes at the same step. */
export interface DialogState {
  v: 1;
  active?: FlowSlot;
  /** An unfinished flow put aside when the customer switched; offered again when the new one ends. */
  suspended?: FlowSlot;
  /** A question the engine itself asked and is waiting for. */
  pending?: { kind: 'switch'; intent: Intent; text: string } | { kind: 'resume' } | { kind: 'human' } | { kind: 'unsubscribe' };
  /** Unclear turns in a row (two → offer a human). */
  unclear: number;
  /** Venting turns in a row mid-flow (the second one offers a person instead of asking again). */
  vented?: number;
  /**
   * Buttons a finished flow offered last turn (e.g. suggested questions): pressing one goes back to that flow rather
   * than through intent routing, so a suggested "撞车了怎么报案？" is answered as a question, not read as a claim.
   */
  offered?: { flow: string; values: string[] };
}

export const emptyState = (): DialogState => ({ v: 1, unclear: 0 });

/** Reads a stored state defensively: anything unrecognised starts fresh. */
export function readState(raw: unknown): DialogState {
  if (raw && typeof raw === 'object' && (raw as DialogState).v === 1) return { ...emptyState(), ...(raw as DialogState) };
  return emptyState();
}
