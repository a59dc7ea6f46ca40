import type { Command } from 'commander';
import { loadConfig } from '../config/load.ts';
import { loadKnowledgeBase } from '../domain/kb/index.ts';

/** `anxin kb check` validates the knowledge-base files staff edit; `anxin kb ask` tries a question. */
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
}
