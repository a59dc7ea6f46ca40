/**
 * Near-duplicate detection for labelled utterances: a held-out sentence that differs from a training sentence only by
 * an emoji, punctuation, spacing or case (早上好呀 / 早上好呀☀️) measures memory, not generalisation.
 */
import { foldText } from './normalize.ts';

/** Held-out and training lines at least this similar (see {@link similarity}) count as duplicates. */
export const NEAR_DUPLICATE = 0.85;

/**
 * The comparable core of an utterance: NFKC + traditional→simplified, lower case, without emoji, punctuation, symbols
 * and whitespace.
 */
export function dedupeKey(text: string): string {
  return foldText(text)
    .toLowerCase()
    .replace(/\p{Extended_Pictographic}|[\u{FE00}-\u{FE0F}\u{1F3FB}-\u{1F3FF}\u200D\u20E3]/gu, '')
    .replace(/[\p{P}\p{S}\p{Z}\p{C}\s]+/gu, '');
}

/**
 * 2·LCS / (|a| + |b|) over code points (the ratio Python's difflib reports): 1 for equal strings, 0 for nothing in
 * common. Empty keys (a message of only emoji or punctuation) are compared as whole strings.
 */
export function similarity(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length + y.length === 0) return 1;
  let prev = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    const cur = [0];
    for (let j = 1; j <= y.length; j++) cur[j] = x[i - 1] === y[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    prev = cur;
  }
  return (2 * prev[y.length]) / (x.length + y.length);
}

/**
 * Every line of `held` whose key equals, or is at least `threshold` similar to, the key of a line of `train`, with
 * the closest training line. Pairs whose lengths alone rule out the threshold are skipped, so this stays fast on a
 * few thousand lines.
 */
// A message of only emoji/punctuation ("？？", "👍") keeps its raw form so that different ones stay different.
function keyed(text: string): { text: string; key: string; len: number } {
  const key = dedupeKey(text) || `#${foldText(text).replace(/\s+/g, '')}`;
  return { text, key, len: [...key].length };
}

export function nearDuplicates(
  held: readonly string[],
  train: readonly string[],
  threshold = NEAR_DUPLICATE,
): Array<{ text: string; match: string; similarity: number }> {
  const trainKeys = train.map((t) => keyed(t));
  const exact = new Map(trainKeys.map((t) => [t.key, t.text]));
  const out: Array<{ text: string; match: string; similarity: number }> = [];
  for (const text of held) {
    const { key, len } = keyed(text);
    const hit = exact.get(key);
    if (hit !== undefined) {
      out.push({ text, match: hit, similarity: 1 });
      continue;
    }
    let best = { match: '', similarity: 0 };
    for (const t of trainKeys) {
      // 2·min/(sum) bounds the ratio from above.
      if ((2 * Math.min(len, t.len)) / (len + t.len || 1) < threshold) continue;
      const s = similarity(key, t.key);
      if (s > best.similarity) best = { match: t.text, similarity: s };
    }
    if (best.similarity >= threshold) out.push({ text, ...best });
  }
  return out;
}
