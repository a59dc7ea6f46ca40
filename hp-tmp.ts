import { loadExamples, TRAIN_FILE } from './src/core/nlu/data.ts';
import { predictIntent, trainIntentModel } from './src/core/nlu/classifier.ts';
import type { Example } from './src/core/nlu/types.ts';
const examples = loadExamples(TRAIN_FILE);
const k = 5;
const folds: Example[][] = Array.from({ length: k }, () => []);
examples.forEach((e, i) => folds[(i * 7919) % k].push(e));
for (const [epochs, lr] of [[8, 0.4], [12, 0.4], [12, 0.6], [20, 0.4], [30, 0.4]] as const) for (const cw of [2]) {
  let correct = 0;
  const t = performance.now();
  for (let f = 0; f < k; f++) {
    const model = trainIntentModel(folds.flatMap((x, jj) => (jj === f ? [] : x)), { conceptWeight: cw, train: { epochs, learningRate: lr, l2: 1e-5, seed: 7 } });
    for (const e of folds[f]) if (predictIntent(model, e.text).ranked[0].intent === e.intent) correct++;
  }
  console.log(epochs, lr, cw, (correct / examples.length).toFixed(4), ((performance.now() - t) / 5).toFixed(0), 'ms/fold');
}
