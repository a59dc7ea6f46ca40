/** Development aid: k-fold cross-validation on the TRAINING set only (the eval set stays untouched). */
import { loadExamples, TRAIN_FILE } from '../data.ts';
import { intentLogits, predictIntent, trainIntentModel } from '../classifier.ts';
import { softmaxInPlace } from '../softmax.ts';
import { INTENTS, type Example } from '../types.ts';

const examples = loadExamples(TRAIN_FILE);
const k = Number(process.argv[2] ?? 5);
const showErrors = process.argv.includes('--errors');
// Deterministic interleaved folds.
const folds: Example[][] = Array.from({ length: k }, () => []);
examples.forEach((e, i) => folds[(i * 7919) % k].push(e));
let correct = 0;
let correctNoRules = 0;
const oof: Array<{ logits: Float64Array; label: number }> = [];
for (let f = 0; f < k; f++) {
  const train = folds.flatMap((fold, j) => (j === f ? [] : fold));
  const model = trainIntentModel(train);
  for (const e of folds[f]) {
    const p = predictIntent(model, e.text);
    if (p.ranked[0].intent === e.intent) correct++;
    else if (showErrors) console.log(`${e.intent} -> ${p.ranked[0].intent} ${p.ranked[0].confidence.toFixed(2)}  ${e.text}`);
    if (predictIntent(model, e.text, false).ranked[0].intent === e.intent) correctNoRules++;
    oof.push({ logits: intentLogits(model, e.text), label: INTENTS.indexOf(e.intent) });
  }
}
console.log(`cv accuracy ${(correct / examples.length).toFixed(4)} (without rules ${(correctNoRules / examples.length).toFixed(4)}) n=${examples.length}`);
let best = { t: 1, nll: Infinity };
for (let t = 0.3; t <= 3.001; t += 0.05) {
  let nll = 0;
  for (const o of oof) {
    const p = Float64Array.from(o.logits);
    softmaxInPlace(p, t);
    nll -= Math.log(Math.max(p[o.label], 1e-12));
  }
  if (nll < best.nll) best = { t, nll };
}
console.log(`best temperature ${best.t.toFixed(2)} (mean NLL ${(best.nll / oof.length).toFixed(4)})`);
