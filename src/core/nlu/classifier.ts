/**
 * The intent classifier: softmax regression over {@link extractFeatures}, temperature-scaled so that confidence
 * tracks accuracy, then narrowed by the keyword {@link matchRule rules}.
 */
import { extractFeatures, type Segmenter } from './features.ts';
import { normalizeForClassifier } from './normalize.ts';
import { matchRule } from './rules.ts';
import { DEFAULT_TRAIN_OPTIONS, scoreSoftmax, softmaxInPlace, trainSoftmax, type SoftmaxModel, type TrainOptions } from './softmax.ts';
import { INTENTS, type Example, type Intent } from './types.ts';

/**
 * Logit temperature. Fitted by 5-fold cross-validation on the training set (minimum negative log-likelihood of the
 * out-of-fold predictions; `npx tsx src/core/nlu/tools/calibrate.ts` recomputes it). Above 1 softens the
 * over-confident raw scores of a model trained to near-zero training loss.
 */
export const DEFAULT_TEMPERATURE = 1;

export interface IntentModel {
  softmax: SoftmaxModel;
  temperature: number;
  segment?: Segmenter;
}

export interface RankedIntent {
  intent: Intent;
  confidence: number;
}

export interface IntentPrediction {
  /** All intents, most likely first; confidences sum to 1. */
  ranked: RankedIntent[];
  /** The keyword rule that narrowed the choice, if any. */
  rule?: string;
}

export function trainIntentModel(
  examples: Example[],
  options: { train?: TrainOptions; temperature?: number; segment?: Segmenter } = {},
): IntentModel {
  const { segment } = options;
  const samples = examples.map((e) => ({ features: extractFeatures(e.text, segment), label: INTENTS.indexOf(e.intent) }));
  return {
    softmax: trainSoftmax(samples, INTENTS.length, options.train ?? DEFAULT_TRAIN_OPTIONS),
    temperature: options.temperature ?? DEFAULT_TEMPERATURE,
    segment,
  };
}

/** Raw model logits for a text (used by calibration). */
export function intentLogits(model: IntentModel, text: string): Float64Array {
  return scoreSoftmax(model.softmax, extractFeatures(text, model.segment)).logits;
}

// Share of the probability mass a rule moves onto its allowed intents; the rest keeps the model's own view so the
// alternatives stay meaningful.
const RULE_WEIGHT = 0.95;

export function predictIntent(model: IntentModel, text: string, useRules = true): IntentPrediction {
  const probs = intentLogits(model, text);
  softmaxInPlace(probs, model.temperature);
  const hit = useRules ? matchRule(normalizeForClassifier(text)) : undefined;
  if (hit) {
    const allowed = new Set(hit.allowed.map((i) => INTENTS.indexOf(i)));
    let mass = 0;
    for (const k of allowed) mass += probs[k];
    for (let k = 0; k < probs.length; k++) {
      const inside = allowed.has(k) ? (mass > 0 ? probs[k] / mass : 1 / allowed.size) : 0;
      probs[k] = RULE_WEIGHT * inside + (1 - RULE_WEIGHT) * probs[k];
    }
  }
  const ranked = INTENTS.map((intent, k) => ({ intent, confidence: probs[k] })).sort((a, b) => b.confidence - a.confidence);
  return hit ? { ranked, rule: hit.rule } : { ranked };
}
