import { describe, expect, it } from 'vitest';
import { evaluate, formatReport } from '../../../src/core/nlu/evaluate.ts';
import { extractFeatures, units } from '../../../src/core/nlu/features.ts';
import { scoreSoftmax, softmaxInPlace, trainSoftmax } from '../../../src/core/nlu/softmax.ts';
import type { Example } from '../../../src/core/nlu/types.ts';

describe('features', () => {
  it('reads Han characters and English words as units, numbers as placeholders', () => {
    expect(units('我车被撞了 咋办')).toEqual([['我', '车', '被', '撞', '了', '咋', '办']]);
    expect(units('My claim BA20261129000123 status?')).toEqual([['my', 'claim', '⟦clm⟧', 'status', '?']]);
    expect(units('转人工!!!!!')).toEqual([['转', '人', '工', '!', '!']]);
    expect(units('ＴＤ')).toEqual([['td']]); // full-width folded
    expect(units('報案')).toEqual([['报', '案']]); // traditional folded
  });

  it('includes n-grams, English character grams and concepts', () => {
    const f = extractFeatures('我要投诉 complaint');
    expect(f).toEqual(expect.arrayContaining(['u:投', 'b:投|诉', 't:要|投|诉', 's:complaint', 'g:<co', 'c:COMPLAINT']));
  });
});

describe('softmax regression', () => {
  const samples = [
    { features: ['a', 'x'], label: 0 },
    { features: ['a', 'y'], label: 0 },
    { features: ['b', 'x'], label: 1 },
    { features: ['b', 'y'], label: 1 },
  ];

  it('learns a separable problem and is deterministic', () => {
    const m1 = trainSoftmax(samples, 2);
    const m2 = trainSoftmax(samples, 2);
    expect(Array.from(m1.weights)).toEqual(Array.from(m2.weights));
    const p = scoreSoftmax(m1, ['a']).logits;
    softmaxInPlace(p, 1);
    expect(p[0]).toBeGreaterThan(0.8);
    const q = scoreSoftmax(m1, ['b', 'x']).logits;
    softmaxInPlace(q, 1);
    expect(q[1]).toBeGreaterThan(0.8);
  });

  it('is unsure about unknown features', () => {
    const m = trainSoftmax(samples, 2);
    const { logits, known } = scoreSoftmax(m, ['zzz']);
    softmaxInPlace(logits, 1);
    expect(known).toBe(0);
    expect(logits[0]).toBeCloseTo(0.5, 1);
  });
});

describe('evaluate', () => {
  const ex: Example[] = [
    { text: 'a', intent: 'greeting' },
    { text: 'b', intent: 'greeting' },
    { text: 'c', intent: 'other' },
    { text: 'd', intent: 'other' },
  ];
  const predicted: Record<string, Example['intent']> = { a: 'greeting', b: 'other', c: 'other', d: 'other' };

  it('computes precision, recall, F1 and the confusion matrix', () => {
    const r = evaluate(ex, (t) => predicted[t]);
    expect(r.accuracy).toBe(0.75);
    const g = r.perIntent.find((s) => s.intent === 'greeting')!;
    const o = r.perIntent.find((s) => s.intent === 'other')!;
    expect([g.precision, g.recall, g.support]).toEqual([1, 0.5, 2]);
    expect(o.precision).toBeCloseTo(2 / 3);
    expect(o.f1).toBeCloseTo(0.8);
    expect(r.errors).toEqual([{ text: 'b', expected: 'greeting', predicted: 'other' }]);
    expect(formatReport(r).split('\n').at(-1)).toBe('accuracy: 0.750');
  });
});
