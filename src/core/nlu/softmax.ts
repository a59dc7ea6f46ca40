/**
 * Multinomial logistic regression over sparse binary features, trained with AdaGrad SGD.
 * Small and deterministic (seeded shuffle) so the same training file always yields the same model.
 */

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 30, learningRate: 0.4, l2: 1e-5, seed: 7 };

export interface SoftmaxModel {
  classes: number;
  vocabulary: Map<string, number>;
  /** Row-major weights: feature f, class k at f * classes + k. */
  weights: Float64Array;
  bias: Float64Array;
}

/** A document as indices into the vocabulary, each with the same value 1/sqrt(n) (unit L2 norm). */
interface Doc {
  idx: Int32Array;
  value: number;
  label: number;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function toDoc(features: string[], vocabulary: Map<string, number>, grow: boolean): Int32Array {
  const idx: number[] = [];
  for (const f of features) {
    let i = vocabulary.get(f);
    if (i === undefined && grow) {
      i = vocabulary.size;
      vocabulary.set(f, i);
    }
    if (i !== undefined) idx.push(i);
  }
  return Int32Array.from(idx);
}

/** Trains on feature lists with integer labels 0..classes-1. */
export function trainSoftmax(
  samples: Array<{ features: string[]; label: number }>,
  classes: number,
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): SoftmaxModel {
  const vocabulary = new Map<string, number>();
  const docs: Doc[] = samples.map((s) => {
    const idx = toDoc(s.features, vocabulary, true);
    return { idx, value: idx.length ? 1 / Math.sqrt(idx.length) : 0, label: s.label };
  });
  const K = classes;
  const weights = new Float64Array(vocabulary.size * K);
  const grad2 = new Float64Array(vocabulary.size * K).fill(1e-8);
  const bias = new Float64Array(K);
  const biasGrad2 = new Float64Array(K).fill(1e-8);
  const rand = mulberry32(options.seed);
  const order = docs.map((_, i) => i);
  const scores = new Float64Array(K);
  const { learningRate: lr, l2 } = options;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const di of order) {
      const d = docs[di];
      logits(weights, bias, K, d.idx, d.value, scores);
      softmaxInPlace(scores, 1);
      for (let k = 0; k < K; k++) {
        const g = scores[k] - (k === d.label ? 1 : 0);
        biasGrad2[k] += g * g;
        bias[k] -= (lr * g) / Math.sqrt(biasGrad2[k]);
        for (let n = 0; n < d.idx.length; n++) {
          const w = d.idx[n] * K + k;
          const gw = g * d.value + l2 * weights[w];
          grad2[w] += gw * gw;
          weights[w] -= (lr * gw) / Math.sqrt(grad2[w]);
        }
      }
    }
  }
  return { classes: K, vocabulary, weights, bias };
}

function logits(weights: Float64Array, bias: Float64Array, K: number, idx: Int32Array, value: number, out: Float64Array): void {
  for (let k = 0; k < K; k++) out[k] = bias[k];
  for (let n = 0; n < idx.length; n++) {
    const base = idx[n] * K;
    for (let k = 0; k < K; k++) out[k] += weights[base + k] * value;
  }
}

/** Softmax of `z / temperature`, in place. */
export function softmaxInPlace(z: Float64Array, temperature: number): void {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    z[k] = Math.exp((z[k] - max) / temperature);
    sum += z[k];
  }
  for (let k = 0; k < z.length; k++) z[k] /= sum;
}

/** Raw scores (logits) for one message's features, and how many of its features the model knows. */
export function scoreSoftmax(model: SoftmaxModel, features: string[]): { logits: Float64Array; known: number } {
  const idx = toDoc(features, model.vocabulary, false);
  // Normalise by the total feature count, known or not, so unfamiliar text gets flatter (less confident) scores.
  const value = features.length ? 1 / Math.sqrt(features.length) : 0;
  const out = new Float64Array(model.classes);
  logits(model.weights, model.bias, model.classes, idx, value, out);
  return { logits: out, known: idx.length };
}
