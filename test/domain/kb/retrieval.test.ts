import { beforeAll, describe, expect, it } from 'vitest';
import { defaultKbDir, loadKnowledgeBase, type KnowledgeBase } from '../../../src/domain/kb/index.ts';
import { OFF_TOPIC, PARAPHRASES } from './fixtures/paraphrases.ts';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKnowledgeBase(defaultKbDir());
});

describe('paraphrased customer questions retrieve the right entry first', () => {
  it('uses test questions worded differently from the knowledge base', () => {
    const written = new Set(kb.entries.flatMap((e) => [e.zh.question, ...e.zh.alternatives, e.en.question, ...e.en.alternatives]));
    for (const p of PARAPHRASES) expect(written.has(p.q), p.q).toBe(false);
    for (const p of PARAPHRASES) expect(kb.get(p.id), p.id).toBeDefined();
  });

  it.each(PARAPHRASES)('$lang: $q → $id', ({ q, lang, id }) => {
    const [top] = kb.search(q, lang);
    expect(top?.entry.id).toBe(id);
    expect(top.question).toBe(top.entry[lang].question);
    expect(top.answer).toBe(top.entry[lang].answer);
  });
});

describe('confidence', () => {
  it.each(OFF_TOPIC)('off-topic "$q" is not answered, and no unrelated question is suggested', ({ q, lang }) => {
    const a = kb.answer(q, lang);
    if (a) {
      expect(a.confident).toBe(false);
      expect(a.suggestions).toEqual([]);
    }
  });

  it('answers every question title and alternative with its own entry, confidently (tapped suggestions)', () => {
    for (const e of kb.entries) {
      for (const lang of ['zh', 'en'] as const) {
        for (const phrasing of [e[lang].question, ...e[lang].alternatives]) {
          const a = kb.answer(phrasing, lang);
          expect(a?.entry.id, `${lang}: ${phrasing}`).toBe(e.id);
          expect(a?.confident, `${lang}: ${phrasing}`).toBe(true);
        }
        // Case, spacing and punctuation do not matter.
        expect(kb.answer(` ${e[lang].question.replace(/[？?]$/, '').toUpperCase()} !! `, lang)?.confident).toBe(true);
      }
    }
  });

  it('answers a clear question confidently, with no suggestions', () => {
    const a = kb.answer('交强险的医疗费用赔偿限额是多少', 'zh');
    expect(a).toMatchObject({ confident: true, suggestions: [] });
    expect(a?.entry.id).toBe('auto-compulsory-limits');
    expect(a?.answer).toContain('1.8万元');
  });

  it('offers the likeliest question titles when a question is vague', () => {
    for (const [q, lang] of [['保险怎么赔', 'zh'], ['insurance', 'en']] as const) {
      const a = kb.answer(q, lang);
      expect(a?.confident).toBe(false);
      expect(a?.suggestions.length).toBeGreaterThanOrEqual(2);
      expect(a?.suggestions.length).toBeLessThanOrEqual(3);
      const titles = new Set(kb.entries.map((e) => e[lang].question));
      for (const s of a!.suggestions) expect(titles.has(s)).toBe(true);
    }
  });

  it('returns null and no hits when there is nothing to search for', () => {
    for (const q of ['', '  ', '！！！', '😂😂']) {
      expect(kb.search(q, 'zh')).toEqual([]);
      expect(kb.answer(q, 'zh')).toBeNull();
    }
  });
});

describe('Chinese-aware matching', () => {
  const topId = (q: string, lang: 'zh' | 'en' = 'zh') => kb.search(q, lang, 1)[0]?.entry.id;

  it.each([
    ['犹豫期有多长', '冷静期有多长'],
    ['宽限期多少天', '缓交期多少天'],
    ['车险出险后怎么报案', '汽车保险出险后怎么报案'],
    ['医疗险怎么理赔', '医疗险怎么报销'],
    ['what is the cooling-off period', 'what is the free look period'],
  ])('treats synonyms alike: %s / %s', (a, b) => {
    const lang = /[a-z]/.test(a) ? 'en' : 'zh';
    expect(topId(a, lang)).toBeDefined();
    expect(topId(b, lang)).toBe(topId(a, lang));
  });

  it('tolerates typos, full-width letters, emoji and run-on colloquial text', () => {
    expect(topId('交强线赔多少')).toBe('auto-compulsory-limits');
    expect(topId('ＮＣＤ是什么')).toBe('auto-ncd');
    expect(topId('保单丢了😭😭')).toBe('service-reissue-policy');
    expect(topId('老铁问下车停路边被人蹭了人跑了咋整')).toBe('auto-no-third-party');
  });

  it('folds English inflections', () => {
    expect(topId('cars flooded in rainstorms', 'en')).toBe('auto-flood');
    expect(topId('claims refused by insurers', 'en')).toBe('claim-denied');
    expect(topId('beneficiaries changed', 'en')).toBe('service-change-beneficiary');
  });

  it('answers in the language asked and respects the limit', () => {
    expect(kb.answer('交强险限额', 'zh')?.answer).toMatch(/\p{Script=Han}/u);
    expect(kb.answer('compulsory traffic insurance limits', 'en')?.answer).not.toMatch(/\p{Script=Han}{2}/u);
    expect(kb.search('理赔', 'zh', 2)).toHaveLength(2);
  });
});
