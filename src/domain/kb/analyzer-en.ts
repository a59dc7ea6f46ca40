import type { Analyzer } from './search-index.ts';
import { englishPhraseTable } from './synonyms.ts';
import { normalize } from './text.ts';
import type { KbSynonyms } from './types.ts';

const STOPWORDS = new Set(
  `a an the is are was were be been being am do does did doing done i me my mine myself you your yours we our us
  he she it its they them their this that these those what which who whom whose how why when where there here
  to of in on at for from by with about as into over than too very so and or but if then also just any some all
  can could will would shall should may might must have has had having get got getting please hi hello hey thanks
  thank ok okay s t d ll m re ve much many really actually still yet anyone someone something anything
  tell know need want like let don doesn didn isn aren wasn weren won`
    .split(/\s+/)
    .filter(Boolean),
);

/** Undo a doubled final consonant left by stripping -ed/-ing: cancell → cancel, stopp → stop (but pass stays). */
function undouble(w: string): string {
  const n = w.length;
  return n > 3 && w[n - 1] === w[n - 2] && !'aeiousy'.includes(w[n - 1]) ? w.slice(0, -1) : w;
}

/**
 * A deliberately light stemmer (plural, -ed, -ing, final e). Aggressive stemmers conflate insurance words that
 * must stay apart (policy/police); this only folds the inflections customers actually vary.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

function rawStems(text: string): string[] {
  return (normalize(text).replace(/[’‘]/g, "'").match(/[a-z0-9]+/g) ?? []).map(stem);
}

/**
 * English analyser: lower-case → split on non-alphanumerics → light stemming → fold synonym phrases → drop
 * stopwords. Synonyms are folded before stopwords go, so phrases such as "can't find" still match.
 */
export function createEnAnalyzer(synonyms: KbSynonyms): Analyzer {
  const phrases = englishPhraseTable(synonyms.en, rawStems);
  const stopStems = new Set([...STOPWORDS].map(stem));
  return {
    analyze(text) {
      return { words: phrases.rewrite(rawStems(text)).filter((t) => !STOPWORDS.has(t) && !stopStems.has(t)), grams: [] };
    },
    subterms: () => [],
  };
}
