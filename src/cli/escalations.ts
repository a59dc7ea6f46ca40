import type { Command } from 'commander';
import { systemClock, type Clock } from '../core/clock.ts';
import type { Db } from '../db/client.ts';
import { shanghaiDate } from '../domain/calendar/shanghai-time.ts';
import { QUEUES, type Queue } from '../domain/escalations.ts';
import { maskText } from '../domain/pii.ts';
import { t, type Lang } from '../i18n/index.ts';
import { renderTable } from './customer.ts';
import { terminalSafeJson } from './terminal-text.ts';
import { cliLang, fail, withDatabase } from './db.ts';

/** One open escalation as staff may see it in a terminal: personal data masked. */
export interface EscalationLine {
  id: string;
  queue: string;
  status: string;
  intent: string;
  createdAt: string;
  ageMinutes: number;
  age: string;
  summary: string;
  deadlines: Record<string, string>;
  refType: string | null;
  refId: string | null;
  /** For the transcript; left out for compliance items, whose reporter must stay unlinked. */
  conversationId?: string;
}

/** "2d 3h", "4h 05m", "12m". */
export function formatAge(minutes: number): string {
  const m = Math.max(0, Math.floor(minutes));
  if (m >= 1440) return `${Math.floor(m / 1440)}d ${Math.floor((m % 1440) / 60)}h`;
  if (m >= 60) return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
  return `${m}m`;
}

/**
 * Open and taken escalations, oldest first. Without a queue the compliance queue is left out: misconduct reports
 * are for compliance only and are listed only when asked for by name.
 */
export async function listOpenEscalations(db: Db, opts: { queue?: Queue; now: Date }): Promise<EscalationLine[]> {
  const rows = await db.escalation.findMany({
    where: { status: { in: ['open', 'taken'] }, queue: opts.queue ?? { not: 'compliance' } },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((r) => {
    const ageMinutes = Math.floor((opts.now.getTime() - r.createdAt.getTime()) / 60_000);
    const line: EscalationLine = {
      id: r.id,
      queue: r.queue,
      status: r.status,
      intent: r.intent,
      createdAt: r.createdAt.toISOString(),
      ageMinutes,
      age: formatAge(ageMinutes),
      // Cards are stored masked; masking again guards against a summary written by older code.
      summary: maskText(r.summary),
      deadlines: (r.deadlines as Record<string, string> | null) ?? {},
      refType: r.refType,
      refId: r.refId,
    };
    if (r.queue !== 'compliance') line.conversationId = r.conversationId;
    return line;
  });
}

/** Deadlines as "受理 2026-10-16, 决定 2026-10-13 已逾期". */
export function formatDeadlines(lang: Lang, deadlines: Record<string, string>, now: Date): string {
  return Object.entries(deadlines)
    .map(([name, iso]) => {
      const at = new Date(iso);
      const label = t(lang, `escalations:deadline.${name}`);
      return `${label.startsWith('escalations:') ? name : label} ${shanghaiDate(at)}${at < now ? ` ${t(lang, 'escalations:deadline.overdue')}` : ''}`;
    })
    .join(', ');
}

/** The table printed by `anxin escalations`. */
export function renderEscalations(lang: Lang, lines: EscalationLine[], opts: { queue?: Queue; now: Date }): string {
  if (!lines.length) return opts.queue ? t(lang, 'escalations:noneInQueue', { queue: opts.queue }) : t(lang, 'escalations:none');
  const head = ['queue', 'status', 'age', 'intent', 'summary', 'deadlines'].map((k) => t(lang, `escalations:head.${k}`));
  const rows = lines.map((l) => [l.queue, l.status, l.age, l.intent, l.summary.replace(/\s*\n\s*/g, ' | '), formatDeadlines(lang, l.deadlines, opts.now)]);
  return [renderTable(head, rows, 60, ''), '', t(lang, 'escalations:count', { count: lines.length })].join('\n');
}

/** `anxin escalations [--queue q] [--json]`. `clock` is for tests. */
export function register(program: Command, clock: Clock = systemClock): void {
  program
    .command('escalations')
    .description('list open staff escalations (masked); the compliance queue only with --queue compliance')
    .option('--queue <queue>', `one of ${QUEUES.join(', ')}`)
    .option('--json', 'print JSON')
    .option('--lang <lang>', 'zh or en')
    .action(async (o: { queue?: string; json?: boolean; lang?: string }) => {
      const lang = cliLang(o.lang);
      if (o.queue && !QUEUES.includes(o.queue as Queue)) return fail(t(lang, 'escalations:badQueue', { queue: o.queue, queues: QUEUES.join(', ') }));
      const queue = o.queue as Queue | undefined;
      await withDatabase(async (db) => {
        const now = clock.now();
        const lines = await listOpenEscalations(db, { queue, now });
        if (o.json) return void console.log(terminalSafeJson(JSON.stringify(lines, null, 2)));
        console.log(renderEscalations(lang, lines, { queue, now }));
        if (!queue) console.log(t(lang, 'escalations:complianceHidden'));
      });
    });
}
