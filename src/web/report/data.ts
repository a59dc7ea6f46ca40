import type { Db } from '../../db/client.ts';
import { addDays, shanghaiDate } from '../../domain/calendar/index.ts';

export interface ReportData {
  days: string[];
  inboundPerDay: number[];
  handoffsPerDay: number[];
  intents: Array<{ intent: string; count: number }>;
  openByQueue: Array<{ queue: string; count: number }>;
  jobRuns: Array<{ job: string; ok: number; failed: number }>;
  totals: { customers: number; conversations: number; openComplaints: number; claimsReported: number };
}

/**
 * Figures for the staff report over the last `days` days (Asia/Shanghai dates). Counts only — never personal data —
 * and compliance (whistleblowing) items are left out of the queue figures shown to general staff.
 */
export async function loadReportData(db: Db, now: Date, days = 14): Promise<ReportData> {
  const today = shanghaiDate(now);
  const dayList = Array.from({ length: days }, (_, i) => addDays(today, i - days + 1));
  const since = new Date(`${dayList[0]}T00:00:00+08:00`);
  const [inbound, handoffs, intents, open, runs, customers, conversations, openComplaints, claimsReported] = await Promise.all([
    db.message.findMany({ where: { direction: 'in', createdAt: { gte: since } }, select: { createdAt: true } }),
    db.escalation.findMany({ where: { createdAt: { gte: since }, queue: { not: 'compliance' } }, select: { createdAt: true } }),
    db.message.groupBy({ by: ['intent'], where: { direction: 'in', createdAt: { gte: since }, intent: { not: null } }, _count: { _all: true } }),
    db.escalation.groupBy({ by: ['queue'], where: { status: { in: ['open', 'taken'] }, queue: { not: 'compliance' } }, _count: { _all: true } }),
    db.jobRun.groupBy({ by: ['job', 'status'], where: { startedAt: { gte: since } }, _count: { _all: true } }),
    db.customer.count(),
    db.conversation.count(),
    db.complaint.count({ where: { status: { in: ['received', 'materials_requested', 'accepted'] } } }),
    db.claim.count({ where: { createdAt: { gte: since } } }),
  ]);
  const perDay = (rows: Array<{ createdAt: Date }>) => {
    const counts = new Map(dayList.map((d) => [d, 0]));
    for (const r of rows) {
      const d = shanghaiDate(r.createdAt);
      if (counts.has(d)) counts.set(d, counts.get(d)! + 1);
    }
    return dayList.map((d) => counts.get(d)!);
  };
  const jobs = new Map<string, { job: string; ok: number; failed: number }>();
  for (const r of runs) {
    const j = jobs.get(r.job) ?? { job: r.job, ok: 0, failed: 0 };
    if (r.status === 'failed') j.failed += r._count._all;
    else j.ok += r._count._all;
    jobs.set(r.job, j);
  }
  return {
    days: dayList,
    inboundPerDay: perDay(inbound),
    handoffsPerDay: perDay(handoffs),
    intents: intents.map((i) => ({ intent: i.intent ?? 'other', count: i._count._all })).sort((a, b) => b.count - a.count),
    openByQueue: open.map((o) => ({ queue: o.queue, count: o._count._all })),
    jobRuns: [...jobs.values()],
    totals: { customers, conversations, openComplaints, claimsReported },
  };
}
