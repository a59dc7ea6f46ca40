import { loadExamples, TRAIN_FILE } from './src/core/nlu/data.ts';
import { predictIntent, trainIntentModel } from './src/core/nlu/classifier.ts';
import type { Example } from './src/core/nlu/types.ts';
const examples = loadExamples(TRAIN_FILE);
const k = 5;
const folds: Example[][] = Array.from({ length: k }, () => []);
examples.forEach((e, i) => folds[(i * 7919) % k].push(e));
for (let f = 0; f < k; f++) {
  const model = trainIntentModel(folds.flatMap((x, jj) => (jj === f ? [] : x)));
  for (const e of folds[f]) {
    const a = predictIntent(model, e.text), b = predictIntent(model, e.text, false);
    if (a.ranked[0].intent !== b.ranked[0].intent) console.log(a.ranked[0].intent === e.intent ? 'FIX ' : 'HURT', a.rule, e.intent, '| rules:', a.ranked[0].intent, '| model:', b.ranked[0].intent, '|', e.text);
  }
}
