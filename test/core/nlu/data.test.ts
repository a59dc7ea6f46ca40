import { describe, expect, it } from 'vitest';
import { EVAL_FILE, loadExamples, parseExamples, TRAIN_FILE } from '../../../src/core/nlu/data.ts';
import { INTENTS } from '../../../src/core/nlu/types.ts';

const norm = (t: string) => t.toLowerCase().replace(/[\s!！?？。.,，~]+/g, '');

describe('bundled data', () => {
  const train = loadExamples(TRAIN_FILE);
  const held = loadExamples(EVAL_FILE);

  it('has a large training set and a held-out set covering every intent in both languages', () => {
    expect(train.length).toBeGreaterThanOrEqual(1500);
    expect(held.length).toBeGreaterThanOrEqual(400);
    for (const intent of INTENTS) {
      for (const set of [train, held]) {
        const texts = set.filter((e) => e.intent === intent).map((e) => e.text);
        expect(texts.some((t) => /\p{Script=Han}/u.test(t)), `${intent} zh`).toBe(true);
        expect(texts.some((t) => /^[\x00-\x7f]*$/.test(t) && /[a-z]{3}/i.test(t)), `${intent} en`).toBe(true);
      }
    }
  });

  it('never trains on a held-out utterance', () => {
    const seen = new Set(train.map((e) => norm(e.text)));
    expect(held.filter((e) => seen.has(norm(e.text))).map((e) => e.text)).toEqual([]);
  });

  it('has no utterance labelled twice', () => {
    const labels = new Map<string, string>();
    for (const e of train) {
      const prev = labels.get(norm(e.text));
      if (prev) expect(prev, e.text).toBe(e.intent);
      labels.set(norm(e.text), e.intent);
    }
  });
});

it('reports the line of malformed data', () => {
  expect(() => parseExamples('{"text":"a","intent":"greeting"}\nnot json', 'x.jsonl')).toThrow('x.jsonl:2: not JSON');
  expect(() => parseExamples('{"text":"a","intent":"nope"}', 'x.jsonl')).toThrow(/x\.jsonl:1: needs/);
  expect(parseExamples('\n{"text":"a","intent":"greeting"}\n\n')).toEqual([{ text: 'a', intent: 'greeting' }]);
});
