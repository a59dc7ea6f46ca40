/**
 * The intent classifier: softmax regression over {@link extractFeatures}, temperature-scaled so that confidence
 * tracks accuracy, then narrowed by the keyword {@link matchRule rules}.
 */
import { extractFeatures } from './features.ts';
import { normalizeForClassifier } from './normalize.ts';
import { matchRule } from './rules.ts';
import { DEFAULT_TRAIN_OPTIONS, scoreSoftmax, softmaxInPlace, trainSoftmax, type SoftmaxModel, type TrainOptions } from './softmax.ts';
import { INTENTS, type Example, type Intent } from './types.ts';

/**
 * Logit temperature. Fitted by 5-fold cross-validation on the training set (minimum negative log-likelihood of the
 * out-of-fold predictions; `npx tsx src/core/nlu/tools/cv.ts` recomputes it). Below 1 sharpens the raw scores,
 * which are under-confident after a few epochs of regularised training.
 */
export const DEFAULT_TEMPERATURE = 0.75;

/**
 * Weight of concept features (c:…, cc:…) relative to n-grams: there are few of them and they generalise, so they
 * must not drown among dozens of n-grams.
 */
export const CONCEPT_WEIGHT = 2;

export interface IntentModel {
  softmax: SoftmaxModel;
  temperature: number;
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
  options: { train?: TrainOptions; temperature?: number; conceptWeight?: number } = {},
): IntentModel {
  const cw = options.conceptWeight ?? CONCEPT_WEIGHT;
  const weight = (f: string) => (f.startsWith('c') ? cw : 1);
  const samples = examples.map((e) => ({ features: extractFeatures(e.text), label: INTENTS.indexOf(e.intent) }));
  return {
    softmax: trainSoftmax(samples, INTENTS.length, options.train ?? DEFAULT_TRAIN_OPTIONS, weight),
    temperature: options.temperature ?? DEFAULT_TEMPERATURE,
  };
}

/** Raw model logits for a text (used by calibration). */
export function intentLogits(model: IntentModel, text: string): Float64Array {
  return scoreSoftmax(model.softmax, extractFeatures(text)).logits;
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
