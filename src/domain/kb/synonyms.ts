import { escapeRegExp } from './text.ts';

/**
 * Builds a function that rewrites every synonym in a (normalised) Chinese string to its group's canonical word.
 * Longest variants are tried first, and canonical words are part of the pattern, so `丢失` is not read as `丢` + `失`.
 */
export function chineseCanonicalizer(groups: string[][], normalize: (s: string) => string): (text: string) => string {
  const map = new Map<string, string>();
  for (const group of groups) {
    const canonical = normalize(group[0]);
    for (const word of group) {
      const w = normalize(word);
      if (w && !map.has(w)) map.set(w, canonical);
    }
  }
  if (map.size === 0) return (text) => text;
  const pattern = new RegExp(
    [...map.keys()]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|'),
    'g',
  );
  return (text) => text.replace(pattern, (m) => map.get(m) ?? m);
}

/** A phrase table over already-stemmed token sequences: `['free','look']` → `['cool','off']`. */
export interface PhraseTable {
  rewrite(tokens: string[]): string[];
}

/**
 * Builds the English synonym rewriter. Variants are tokenised and stemmed with the same functions as queries, so
 * inflections (`reimbursed`, `reimbursing`) need no separate listing. Matching is greedy, longest phrase first.
 */
export function englishPhraseTable(groups: string[][], toStems: (s: string) => string[]): PhraseTable {
  const table = new Map<string, string[]>();
  let longest = 1;
  for (const group of groups) {
    const canonical = toStems(group[0]);
    if (canonical.length === 0) continue;
    for (const variant of group) {
      const stems = toStems(variant);
      if (stems.length === 0) continue;
      const key = stems.join(' ');
      if (!table.has(key)) table.set(key, canonical);
      longest = Math.max(longest, stems.length);
    }
  }
  return {
    rewrite(tokens) {
      if (table.size === 0) return tokens;
      const out: string[] = [];
      let i = 0;
      while (i < tokens.length) {
        let matched = false;
        for (let n = Math.min(longest, tokens.length - i); n >= 1; n--) {
          const hit = table.get(tokens.slice(i, i + n).join(' '));
          if (hit) {
            out.push(...hit);
            i += n;
            matched = true;
            break;
          }
        }
        if (!matched) out.push(tokens[i++]);
      }
      return out;
    },
  };
}
