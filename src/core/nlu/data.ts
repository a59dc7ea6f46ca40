/** Loading labelled utterances (`{"text": "...", "intent": "..."}` per line). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnxinError } from '../errors.ts';
import { INTENTS, type Example, type Intent } from './types.ts';

const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

/** The bundled training set. */
export const TRAIN_FILE = path.join(DATA_DIR, 'train.jsonl');
/** The bundled held-out evaluation set: never used for training. */
export const EVAL_FILE = path.join(DATA_DIR, 'eval.jsonl');
/**
 * A second held-out set, written from real customer phrasing before the question-vs-action tuning of issue 11 and
 * never used to tune lexicons, rules or training data.
 */
export const HELDOUT_FILE = path.join(DATA_DIR, 'heldout.jsonl');

const isIntent = (s: unknown): s is Intent => typeof s === 'string' && (INTENTS as readonly string[]).includes(s);

/** Parses JSONL text; blank lines are skipped, anything else malformed is an `nlu_bad_data` error naming the line. */
export function parseExamples(jsonl: string, source = 'input'): Example[] {
  const out: Example[] = [];
  jsonl.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let row: { text?: unknown; intent?: unknown };
    try {
      row = JSON.parse(line);
    } catch {
      throw new AnxinError('nlu_bad_data', `${source}:${i + 1}: not JSON`);
    }
    if (typeof row.text !== 'string' || !isIntent(row.intent)) {
      throw new AnxinError('nlu_bad_data', `${source}:${i + 1}: needs "text" and an "intent" among ${INTENTS.join(', ')}`);
    }
    out.push({ text: row.text, intent: row.intent });
  });
  return out;
}

export function loadExamples(file: string): Example[] {
  return parseExamples(readFileSync(file, 'utf8'), path.basename(file));
}
