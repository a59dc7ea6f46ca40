import type { Prisma } from '../generated/sqlite/client.ts';
import type { CoreDeps } from '../core/turn.ts';

/** Staff queues. Whistleblowing goes only to `compliance`, never to the general queues. */
export const QUEUES = ['claims', 'complaints', 'service', 'general', 'compliance'] as const;
export type Queue = (typeof QUEUES)[number];

export interface EscalationInput {
  conversationId: string;
  queue: Queue;
  /** The intent or reason (e.g. claim_report, human_agent, negative_sentiment). */
  intent: string;
  /** A short summary a person can act on. Personal data in it is masked when shown to staff. */
  summary: string;
  refType?: string;
  refId?: string;
  /** Deadlines to show on the card, as ISO strings keyed by name. */
  deadlines?: Record<string, string>;
}

/**
 * Raises a staff escalation: stored first, then announced on the event bus (the Slack adapter or the staff page
 * renders it). An open escalation for the same conversation and record is reused, never duplicated.
 */
export async function raiseEscalation(deps: Pick<CoreDeps, 'db' | 'events' | 'clock'>, input: EscalationInput) {
  const existing = await deps.db.escalation.findFirst({
    where: {
      conversationId: input.conversationId,
      status: { in: ['open', 'taken'] },
      queue: input.queue,
      refType: input.refType ?? null,
      refId: input.refId ?? null,
    },
  });
  if (existing) return existing;
  const row = await deps.db.escalation.create({
    data: {
      conversationId: input.conversationId,
      queue: input.queue,
      intent: input.intent,
      summary: input.summary,
      refType: input.refType,
      refId: input.refId,
      deadlines: input.deadlines as Prisma.InputJsonValue | undefined,
      createdAt: deps.clock.now(),
    },
  });
  deps.events.emit('escalation.created', { escalationId: row.id, conversationId: row.conversationId, queue: row.queue });
  return row;
}

/** Records a timeline row on the customer's single view. */
export async function recordInteraction(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  row: { customerId?: string | null; conversationId?: string; kind: string; channel?: string; summary: string; refType?: string; refId?: string },
) {
  return deps.db.interaction.create({
    data: { ...row, customerId: row.customerId ?? undefined, occurredAt: deps.clock.now() },
  });
}
