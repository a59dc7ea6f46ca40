/**
 * `anxin nlu classify "text"` — intent, confidence and entities of one message as JSON.
 * `anxin nlu eval [FILE.jsonl]` — per-intent precision/recall/F1 and a confusion matrix on labelled utterances
 * (default: the bundled held-out set); the last line is `accuracy: 0.xxx`.
 */
import type { Command } from 'commander';
import { trainNlpjsBaseline } from '../core/nlu/baseline-nlpjs.ts';
import { EVAL_FILE, loadExamples, TRAIN_FILE } from '../core/nlu/data.ts';
import { evaluate, formatReport } from '../core/nlu/evaluate.ts';
import { createNlu } from '../core/nlu/index.ts';
import type { Intent } from '../core/nlu/types.ts';
import { AnxinError } from '../core/errors.ts';

/** Where the commands write; tests pass their own. */
export interface CliIo {
  out(text: string): void;
}
const stdoutIo: CliIo = { out: (text) => process.stdout.write(`${text}\n`) };

function parseNow(s: string | undefined): Date {
  if (!s) return new Date();
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new AnxinError('nlu_bad_date', `--now: not a date: ${s}`);
  return d;
}

export function register(program: Command, io: CliIo = stdoutIo): void {
  const nlu = program.command('nlu').description('Intent classification and entity extraction (offline)');

  nlu
    .command('classify')
    .description('classify one message and print {intent, confidence, entities} as JSON')
    .argument('<text>', 'the customer message')
    .option('--now <iso>', 'resolve relative dates against this instant (default: now)')
    .option('--full', 'also print alternatives, language and sentiment')
    .action((text: string, opts: { now?: string; full?: boolean }) => {
      const r = createNlu().classify(text, { now: parseNow(opts.now) });
      const out = opts.full ? r : { intent: r.intent, confidence: r.confidence, entities: r.entities };
      io.out(JSON.stringify(out, null, 2));
    });

  nlu
    .command('eval')
    .description('evaluate on a JSONL file of {"text","intent"} lines (default: the bundled held-out set)')
    .argument('[file]', 'labelled utterances, one JSON object per line', EVAL_FILE)
    .option('--baseline', 'evaluate the NLP.js baseline (trained on the same training set) instead of Anxin')
    .option('--errors', 'list the misclassified utterances before the report')
    .action(async (file: string, opts: { baseline?: boolean; errors?: boolean }) => {
      const examples = loadExamples(file);
      let predict: (text: string) => Intent;
      if (opts.baseline) {
        const baseline = await trainNlpjsBaseline(loadExamples(TRAIN_FILE));
        const answers = new Map<string, Intent>();
        for (const e of examples) answers.set(e.text, await baseline.classify(e.text));
        predict = (text) => answers.get(text) ?? 'other';
      } else {
        const model = createNlu();
        predict = (text) => model.classify(text).intent;
      }
      const report = evaluate(examples, predict);
      if (opts.errors) {
        for (const e of report.errors) io.out(`${e.expected} → ${e.predicted}\t${e.text}`);
        if (report.errors.length) io.out('');
      }
      io.out(formatReport(report));
    });
}
