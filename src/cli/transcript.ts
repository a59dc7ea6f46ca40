import type { Command } from 'commander';
import { getTranscript, type TranscriptView } from '../domain/customer-view.ts';
import { t, type Lang } from '../i18n/index.ts';
import { shanghaiMinute } from './customer.ts';
import { cliLang, fail, withDatabase } from './db.ts';
import { terminalSafe, terminalSafeJson } from './terminal-text.ts';

/**
 * The transcript as text: one block per message with its time (Asia/Shanghai), direction, author, delivery status
 * and detected intent; staff notes are marked so nobody mistakes them for something the customer saw. Control
 * characters are printed as visible escapes (see terminal-text.ts).
 */
export function renderTranscript(lang: Lang, v: TranscriptView): string {
  const c = v.conversation;
  const customer = c.customer ? `${c.customer.name}${c.customer.code ? ` (${c.customer.code})` : ''}` : t(lang, 'import:transcript.unknownCustomer');
  const lines = [
    t(lang, 'import:transcript.title', {
      id: c.id, channel: c.channel, customer, owner: t(lang, `import:transcript.owner.${c.owner}`) + (c.assignedTo ? ` ${c.assignedTo}` : ''), count: v.messages.length,
    }),
  ];
  for (const m of v.messages) {
    const intent = m.intent ? ` intent=${m.intent}${m.confidence !== null ? `(${m.confidence.toFixed(2)})` : ''}` : '';
    const error = m.error ? ` error="${m.error}"` : '';
    const files = m.attachments ? ` +${m.attachments} file(s)` : '';
    const note = m.direction === 'note' ? `${t(lang, 'import:transcript.note')} ` : '';
    lines.push(
      '',
      `${shanghaiMinute(m.at)}  ${t(lang, `import:transcript.dir.${m.direction}`)}  ${m.author}  [${m.status}]${intent}${error}${files}`,
      ...`${note}${m.text}`.split('\n').map((l) => `    ${l}`),
    );
  }
  // Customer text (and names, authors, delivery errors) may carry terminal escapes: shown, never obeyed.
  return terminalSafe(lines.join('\n'));
}

/** `anxin transcript <conversation-id> [--json]` */
export function register(program: Command): void {
  program
    .command('transcript')
    .description('a conversation\'s messages in order (time, direction, author, status, intent; staff notes marked)')
    .argument('<conversation-id>', 'as listed by `anxin customer show`')
    .option('--json', 'print JSON instead of text')
    .option('--lang <lang>', 'zh or en')
    .action(async (id: string, o: { json?: boolean; lang?: string }) => {
      const lang = cliLang(o.lang);
      await withDatabase(async (db) => {
        const view = await getTranscript(db, id);
        if (!view) return fail(t(lang, 'import:transcript.notFound', { id }));
        console.log(o.json ? terminalSafeJson(JSON.stringify(view, null, 2)) : renderTranscript(lang, view));
      });
    });
}
