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

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 12, learningRate: 0.4, l2: 1e-5, seed: 7 };

/** Relative weight of a feature before the document vector is scaled to unit length. */
export type FeatureWeight = (feature: string) => number;
const UNIT_WEIGHT: FeatureWeight = () => 1;

export interface SoftmaxModel {
  classes: number;
  featureWeight: FeatureWeight;
  vocabulary: Map<string, number>;
  /** Row-major weights: feature f, class k at f * classes + k. */
  weights: Float64Array;
  bias: Float64Array;
}

/** A document as indices into the vocabulary with their values (unit L2 norm over all its features). */
interface Doc {
  idx: Int32Array;
  values: Float64Array;
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

// Normalised over all features, known or not, so unfamiliar text gets flatter (less confident) scores.
function toDoc(features: string[], vocabulary: Map<string, number>, grow: boolean, weight: FeatureWeight): Omit<Doc, 'label'> {
  const idx: number[] = [];
  const values: number[] = [];
  let norm = 0;
  for (const f of features) {
    const w = weight(f);
    norm += w * w;
    let i = vocabulary.get(f);
    if (i === undefined && grow) {
      i = vocabulary.size;
      vocabulary.set(f, i);
    }
    if (i !== undefined) {
      idx.push(i);
      values.push(w);
    }
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return { idx: Int32Array.from(idx), values: Float64Array.from(values, (v) => v * scale) };
}

/** Trains on feature lists with integer labels 0..classes-1. */
export function trainSoftmax(
  samples: Array<{ features: string[]; label: number }>,
  classes: number,
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
  featureWeight: FeatureWeight = UNIT_WEIGHT,
): SoftmaxModel {
  const vocabulary = new Map<string, number>();
  const docs: Doc[] = samples.map((s) => ({ ...toDoc(s.features, vocabulary, true, featureWeight), label: s.label }));
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
      const { idx, values, label } = docs[di];
      logits(weights, bias, K, idx, values, scores);
      softmaxInPlace(scores, 1);
      scores[label] -= 1; // now the gradient of the loss with respect to the logits
      for (let k = 0; k < K; k++) {
        const g = scores[k];
        biasGrad2[k] += g * g;
        bias[k] -= (lr * g) / Math.sqrt(biasGrad2[k]);
      }
      for (let n = 0; n < idx.length; n++) {
        const base = idx[n] * K;
        const v = values[n];
        for (let k = 0; k < K; k++) {
          const w = base + k;
          const gw = scores[k] * v + l2 * weights[w];
          grad2[w] += gw * gw;
          weights[w] -= (lr * gw) / Math.sqrt(grad2[w]);
        }
      }
    }
  }
  return { classes: K, featureWeight, vocabulary, weights, bias };
}

function logits(weights: Float64Array, bias: Float64Array, K: number, idx: Int32Array, values: Float64Array, out: Float64Array): void {
  for (let k = 0; k < K; k++) out[k] = bias[k];
  for (let n = 0; n < idx.length; n++) {
    const base = idx[n] * K;
    const v = values[n];
    for (let k = 0; k < K; k++) out[k] += weights[base + k] * v;
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
  const { idx, values } = toDoc(features, model.vocabulary, false, model.featureWeight);
  const out = new Float64Array(model.classes);
  logits(model.weights, model.bias, model.classes, idx, values, out);
  return { logits: out, known: idx.length };
}
