/** Evaluation of an intent classifier on labelled utterances: per-intent precision/recall/F1 and a confusion matrix. */
import { INTENTS, type Example, type Intent } from './types.ts';

export interface IntentScore {
  intent: Intent;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface EvalReport {
  total: number;
  correct: number;
  accuracy: number;
  perIntent: IntentScore[];
  /** confusion[expected][predicted] = count, in {@link INTENTS} order. */
  confusion: number[][];
  errors: Array<{ text: string; expected: Intent; predicted: Intent }>;
}

/** Scores predictions (`predict` returns an intent per text) against the labels. */
export function evaluate(examples: Example[], predict: (text: string) => Intent): EvalReport {
  const n = INTENTS.length;
  const confusion = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const errors: EvalReport['errors'] = [];
  let correct = 0;
  for (const e of examples) {
    const predicted = predict(e.text);
    confusion[INTENTS.indexOf(e.intent)][INTENTS.indexOf(predicted)]++;
    if (predicted === e.intent) correct++;
    else errors.push({ text: e.text, expected: e.intent, predicted });
  }
  const perIntent = INTENTS.map((intent, i) => {
    const tp = confusion[i][i];
    const predictedCount = confusion.reduce((s, row) => s + row[i], 0);
    const support = confusion[i].reduce((s, v) => s + v, 0);
    const precision = predictedCount ? tp / predictedCount : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { intent, precision, recall, f1, support };
  });
  return { total: examples.length, correct, accuracy: examples.length ? correct / examples.length : 0, perIntent, confusion, errors };
}

const ABBREV: Record<Intent, string> = {
  inquiry: 'inq',
  claim_report: 'c_rep',
  claim_status: 'c_st',
  complaint: 'cmp',
  complaint_status: 'cmp_st',
  policy_service: 'svc',
  whistleblow: 'wb',
  human_agent: 'human',
  unsubscribe: 'unsub',
  greeting: 'greet',
  other: 'other',
};

/** Plain-text report; the last line is always `accuracy: 0.xxx`. */
export function formatReport(r: EvalReport): string {
  const lines: string[] = [];
  lines.push(`${'intent'.padEnd(18)}${'precision'.padStart(10)}${'recall'.padStart(10)}${'f1'.padStart(10)}${'support'.padStart(9)}`);
  for (const s of r.perIntent) {
    lines.push(
      `${s.intent.padEnd(18)}${s.precision.toFixed(3).padStart(10)}${s.recall.toFixed(3).padStart(10)}${s.f1.toFixed(3).padStart(10)}${String(s.support).padStart(9)}`,
    );
  }
  lines.push('', 'confusion matrix (rows: expected, columns: predicted)');
  const w = 7;
  lines.push(''.padEnd(18) + INTENTS.map((i) => ABBREV[i].padStart(w)).join(''));
  r.confusion.forEach((row, i) => lines.push(INTENTS[i].padEnd(18) + row.map((v) => String(v).padStart(w)).join('')));
  lines.push('', `correct: ${r.correct}/${r.total}`);
  lines.push(`accuracy: ${r.accuracy.toFixed(3)}`);
  return lines.join('\n');
}
