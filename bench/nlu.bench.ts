/**
 * NLU figures (issue 3): intent accuracy of Anxin and of the NLP.js baseline side by side on the held-out set
 * (never trained on), how well confidence separates right from wrong, and classify speed.
 */
import type { Figure } from './run.ts';
import { trainNlpjsBaseline } from '../src/core/nlu/baseline-nlpjs.ts';
import { EVAL_FILE, HELDOUT_FILE, loadExamples, TRAIN_FILE } from '../src/core/nlu/data.ts';
import { evaluate } from '../src/core/nlu/evaluate.ts';
import { CONFIDENCE_THRESHOLD, createNlu } from '../src/core/nlu/index.ts';
import type { Intent } from '../src/core/nlu/types.ts';

export const name = 'nlu: intent accuracy vs NLP.js, classify speed';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export async function run(): Promise<Figure[]> {
  const train = loadExamples(TRAIN_FILE);
  const held = loadExamples(EVAL_FILE);

  const t0 = performance.now();
  const nlu = createNlu();
  const trainMs = performance.now() - t0;
  const results = new Map(held.map((e) => [e.text, nlu.classify(e.text)]));
  const anxin = evaluate(held, (t) => results.get(t)!.intent);
  // The fresh held-out set (issue 11): colloquial phrasing written before any tuning, never tuned on.
  const fresh = loadExamples(HELDOUT_FILE);
  const anxinFresh = evaluate(fresh, (t) => nlu.classify(t).intent);

  const t1 = performance.now();
  const baseline = await trainNlpjsBaseline(train);
  const baselineTrainMs = performance.now() - t1;
  const answers = new Map<string, Intent>();
  for (const e of [...held, ...fresh]) answers.set(e.text, await baseline.classify(e.text));
  const nlpjs = evaluate(held, (t) => answers.get(t) ?? 'other');
  const nlpjsFresh = evaluate(fresh, (t) => answers.get(t) ?? 'other');

  // Confidence: how often the dialog acts directly, and how accurate it is when it does.
  const confident = held.filter((e) => results.get(e.text)!.confidence >= CONFIDENCE_THRESHOLD);
  const confidentAcc = confident.filter((e) => results.get(e.text)!.intent === e.intent).length / confident.length;
  const unsure = held.filter((e) => results.get(e.text)!.confidence < CONFIDENCE_THRESHOLD);
  const rescued = unsure.filter((e) => {
    const r = results.get(e.text)!;
    return r.intent === e.intent || r.alternatives.slice(0, 2).some((a) => a.intent === e.intent);
  }).length;

  // Speed: full classify (intent + entities + language + sentiment) over the held-out messages, after warm-up.
  const now = new Date();
  for (const e of held) nlu.classify(e.text, { now });
  const lat: number[] = [];
  const start = performance.now();
  for (let round = 0; round < 20; round++) {
    for (const e of held) {
      const a = performance.now();
      nlu.classify(e.text, { now });
      lat.push(performance.now() - a);
    }
  }
  const elapsed = performance.now() - start;
  lat.sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(lat.length * p))] * 1000;

  return [
    { metric: `training set / held-out set (utterances)`, value: `${train.length} / ${held.length}` },
    { metric: 'Anxin intent accuracy (held-out)', value: pct(anxin.accuracy), target: '≥ 95 %', ok: anxin.accuracy >= 0.95 },
    { metric: 'NLP.js baseline accuracy (same data)', value: pct(nlpjs.accuracy) },
    { metric: `fresh held-out set (${fresh.length}): Anxin / NLP.js`, value: `${pct(anxinFresh.accuracy)} / ${pct(nlpjsFresh.accuracy)}` },
    {
      metric: 'Anxin lead over baseline (points)',
      value: ((anxin.accuracy - nlpjs.accuracy) * 100).toFixed(1),
      target: '> 0',
      ok: anxin.accuracy > nlpjs.accuracy,
    },
    { metric: 'Anxin macro-F1 / baseline macro-F1', value: `${macroF1(anxin).toFixed(3)} / ${macroF1(nlpjs).toFixed(3)}` },
    { metric: `acts directly (confidence ≥ ${CONFIDENCE_THRESHOLD})`, value: pct(confident.length / held.length) },
    { metric: '  accuracy when acting directly', value: pct(confidentAcc) },
    { metric: '  unsure: right intent among the 3 offered', value: unsure.length ? `${rescued}/${unsure.length}` : '0/0' },
    { metric: 'classify throughput (msgs/s, one core)', value: Math.round((lat.length / elapsed) * 1000).toLocaleString('en') },
    { metric: 'classify latency p50 / p99 (µs)', value: `${q(0.5).toFixed(0)} / ${q(0.99).toFixed(0)}`, target: 'p50 < 1000', ok: q(0.5) < 1000 },
    { metric: 'createNlu (train) / NLP.js train (ms)', value: `${trainMs.toFixed(0)} / ${baselineTrainMs.toFixed(0)}` },
  ];
}

function macroF1(r: ReturnType<typeof evaluate>): number {
  return r.perIntent.reduce((s, x) => s + x.f1, 0) / r.perIntent.length;
}
