import { beforeAll, describe, expect, it } from 'vitest';
import { defaultKbDir, loadKnowledgeBase, type KnowledgeBase } from '../../../src/domain/kb/index.ts';
import { IN_SCOPE, OUT_OF_SCOPE } from './fixtures/scope.ts';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKnowledgeBase(defaultKbDir());
});

describe('issue 11: typos, pinyin, paraphrases, English, and out-of-scope questions', () => {
  it.each([
    ['how long is the grace period', 'en', 'life-grace-period'],
    ['犹预期多久', 'zh', 'life-cooling-off'],
    ['保单宽线期几天', 'zh', 'life-grace-period'],
    ['住院报销要准备啥材料', 'zh', 'health-medical-claim-docs'],
    ['现在退保亏多少啊', 'zh', 'life-surrender'],
    ['刚买一个月查出结节 赔不赔', 'zh', 'health-condition-found-after-purchase'],
    ['how long is the grase perod', 'en', 'life-grace-period'],
  ] as const)('answers "%s" confidently', (q, lang, id) => {
    const a = kb.answer(q, lang);
    expect(a?.entry.id).toBe(id);
    expect(a?.confident).toBe(true);
  });

  it('reads homophone typos as the domain word but leaves real words alone', () => {
    expect(kb.answer('犹预期', 'zh')?.entry.id).toBe('life-cooling-off');
    // 预期 is a real word: "预期收益" must not become 犹豫期-anything.
    expect(kb.search('分红险的预期收益', 'zh', 1)[0]?.entry.id).not.toBe('life-cooling-off');
  });

  it.each(OUT_OF_SCOPE)('out of scope: "$q" gets no answer and no suggestion', ({ q, lang }) => {
    const a = kb.answer(q, lang);
    expect(a?.confident ?? false).toBe(false);
    expect(a?.suggestions ?? []).toEqual([]);
  });

  it('calibration: confident answers are right, and most in-scope questions are answered', () => {
    let confident = 0;
    let right = 0;
    let answered = 0;
    for (const i of [...IN_SCOPE, ...OUT_OF_SCOPE]) {
      const a = kb.answer(i.q, i.lang);
      if (!a?.confident) continue;
      confident++;
      if (a.entry.id === i.id) right++;
      if (i.id && a.entry.id === i.id) answered++;
    }
    const precision = right / Math.max(1, confident);
    const recall = answered / IN_SCOPE.length;
    console.info(`scope set: ${IN_SCOPE.length} in scope, ${OUT_OF_SCOPE.length} out; confident ${confident}, precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}%`);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.75);
  });
});
