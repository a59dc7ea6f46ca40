import type { Db } from '../../db/client.ts';
import { fromShanghai, shanghaiDate } from '../../domain/calendar/shanghai-time.ts';
import { maskName } from '../../domain/pii.ts';
import { escalationRef, isConfidentialQueue, maskForQueue, type DeadlineView } from './escalation-view.ts';

/** Read-side queries for staff: the open queue and today's figures (the staff page, `/anxin queue`, `/anxin stats`). */

/** One open escalation in a list, masked. */
export interface QueueItem {
  id: string;
  ref: string;
  queue: string;
  intent: string;
  status: string;
  /** First line of the masked summary. */
  headline: string;
  /** Masked customer name; null for confidential items or unknown customers. */
  customer: string | null;
  channel: string | null;
  createdAt: string;
  ageMs: number;
  takenBy: string | null;
  deadlines: DeadlineView[];
  /** What staff must watch: the first missed deadline, else the earliest coming one. */
  nextDeadline: DeadlineView | null;
}

/** Open and taken escalations, oldest first. `queues` limits the list (compliance is only listed when named). */
export async function listOpenEscalations(db: Db, now: Date, opts: { queues?: string[] } = {}): Promise<QueueItem[]> {
  const rows = await db.escalation.findMany({
    where: { status: { in: ['open', 'taken'] }, ...(opts.queues ? { queue: { in: opts.queues } } : {}) },
    include: { conversation: { include: { customer: true, identity: { include: { customer: true } } } } },
    orderBy: { createdAt: 'asc' },
    take: 500,
  });
  return rows.map((e) => {
    const confidential = isConfidentialQueue(e.queue);
    const person = e.conversation.customer ?? e.conversation.identity.customer;
    const deadlines = Object.entries((e.deadlines ?? {}) as Record<string, string>)
      .filter(([, at]) => typeof at === 'string')
      .map(([name, at]) => ({ name, at, overdue: new Date(at) < now }))
      .sort((a, b) => a.at.localeCompare(b.at));
    const name = person?.name ?? e.conversation.identity.displayName;
    return {
      id: e.id,
      ref: escalationRef(e.id),
      queue: e.queue,
      intent: e.intent,
      status: e.status,
      headline: maskForQueue(e.queue, e.summary.split('\n').find((l) => l.trim()) ?? '').slice(0, 120),
      customer: confidential || !name ? null : maskName(name),
      channel: confidential ? null : e.conversation.channel,
      createdAt: e.createdAt.toISOString(),
      ageMs: now.getTime() - e.createdAt.getTime(),
      takenBy: e.takenBy,
      deadlines,
      nextDeadline: deadlines.find((d) => d.overdue) ?? deadlines[0] ?? null,
    };
  });
}

/** Today's figures (Shanghai day). */
export interface TodayStats {
  date: string;
  /** Conversations with at least one customer message today. */
  conversations: number;
  inboundMessages: number;
  /** Recognised intents of today's customer messages, most frequent first. */
  intents: Array<{ intent: string; count: number }>;
  /** Escalations raised today, per queue. */
  handoffs: number;
  handoffsByQueue: Record<string, number>;
  openEscalations: number;
  openComplaints: number;
  /** Open complaints whose current deadline passes within two days (or has passed). */
  complaintsDueSoon: number;
  complaintsOverdue: number;
}

const OPEN_COMPLAINT = ['received', 'materials_requested', 'accepted'];

export async function todayStats(db: Db, now: Date): Promise<TodayStats> {
  const date = shanghaiDate(now);
  const start = fromShanghai(date);
  const end = new Date(start.getTime() + 86_400_000);
  const today = { gte: start, lt: end };
  const [convs, inbound, intents, handoffs, openEscalations, complaints] = await Promise.all([
    db.message.groupBy({ by: ['conversationId'], where: { direction: 'in', createdAt: today } }),
    db.message.count({ where: { direction: 'in', createdAt: today } }),
    db.message.groupBy({ by: ['intent'], where: { direction: 'in', createdAt: today, intent: { not: null } }, _count: { _all: true } }),
    db.escalation.groupBy({ by: ['queue'], where: { createdAt: today }, _count: { _all: true } }),
    db.escalation.count({ where: { status: { in: ['open', 'taken'] } } }),
    db.complaint.findMany({ where: { status: { in: OPEN_COMPLAINT } }, select: { status: true, acceptanceDeadline: true, decisionDeadline: true, supplyDeadline: true } }),
  ]);
  const soon = now.getTime() + 2 * 86_400_000;
  let dueSoon = 0;
  let overdue = 0;
  for (const c of complaints) {
    const due = c.status === 'accepted' ? c.decisionDeadline : c.status === 'materials_requested' ? (c.supplyDeadline ?? c.acceptanceDeadline) : c.acceptanceDeadline;
    if (!due) continue;
    if (due.getTime() < now.getTime()) overdue++;
    else if (due.getTime() <= soon) dueSoon++;
  }
  return {
    date,
    conversations: convs.length,
    inboundMessages: inbound,
    intents: intents.map((r) => ({ intent: r.intent ?? 'other', count: r._count._all })).sort((a, b) => b.count - a.count),
    handoffs: handoffs.reduce((n, r) => n + r._count._all, 0),
    handoffsByQueue: Object.fromEntries(handoffs.map((r) => [r.queue, r._count._all])),
    openEscalations,
    openComplaints: complaints.length,
    complaintsDueSoon: dueSoon,
    complaintsOverdue: overdue,
  };
}
