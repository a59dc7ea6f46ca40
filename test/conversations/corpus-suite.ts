/**
 * Turns one folder of the conversation corpus into a vitest suite: one `it` per conversation, `it.fails` for those
 * marked `knownFailure` (so a fixed one turns the suite red until the mark is removed). One test file per folder
 * lets vitest run the folders in parallel.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, it } from 'vitest';
import { demoTemplate } from '../../src/core/eval/demo-db.ts';
import { createEvalContext, describeCheck, failures, loadCorpus, runConversation, type EvalContext } from '../../src/core/eval/index.ts';
import { DEFAULT_NOW } from '../../src/core/eval/schema.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Registers the suite of `test/conversations/<group>/`. */
export function corpusSuite(group: string): void {
  const dir = path.join(HERE, group);
  const { conversations, errors } = existsSync(dir) ? loadCorpus(dir) : { conversations: [], errors: [] };
  describe(`conversations/${group}`, () => {
    let ctx: EvalContext;
    beforeAll(async () => {
      ctx = await createEvalContext();
      // Seed the demo template before the first test's clock starts.
      await demoTemplate(DEFAULT_NOW, ctx.config.ANXIN_ID_SECRET);
    }, 120_000);

    if (!conversations.length && !errors.length) it.todo(`no conversations in ${group}/ yet`);
    for (const e of errors) {
      it(`valid file ${path.basename(e.file)}`, () => {
        throw e;
      });
    }
    for (const conv of conversations) {
      const run = conv.knownFailure ? it.fails : it;
      run(`${conv.id}: ${conv.title}`, async () => {
        const r = await runConversation(conv, ctx);
        if (!r.passed) {
          throw new Error(`${conv.file}\n${failures(r).map((c) => `  ${describeCheck(c)}`).join('\n')}`);
        }
      });
    }
  });
}
