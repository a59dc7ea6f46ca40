import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { systemClock, type Clock } from '../core/clock.ts';
import { AdapterRegistry, createDelivery } from '../core/delivery.ts';
import { AnxinError } from '../core/errors.ts';
import { AnxinEvents } from '../core/events.ts';
import { createLogger } from '../core/logger.ts';
import type { Config } from '../config/schema.ts';
import type { Db } from '../db/client.ts';
import { createWorkCalendar } from '../domain/calendar/index.ts';
import { shanghaiDate } from '../domain/calendar/shanghai-time.ts';
import { completeMaterials, decideComplaint, extendComplaint } from '../domain/complaints/staff.ts';
import { OPEN_STATUSES, type ComplaintStaffDeps } from '../domain/complaints/types.ts';
import { maskName } from '../domain/pii.ts';
import { t, type Lang } from '../i18n/index.ts';
import { renderTable } from './customer.ts';
import { cliLang, fail, withDatabase } from './db.ts';
import { formatDeadlines } from './escalations.ts';

/**
 * Staff deps for the CLI. The customer's notice is stored as a pending outbound message: the running app's delivery
 * retry sends it through the customer's channel (this process has no channel connections).
 */
export function cliStaffDeps(db: Db, config: Config, clock: Clock, actor: string): ComplaintStaffDeps {
  const events = new AnxinEvents();
  const delivery = createDelivery({ db, clock, config, events, logger: createLogger('silent'), adapters: new AdapterRegistry() });
  const calendar = createWorkCalendar(existsSync(config.ANXIN_HOLIDAYS_DIR) ? { overridesDir: config.ANXIN_HOLIDAYS_DIR } : {});
  return { db, clock, events, calendar, send: (conversationId, channel, msg) => delivery.store(conversationId, channel, msg, `staff:${actor}`) };
}

/** Complaints as a table: number, status, category, masked complainant, dates, extensions. */
export async function renderComplaints(db: Db, lang: Lang, opts: { all: boolean; now: Date }): Promise<string> {
  const rows = await db.complaint.findMany({
    where: opts.all ? {} : { status: { in: [...OPEN_STATUSES] } },
    include: { extensions: true },
    orderBy: { receivedAt: 'asc' },
  });
  if (!rows.length) return t(lang, 'escalations:complaints.none');
  const L = (k: string) => t(lang, `escalations:complaints.head.${k}`);
  const head = ['number', 'status', 'category', 'complainant', 'received', 'deadlines', 'extensions'].map(L);
  const body = rows.map((c) => {
    const open = (OPEN_STATUSES as readonly string[]).includes(c.status);
    const deadlines: Record<string, string> = {};
    if (open && c.supplyDeadline && c.status === 'materials_requested') deadlines.supply = c.supplyDeadline.toISOString();
    if (open && c.status !== 'accepted') deadlines.acceptance = c.acceptanceDeadline.toISOString();
    if (open && c.decisionDeadline) deadlines.decision = c.decisionDeadline.toISOString();
    return [
      c.number,
      t(lang, `complaint:statusName.${c.status}`),
      t(lang, `complaint:category.${c.category}`),
      maskName(c.complainantName),
      shanghaiDate(c.receivedAt),
      formatDeadlines(lang, deadlines, opts.now),
      String(c.extensions.length),
    ];
  });
  return renderTable(head, body, 60, '');
}

async function staffAction(lang: Lang, fn: () => Promise<string>): Promise<void> {
  try {
    console.log(await fn());
  } catch (e) {
    if (e instanceof AnxinError) return fail(t(lang, 'escalations:complaints.error', { message: `${e.code}: ${e.message}` }));
    throw e;
  }
}

/** `anxin complaints list|extend|decide|complete`. `clock` is for tests. */
export function register(program: Command, clock: Clock = systemClock): void {
  const cmd = program.command('complaints').description('complaints (投诉): list, extend the decision deadline, record decisions');
  cmd
    .command('list')
    .description('open complaints with their deadlines (--all for every complaint)')
    .option('--all', 'include decided, closed and not accepted complaints')
    .option('--lang <lang>', 'zh or en')
    .action(async (o: { all?: boolean; lang?: string }) => {
      const lang = cliLang(o.lang);
      await withDatabase(async (db) => console.log(await renderComplaints(db, lang, { all: Boolean(o.all), now: clock.now() })));
    });
  cmd
    .command('extend <number>')
    .description('extend the decision deadline of a complex case (to 30 days; once more by 30 with --senior); the customer is told')
    .requiredOption('--reason <text>', 'why the case needs longer (recorded and told to the customer)')
    .requiredOption('--by <staff>', 'who approved the extension')
    .option('--senior', 'approved by a senior manager (needed for the second extension)')
    .option('--lang <lang>', 'zh or en')
    .action(async (number: string, o: { reason: string; by: string; senior?: boolean; lang?: string }) => {
      const lang = cliLang(o.lang);
      await withDatabase((db, config) =>
        staffAction(lang, async () => {
          const r = await extendComplaint(cliStaffDeps(db, config, clock, o.by), number, { reason: o.reason, approvedBy: o.by, seniorApproval: Boolean(o.senior) });
          const notified = t(lang, r.customerNotified ? 'escalations:complaints.notified' : 'escalations:complaints.notNotified');
          return t(lang, 'escalations:complaints.extended', { number: number.toUpperCase(), days: r.days, date: shanghaiDate(r.newDeadline), notified });
        }),
      );
    });
  cmd
    .command('decide <number>')
    .description('record the decision on a complaint; the customer is told and the staff card resolved')
    .requiredOption('--decision <text>', 'the decision, as the customer will read it')
    .requiredOption('--by <staff>', 'who decided')
    .option('--lang <lang>', 'zh or en')
    .action(async (number: string, o: { decision: string; by: string; lang?: string }) => {
      const lang = cliLang(o.lang);
      await withDatabase((db, config) =>
        staffAction(lang, async () => {
          const r = await decideComplaint(cliStaffDeps(db, config, clock, o.by), number, { decision: o.decision, by: o.by });
          return t(lang, 'escalations:complaints.decided', {
            number: number.toUpperCase(),
            late: r.late ? t(lang, 'escalations:complaints.late') : '',
            notified: t(lang, r.customerNotified ? 'escalations:complaints.notified' : 'escalations:complaints.notNotified'),
          });
        }),
      );
    });
  cmd
    .command('complete <number>')
    .description('the missing materials arrived: the 15-day decision period starts now; the customer is told')
    .requiredOption('--by <staff>', 'who received the materials')
    .option('--lang <lang>', 'zh or en')
    .action(async (number: string, o: { by: string; lang?: string }) => {
      const lang = cliLang(o.lang);
      await withDatabase((db, config) =>
        staffAction(lang, async () => {
          const r = await completeMaterials(cliStaffDeps(db, config, clock, o.by), number);
          return t(lang, 'escalations:complaints.completed', { number: number.toUpperCase(), date: shanghaiDate(r.decisionDeadline) });
        }),
      );
    });
}
