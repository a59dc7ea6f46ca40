import type { Command } from 'commander';
import { loadConfig } from '../config/load.ts';
import { loadKnowledgeBase } from '../domain/kb/index.ts';
import { listUnanswered, UNANSWERED_STATUSES, type UnansweredStatus } from '../domain/kb/unanswered.ts';
import type { Db } from '../db/client.ts';
import { renderTable } from './customer.ts';
import { fail, withDatabase } from './db.ts';

/** Recorded unanswered questions as a table, most-asked first (text is stored masked). */
export async function renderUnanswered(db: Db, opts: { status?: UnansweredStatus; limit?: number } = {}): Promise<string> {
  const rows = await listUnanswered(db, opts);
  if (!rows.length) return 'no unanswered questions';
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return renderTable(
    ['count', 'lang', 'status', 'last asked', 'first asked', 'near', 'question'],
    rows.map((r) => [String(r.count), r.lang, r.status, day(r.lastAskedAt), day(r.firstAskedAt), r.hadSuggestions ? (r.topEntryId ?? 'yes') : '-', r.sampleText]),
    60,
  );
}

/**
 * `anxin kb check` validates the knowledge-base files staff edit; `anxin kb ask` tries a question;
 * `anxin kb unanswered` lists what customers asked that the knowledge base could not answer, for staff to add.
 */
export function register(program: Command): void {
  const kb = program.command('kb').description('knowledge base files (kb/)');
  kb.command('check')
    .description('validate every knowledge-base file and print entry counts')
    .action(async () => {
      const config = loadConfig();
      const base = await loadKnowledgeBase(config.ANXIN_KB_DIR);
      const bySource = new Map<string, number>();
      for (const e of base.entries) bySource.set(e.source, (bySource.get(e.source) ?? 0) + 1);
      for (const [source, n] of bySource) console.log(`${source.padEnd(24)} ${n}`);
      console.log(`ok: ${base.entries.length} entries`);
    });
  kb.command('ask <question>')
    .option('--lang <lang>', 'zh or en', 'zh')
    .description('show what the bot would answer')
    .action(async (question: string, opts: { lang: string }) => {
      const config = loadConfig();
      const base = await loadKnowledgeBase(config.ANXIN_KB_DIR);
      const a = base.answer(question, opts.lang === 'en' ? 'en' : 'zh');
      console.log(JSON.stringify(a ? { id: a.entry.id, confident: a.confident, score: a.score, answer: a.answer, suggestions: a.suggestions } : null, null, 2));
    });
  kb.command('unanswered')
    .description('questions the knowledge base could not answer, most-asked first ("near": a close entry was suggested)')
    .option('--status <status>', `only this status (${UNANSWERED_STATUSES.join(', ')})`)
    .option('--limit <n>', 'at most this many rows', '100')
    .action(async (opts: { status?: string; limit: string }) => {
      if (opts.status && !(UNANSWERED_STATUSES as readonly string[]).includes(opts.status)) {
        return fail(`--status must be one of ${UNANSWERED_STATUSES.join(', ')}`);
      }
      const limit = Math.max(1, Number.parseInt(opts.limit, 10) || 100);
      await withDatabase(async (db) => console.log(await renderUnanswered(db, { status: opts.status as UnansweredStatus | undefined, limit })));
    });
}
