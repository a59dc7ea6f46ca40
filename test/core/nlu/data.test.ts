import { describe, expect, it } from 'vitest';
import { EVAL_FILE, HELDOUT_FILE, loadExamples, parseExamples, TRAIN_FILE } from '../../../src/core/nlu/data.ts';
import { dedupeKey, nearDuplicates, similarity } from '../../../src/core/nlu/similarity.ts';
import { INTENTS } from '../../../src/core/nlu/types.ts';

describe('bundled data', () => {
  const train = loadExamples(TRAIN_FILE);
  const evalSet = loadExamples(EVAL_FILE);
  const heldout = loadExamples(HELDOUT_FILE);
  const texts = (set: typeof train) => set.map((e) => e.text);

  it('has a large training set and held-out sets covering every intent in both languages', () => {
    expect(train.length).toBeGreaterThanOrEqual(1500);
    expect(evalSet.length).toBeGreaterThanOrEqual(400);
    expect(heldout.length).toBeGreaterThanOrEqual(250);
    for (const intent of INTENTS) {
      for (const set of [train, evalSet, heldout]) {
        const lines = set.filter((e) => e.intent === intent).map((e) => e.text);
        expect(lines.some((t) => /\p{Script=Han}/u.test(t)), `${intent} zh`).toBe(true);
        expect(lines.some((t) => /^[\x00-\x7f]*$/.test(t) && /[a-z]{3}/i.test(t)), `${intent} en`).toBe(true);
      }
    }
  });

  it('never trains on a held-out utterance, not even a near-duplicate of one', () => {
    expect(nearDuplicates(texts(evalSet), texts(train))).toEqual([]);
    expect(nearDuplicates(texts(heldout), texts(train))).toEqual([]);
  });

  it('keeps the two held-out sets apart', () => {
    expect(nearDuplicates(texts(heldout), texts(evalSet))).toEqual([]);
  });

  it('has no utterance labelled twice', () => {
    const labels = new Map<string, string>();
    for (const e of train) {
      const key = dedupeKey(e.text);
      if (!key) continue;
      const prev = labels.get(key);
      if (prev) expect(prev, e.text).toBe(e.intent);
      labels.set(key, e.intent);
    }
  });
});

describe('near-duplicate detection', () => {
  it('ignores emoji, punctuation, spacing, case and traditional characters', () => {
    expect(dedupeKey('早上好呀☀️')).toBe(dedupeKey('早上好呀'));
    expect(dedupeKey('Talk to a HUMAN!!!')).toBe(dedupeKey('talk to a human'));
    expect(dedupeKey('轉人工 🙏')).toBe('转人工');
  });

  it('flags lines at least 85 % similar and keeps different ones', () => {
    expect(nearDuplicates(['没问题了 谢谢你', '早上好呀☀️'], ['没问题了 谢谢', '早上好呀'])).toHaveLength(2);
    expect(nearDuplicates(['我要报案', '👍'], ['我要投诉', '😡'])).toEqual([]);
    expect(similarity('abc', 'abc')).toBe(1);
    expect(similarity('abcd', 'wxyz')).toBe(0);
  });
});

it('reports the line of malformed data', () => {
  expect(() => parseExamples('{"text":"a","intent":"greeting"}\nnot json', 'x.jsonl')).toThrow('x.jsonl:2: not JSON');
  expect(() => parseExamples('{"text":"a","intent":"nope"}', 'x.jsonl')).toThrow(/x\.jsonl:1: needs/);
  expect(parseExamples('\n{"text":"a","intent":"greeting"}\n\n')).toEqual([{ text: 'a', intent: 'greeting' }]);
});
