import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { loadExamples, TRAIN_FILE } from './src/core/nlu/data.ts';
import { predictIntent, trainIntentModel } from './src/core/nlu/classifier.ts';
import type { Example } from './src/core/nlu/types.ts';
const j = Jieba.withDict(dict);
const examples = loadExamples(TRAIN_FILE);
const k = 5;
const folds: Example[][] = Array.from({ length: k }, () => []);
examples.forEach((e, i) => folds[(i * 7919) % k].push(e));
for (const seg of [undefined, (s: string) => j.cut(s, true), (s: string) => j.cut(s, false)]) {
  let correct = 0;
  for (let f = 0; f < k; f++) {
    const model = trainIntentModel(folds.flatMap((x, jj) => (jj === f ? [] : x)), { segment: seg });
    for (const e of folds[f]) if (predictIntent(model, e.text).ranked[0].intent === e.intent) correct++;
  }
  console.log(!!seg, (correct / examples.length).toFixed(4));
}
