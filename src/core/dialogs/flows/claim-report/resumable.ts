import type { AnyStateMachine } from 'xstate';

/**
 * Workaround, to remove once runner.ts persists the snapshot before stopping the actor: the stored snapshot then
 * has status `stopped`, and xstate restores it without running eventless (`always`) transitions or the next
 * state's entry actions — a flow would stall after its first answer. Restoring it as `active` is a no-op for a
 * snapshot persisted correctly.
 */
export function resumable<M extends AnyStateMachine>(machine: M): M {
  const restore = machine.restoreSnapshot.bind(machine);
  machine.restoreSnapshot = ((snapshot: { status?: string }, scope: unknown) =>
    restore((snapshot?.status === 'stopped' ? { ...snapshot, status: 'active' } : snapshot) as never, scope as never)) as M['restoreSnapshot'];
  return machine;
}
