import MiniSearch, { type SearchOptions } from 'minisearch';
import { normalize } from './text.ts';
import type { KbEntry, KbText } from './types.ts';

/** Field boosts: the entry's own question matters most, then other phrasings and tags, the answer body least. */
const BOOST = { title: 3, alts: 2, tags: 1.5, answer: 1 } as const;
/** Rank order = BM25 × (COVERAGE_WEIGHT + coverage), over the BM25 top `limit + RERANK_EXTRA`; `score` stays BM25. */
const COVERAGE_WEIGHT = 1;
const RERANK_EXTRA = 5;
/** In coverage, a query word found only in the answer body counts this much of one found in the questions. */
const ANSWER_ONLY_CREDIT = 0.5;

/** How one language turns text into index terms. */
export interface Analyzer {
  /** `words`: meaningful units, used for ranking and coverage; `grams`: extra ranking-only terms (Chinese bigrams). */
  analyze(text: string): { words: string[]; grams: string[] };
  /** Smaller pieces of a word that earn partial coverage credit when the whole word is not in an entry. */
  subterms(word: string): string[];
  /** Optional query-only repair before analysis (Chinese homophone typos); entries are indexed as written. */
  correct?(text: string): { text: string; corrections: Array<{ from: string; to: string }> };
}

export interface LangIndexOptions {
  analyzer: Analyzer;
  /** English allows prefix matches of longer terms (reimburs → reimbursement); Chinese bigrams need none. */
  prefix: boolean;
  /**
   * Spelling tolerance: a query word the index does not know is read as the indexed word one edit away (two for
   * words of eight letters or more), when there is one — "grase" → "grace". English only; Chinese uses homophones.
   */
  fuzzy?: boolean;
}

export interface RankedEntry {
  index: number;
  score: number;
  /** covered / total query information, 0–1. */
  coverage: number;
  /**
   * Query information the entry covers (sum of the IDF of matched words), in units of the IDF of a word no entry
   * uses — so a single word unique to one entry is worth about 0.8, two such words about 1.6. Independent of KB size.
   */
  evidence: number;
  /** The query is, up to case, spacing and punctuation, one of this entry's own phrasings (e.g. a tapped suggestion). */
  exact: boolean;
  /**
   * Per query word, the credit (0–1) this entry earns times the word's IDF, in evidence units; lets the caller
   * see how much of the query the first entry covers that the runner-up does not (see {@link leadOver}).
   */
  credits: number[];
}

/** Evidence the first entry covers that the second does not: a distinctive word only the first holds is ≈ 0.8. */
export function leadOver(first: RankedEntry, second: RankedEntry | undefined): number {
  if (!second) return first.evidence;
  return first.credits.reduce((sum, c, i) => sum + Math.max(0, c - (second.credits[i] ?? 0)), 0);
}

/** Optimal-string-alignment distance (a swap of neighbours is one edit), cut off once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      row.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length];
}

/** Key for exact-phrasing lookups: case, spaces, punctuation and emoji do not matter. */
function phrasingKey(text: string): string {
  return normalize(text).replace(/[^\p{L}\p{N}]/gu, '');
}

interface TermStats {
  /** Entries (by index) whose question, alternatives or tags contain the term. */
  strong: Set<number>;
  /** Entries whose answer contains the term. */
  weak: Set<number>;
}

function idfOf(documentFrequency: number, entryCount: number): number {
  return Math.log(1 + entryCount / (documentFrequency + 0.5));
}

type Doc = { id: number; title: string; alts: string; tags: string; answer: string };

/**
 * The index for one language. MiniSearch (BM25 over words and bigrams) ranks; a table of which entries contain
 * which term gives the IDF-weighted coverage of the query's words, which decides confidence.
 */
export class LangIndex {
  private readonly search: MiniSearch<Doc>;
  private readonly searchOptions: SearchOptions;
  private readonly terms = new Map<string, TermStats>();
  /** Sorted vocabulary, for prefix lookups in English. */
  private readonly vocabulary: string[];
  private readonly entryCount: number;
  /** Each question and alternative (by {@link phrasingKey}) → the first entry that uses it. */
  private readonly phrasings = new Map<string, number>();

  constructor(
    entries: readonly KbEntry[],
    side: (e: KbEntry) => KbText,
    private readonly options: LangIndexOptions,
  ) {
    const terms = (text: string) => {
      const { words, grams } = options.analyzer.analyze(text);
      return [...words, ...grams];
    };
    this.search = new MiniSearch<Doc>({
      idField: 'id',
      fields: ['title', 'alts', 'tags', 'answer'],
      tokenize: terms,
      processTerm: (term) => term,
    });
    this.searchOptions = {
      boost: { ...BOOST },
      combineWith: 'OR',
      // Queries arrive already analysed (space-joined terms), so search-time tokenising is a plain split.
      tokenize: (text) => text.split(' ').filter(Boolean),
      processTerm: (term) => term,
      prefix: options.prefix ? (term) => term.length >= 5 : false,
      fuzzy: false,
    };
    entries.forEach((entry, index) => {
      const text = side(entry);
      const doc = { id: index, title: text.question, alts: text.alternatives.join('\n'), tags: entry.tags.join(' '), answer: text.answer };
      this.search.add(doc);
      for (const phrasing of [text.question, ...text.alternatives]) {
        const key = phrasingKey(phrasing);
        if (key && !this.phrasings.has(key)) this.phrasings.set(key, index);
      }
      for (const term of terms(`${doc.title}\n${doc.alts}\n${doc.tags}`)) this.stats(term).strong.add(index);
      for (const term of terms(doc.answer)) this.stats(term).weak.add(index);
    });
    this.vocabulary = [...this.terms.keys()].sort();
    this.entryCount = entries.length;
  }

  private stats(term: string): TermStats {
    let s = this.terms.get(term);
    if (!s) this.terms.set(term, (s = { strong: new Set(), weak: new Set() }));
    return s;
  }

  /** Vocabulary terms a query term stands for: itself, plus longer words it prefixes (English only). */
  private forms(term: string): TermStats[] {
    if (!this.options.prefix || term.length < 5) {
      const s = this.terms.get(term);
      return s ? [s] : [];
    }
    let lo = 0;
    let hi = this.vocabulary.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.vocabulary[mid] < term) lo = mid + 1;
      else hi = mid;
    }
    const out: TermStats[] = [];
    for (let i = lo; i < this.vocabulary.length && this.vocabulary[i].startsWith(term); i++) out.push(this.terms.get(this.vocabulary[i])!);
    return out;
  }

  /** 1 when the entry's questions or tags hold the term, ANSWER_ONLY_CREDIT when only its answer does, else 0. */
  private credit(forms: TermStats[], index: number): number {
    let best = 0;
    for (const s of forms) {
      if (s.strong.has(index)) return 1;
      if (s.weak.has(index)) best = ANSWER_ONLY_CREDIT;
    }
    return best;
  }

  private idf(forms: TermStats[]): number {
    const holders = new Set<number>();
    for (const s of forms) {
      s.strong.forEach((i) => holders.add(i));
      s.weak.forEach((i) => holders.add(i));
    }
    return idfOf(holders.size, this.entryCount);
  }

  /**
   * Ranks entries for a query; coverage is computed for the returned entries only. A query that is exactly one of
   * an entry's phrasings puts that entry first, so a suggestion the customer taps always leads to its own answer.
   */
  query(text: string, limit: number): RankedEntry[] {
    const ranked = this.rank(text, limit);
    const exact = this.phrasings.get(phrasingKey(text));
    if (exact === undefined) return ranked;
    const at = ranked.findIndex((r) => r.index === exact);
    const own = at >= 0 ? ranked.splice(at, 1)[0] : this.rank(text, this.entryCount).find((r) => r.index === exact);
    if (!own) return ranked;
    const first = { ...own, score: Math.max(own.score, ranked[0]?.score ?? 0), exact: true };
    return [first, ...ranked].slice(0, limit);
  }

  /** The indexed term a misspelt word most likely stands for, or the word itself. */
  private spell(word: string): string {
    if (!this.options.fuzzy || word.length < 4 || /\d/.test(word) || this.forms(word).length > 0) return word;
    const max = word.length >= 8 ? 2 : 1;
    let best: string | undefined;
    let bestDistance = max + 1;
    let bestHolders = -1;
    for (const term of this.vocabulary) {
      if (Math.abs(term.length - word.length) > max || term.length < 4) continue;
      const d = editDistance(word, term, max);
      if (d > max) continue;
      const s = this.terms.get(term)!;
      const holders = s.strong.size * 2 + s.weak.size;
      if (d < bestDistance || (d === bestDistance && holders > bestHolders)) {
        best = term;
        bestDistance = d;
        bestHolders = holders;
      }
    }
    return best ?? word;
  }

  private rank(query: string, limit: number): RankedEntry[] {
    const text = this.options.analyzer.correct?.(query).text ?? query;
    const analysed = this.options.analyzer.analyze(text);
    const words = analysed.words.map((w) => this.spell(w));
    const grams = analysed.grams;
    if (words.length === 0 && grams.length === 0) return [];
    // A word no entry uses gets the highest IDF, so words from other topics pull coverage down.
    const weighted = [...new Set(words)].map((word) => {
      const forms = this.forms(word);
      const parts = forms.length > 0 ? [] : this.options.analyzer.subterms(word).map((p) => this.forms(p));
      return { forms, parts, weight: this.idf(forms) };
    });
    const total = weighted.reduce((sum, w) => sum + w.weight, 0);
    const unit = idfOf(0, this.entryCount);
    return this.search
      .search([...words, ...grams].join(' '), this.searchOptions)
      .slice(0, limit + RERANK_EXTRA)
      .map((r) => {
        const index = r.id as number;
        let covered = 0;
        const credits: number[] = [];
        for (const w of weighted) {
          const credit =
            w.forms.length > 0
              ? this.credit(w.forms, index)
              : w.parts.length > 0
                ? w.parts.reduce((sum, p) => sum + this.credit(p, index), 0) / w.parts.length
                : 0;
          covered += credit * w.weight;
          credits.push((credit * w.weight) / unit);
        }
        const coverage = total > 0 ? covered / total : 0;
        // BM25 alone favours an entry repeating one query word; weighing in how much of the question the entry
        // covers puts "my premium debit failed, what happens now?" on the grace period, not on changing the card.
        return { index, score: r.score, coverage, evidence: covered / unit, exact: false, credits };
      })
      .map((r) => ({ r, order: r.score * (COVERAGE_WEIGHT + r.coverage) }))
      .sort((a, b) => b.order - a.order)
      .slice(0, limit)
      .map(({ r }) => r);
  }
}
