/** Runs a folder of corpus conversations one after another and sums them up. */
import { loadCorpus, type CorpusFileError } from './load.ts';
import type { ConversationResult } from './result.ts';
import { createEvalContext, runConversation, type EvalContext } from './run.ts';

export interface CorpusRun {
  results: ConversationResult[];
  /** Files that are not valid conversations: each counts as a failed conversation. */
  errors: CorpusFileError[];
  /** Conversations that passed and are not marked `knownFailure` (a marked one counts as failed, passing or not). */
  passed: number;
  /** Conversations plus invalid files. */
  total: number;
  ms: number;
}

/**
 * Loads every conversation under `dir` and runs them in order. `onProgress` is told after each one.
 * Passed = every check held; a `knownFailure` conversation counts as failed (it is still a defect).
 */
export async function runCorpus(
  dir: string,
  opts: { ctx?: EvalContext; onProgress?: (done: number, total: number, r: ConversationResult) => void } = {},
): Promise<CorpusRun> {
  const started = performance.now();
  const { conversations, errors } = loadCorpus(dir);
  const ctx = opts.ctx ?? (await createEvalContext());
  const results: ConversationResult[] = [];
  for (const conv of conversations) {
    const r = await runConversation(conv, ctx);
    results.push(r);
    opts.onProgress?.(results.length, conversations.length, r);
  }
  return {
    results,
    errors,
    passed: results.filter((r) => r.passed && !r.knownFailure).length,
    total: results.length + errors.length,
    ms: Math.round(performance.now() - started),
  };
}
