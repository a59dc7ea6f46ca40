import { Prisma, type StaffTask } from '../../generated/sqlite/client.ts';
import type { CoreDeps } from '../../core/turn.ts';

/** Kinds of work Anxin files for staff (StaffTask.kind). */
export type StaffTaskKind =
  | 'call_customer'
  | 'mis_selling'
  | 'low_satisfaction'
  | 'reassign_policy'
  | 'deadline_warning'
  | 'deadline_breach'
  | 'calendar_missing';

export interface StaffTaskInput {
  /** Idempotency key: filing the same key twice returns the first task (re-runs never duplicate work). */
  key: string;
  kind: StaffTaskKind;
  title: string;
  detail?: string;
  customerId?: string | null;
  refType?: string;
  refId?: string;
  /** Who should act: a queue (`complaints`, `compliance`), a branch (`branch:<name>`), an agent (`agent:<code>`). */
  owner?: string;
  dueAt?: Date;
}

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';

/**
 * Files a staff task once per key. Returns the task and whether this call created it (callers announce only
 * new tasks, so a daily re-run does not repeat the alert).
 */
export async function fileStaffTask(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: StaffTaskInput,
): Promise<{ task: StaffTask; created: boolean }> {
  const existing = await deps.db.staffTask.findUnique({ where: { key: input.key } });
  if (existing) return { task: existing, created: false };
  try {
    const task = await deps.db.staffTask.create({
      data: { ...input, customerId: input.customerId ?? undefined, createdAt: deps.clock.now() },
    });
    return { task, created: true };
  } catch (e) {
    // Two runs raced past the lookup: the unique key decides, the loser returns the winner's task.
    if (!isUniqueViolation(e)) throw e;
    return { task: await deps.db.staffTask.findUniqueOrThrow({ where: { key: input.key } }), created: false };
  }
}

/** Whether a task with this key exists already (dry runs count what they would file). */
export async function staffTaskExists(deps: Pick<CoreDeps, 'db'>, key: string): Promise<boolean> {
  return (await deps.db.staffTask.count({ where: { key } })) > 0;
}
