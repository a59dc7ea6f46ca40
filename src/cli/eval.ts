/**
 * `anxin eval conversations <dir>` — runs the conversation corpus (YAML, one conversation per file) through the real
 * app and prints one line per failed conversation; the last line is `passed: N/M`. Exit code 0 when every
 * conversation passed or is marked `knownFailure`, 1 otherwise.
 */
import type { Command } from 'commander';
import { describeCheck, failures, runCorpus, type ConversationResult } from '../core/eval/index.ts';

/** Where the command writes; tests pass their own. */
export interface EvalIo {
  out(text: string): void;
  err(text: string): void;
  exit(code: number): void;
}
const processIo: EvalIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  exit: (code) => {
    process.exitCode = code;
  },
};

function lines(r: ConversationResult, verbose: boolean): string[] {
  const mark = r.knownFailure ? ` (known failure: ${r.knownFailure})` : '';
  const failed = failures(r);
  if (!verbose) {
    if (r.passed && !r.knownFailure) return [];
    if (r.passed) return [`PASS? ${r.group}/${r.id}${mark}: passes now — remove the knownFailure mark`];
    return [`FAIL ${r.group}/${r.id}${mark}: ${describeCheck(failed[0])}${failed.length > 1 ? ` (+${failed.length - 1} more)` : ''}`];
  }
  const head = `${r.passed ? 'PASS' : 'FAIL'} ${r.group}/${r.id}${mark} — ${r.title} (${r.ms} ms)`;
  return [head, ...r.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'} ${describeCheck(c)}`)];
}

export function register(program: Command, io: EvalIo = processIo): void {
  const evalCmd = program.command('eval').description('Evaluate the bot on test data');
  evalCmd
    .command('conversations')
    .description('run a folder of YAML conversations through the real app; last line `passed: N/M`')
    .argument('<dir>', 'folder of conversation files (searched recursively), or one file')
    .option('--verbose', 'print every check of every conversation')
    .action(async (dir: string, opts: { verbose?: boolean }) => {
      const verbose = Boolean(opts.verbose);
      const run = await runCorpus(dir, {
        onProgress: (done, total, r) => {
          if (!verbose && done % 10 !== 0 && done !== total) return;
          io.err(`[${done}/${total}] ${r.group}/${r.id}`);
        },
      });
      for (const e of run.errors) io.out(`INVALID ${e.message}`);
      for (const r of run.results) for (const l of lines(r, verbose)) io.out(l);
      const stillBroken = run.errors.length + run.results.filter((r) => !r.passed && !r.knownFailure).length;
      const known = run.results.filter((r) => r.knownFailure).length;
      io.err(`${run.results.length} conversations in ${(run.ms / 1000).toFixed(1)} s${known ? `, ${known} marked knownFailure` : ''}`);
      io.out(`passed: ${run.passed}/${run.total}`);
      io.exit(stillBroken ? 1 : 0);
    });
}
