import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultKbDir, loadKnowledgeBase, type KnowledgeBase } from '../../../src/domain/kb/index.ts';

/**
 * A second paraphrase list that was written before tuning and never used to tune synonyms, phrasings or the
 * confidence policy. It measures how retrieval generalises; the floors below guard against regressions.
 */
describe('held-out paraphrases', () => {
  let kb: KnowledgeBase;
  let items: Array<{ q: string; lang: 'zh' | 'en'; id: string }>;
  beforeAll(async () => {
    kb = await loadKnowledgeBase(defaultKbDir());
    items = JSON.parse(await readFile(new URL('./fixtures/held-out.json', import.meta.url), 'utf8'));
  });

  it('retrieves most at rank 1, and confident answers are nearly always right', () => {
    for (const i of items) expect(kb.get(i.id), i.id).toBeDefined();
    let hits = 0;
    let confident = 0;
    let confidentRight = 0;
    for (const i of items) {
      const a = kb.answer(i.q, i.lang);
      const right = a?.entry.id === i.id;
      if (right) hits++;
      if (a?.confident) {
        confident++;
        if (right) confidentRight++;
      }
    }
    const rate = hits / items.length;
    console.info(
      `held-out: rank-1 ${hits}/${items.length} (${(rate * 100).toFixed(1)}%), confident ${confident}, of which right ${confidentRight}`,
    );
    expect(rate).toBeGreaterThanOrEqual(0.8);
    expect(confidentRight / Math.max(1, confident)).toBeGreaterThanOrEqual(0.9);
  });
});
