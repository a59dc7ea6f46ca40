/**
 * Development aid: k-fold cross-validation on the TRAINING set only (the eval set stays untouched).
 * Prints accuracy, the temperature that minimises out-of-fold negative log-likelihood (→ DEFAULT_TEMPERATURE in
 * classifier.ts), a reliability table and accuracy/coverage for confidence thresholds.
 *
 *   npx tsx src/core/nlu/tools/cv.ts [folds] [--errors]
 */
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

const oof: Array<{ logits: Float64Array; label: number; confidence: number; correct: boolean; inTop3: boolean }> = [];
let correctNoRules = 0;
for (let f = 0; f < k; f++) {
  const model = trainIntentModel(folds.flatMap((fold, j) => (j === f ? [] : fold)));
  for (const e of folds[f]) {
    const { ranked } = predictIntent(model, e.text);
    const top = ranked[0];
    const inTop3 = ranked.slice(0, 3).some((r) => r.intent === e.intent);
    const correct = top.intent === e.intent;
    if (!correct && showErrors) console.log(`${e.intent} -> ${top.intent} ${top.confidence.toFixed(2)}  ${e.text}`);
    if (predictIntent(model, e.text, false).ranked[0].intent === e.intent) correctNoRules++;
    oof.push({ logits: intentLogits(model, e.text), label: INTENTS.indexOf(e.intent), confidence: top.confidence, correct, inTop3 });
  }
}
const acc = oof.filter((o) => o.correct).length / oof.length;
console.log(`cv accuracy ${acc.toFixed(4)} (without rules ${(correctNoRules / oof.length).toFixed(4)}) n=${oof.length}`);

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

console.log('reliability (current temperature, rules applied): confidence bin → accuracy (n)');
let ece = 0;
for (let b = 0; b < 10; b++) {
  const lo = b / 10;
  const bin = oof.filter((o) => o.confidence >= lo && (o.confidence < lo + 0.1 || (b === 9 && o.confidence <= 1)));
  if (!bin.length) continue;
  const a = bin.filter((o) => o.correct).length / bin.length;
  const c = bin.reduce((s, o) => s + o.confidence, 0) / bin.length;
  ece += (bin.length / oof.length) * Math.abs(a - c);
  console.log(`  ${lo.toFixed(1)}-${(lo + 0.1).toFixed(1)}  mean conf ${c.toFixed(2)}  accuracy ${a.toFixed(2)}  (${bin.length})`);
}
console.log(`expected calibration error ${ece.toFixed(3)}`);
for (const th of [0.4, 0.5, 0.55, 0.6, 0.7]) {
  const above = oof.filter((o) => o.confidence >= th);
  const below = oof.length - above.length;
  const aAbove = above.filter((o) => o.correct).length / above.length;
  const aBelow = below ? oof.filter((o) => o.confidence < th && o.correct).length / below : 0;
  const top3Below = below ? oof.filter((o) => o.confidence < th && o.inTop3).length / below : 0;
  console.log(
    `threshold ${th.toFixed(2)}: acts on ${((above.length / oof.length) * 100).toFixed(1)}% at accuracy ${aAbove.toFixed(3)}; ` +
      `asks on the rest (top-1 right ${aBelow.toFixed(2)}, right answer among top 3 ${top3Below.toFixed(2)})`,
  );
}
