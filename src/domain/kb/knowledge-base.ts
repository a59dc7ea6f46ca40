import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lang } from '../../i18n/index.ts';
import { createEnAnalyzer } from './analyzer-en.ts';
import { createZhAnalyzer } from './analyzer-zh.ts';
import { readKnowledgeFiles } from './read-files.ts';
import { fitsLines, namedLines } from './named-lines.ts';
import { LangIndex, leadOver, type RankedEntry } from './search-index.ts';
import type { KbAnswer, KbHit, KnowledgeBase } from './types.ts';

/**
 * When the top hit may be sent as the answer without asking back: always when the query is exactly one of the
 * entry's own phrasings (a tapped suggestion); otherwise all three must hold:
 * - `minEvidence`: the entry covers real information from the query — more than one distinctive word's worth
 *   (units: the IDF of a word no entry uses; one word unique to a single entry is ≈ 0.8);
 * - `minCoverage`: the query is not mostly about something else;
 * - no near tie: runner-up score / top score ≤ `maxRunnerUpRatio`, unless coverage ≥ `sureCoverage` or the top
 *   entry covers at least `minLead` evidence the runner-up does not (its distinctive word: "grace" in "how long is
 *   the grace period" against the waiting-period entry, which shares "how long" and "period").
 * When not confident, an entry is offered as a "did you mean" suggestion only when it is genuinely close:
 * coverage ≥ `suggestCoverage` and evidence ≥ `suggestEvidence`; otherwise the customer hears an honest "I don't
 * know" and is offered a person, not unrelated buttons.
 * Calibrated on test/domain/kb/fixtures/scope.ts and paraphrases.ts (in-scope paraphrases, typos and English
 * against out-of-scope requests); test/domain/kb/scope.test.ts prints precision and recall, `npm run bench kb`
 * the rates on the held-out list. Staff can tighten it per deployment through {@link LoadOptions}.
 */
export interface ConfidencePolicy {
  minEvidence: number;
  minCoverage: number;
  maxRunnerUpRatio: number;
  sureCoverage: number;
  minLead: number;
  suggestCoverage: number;
  suggestEvidence: number;
}

export const DEFAULT_CONFIDENCE: ConfidencePolicy = {
  minEvidence: 0.8,
  minCoverage: 0.3,
  maxRunnerUpRatio: 0.7,
  sureCoverage: 0.75,
  minLead: 0.4,
  suggestCoverage: 0.6,
  suggestEvidence: 0.1,
};

export interface LoadOptions {
  confidence?: Partial<ConfidencePolicy>;
}

/** The repository's own `kb/` folder (staff-edited content). */
export function defaultKbDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../kb');
}

/** How many question titles to offer when not confident. */
const SUGGESTIONS = 3;

/** Whether a ranked entry is close enough to the question to be offered as a "did you mean" choice. */
export function isClose(r: RankedEntry, policy: ConfidencePolicy): boolean {
  return r.exact || (r.coverage >= policy.suggestCoverage && r.evidence >= policy.suggestEvidence);
}

/** Applies a confidence policy to ranked results (exported for calibration tools and tests). */
export function isConfident(ranked: readonly RankedEntry[], policy: ConfidencePolicy): boolean {
  const [top, runnerUp] = ranked;
  if (!top) return false;
  const clearWinner =
    !runnerUp ||
    runnerUp.score / top.score <= policy.maxRunnerUpRatio ||
    top.coverage >= policy.sureCoverage ||
    leadOver(top, runnerUp) >= policy.minLead;
  if (top.exact) return true;
  return top.evidence >= policy.minEvidence && top.coverage >= policy.minCoverage && clearWinner;
}

/** Clause breaks in one message holding several questions ("宽限期多久啊 过了还能复效吗", "…? And …"). */
const CLAUSE_BREAK = /[\s，,。？?！!；;]+|还有|另外|顺便问下?|\band also\b|\balso\b/i;
const substantialClause = (c: string) => (c.match(/\p{Script=Han}/gu)?.length ?? 0) >= 4 || (c.match(/[a-z]{2,}/gi)?.length ?? 0) >= 3;

/**
 * The other questions a confidently answered message also asks: each clause that, on its own, is answered by a
 * different entry, clearly (the whole message was in scope, so a clause needs full coverage and a clear lead rather
 * than the full evidence bar a message on its own needs). Entry indexes, at most two.
 */
function otherParts(query: string, answered: number, rankClause: (clause: string) => RankedEntry[], policy: ConfidencePolicy): number[] {
  const clauses = query.split(CLAUSE_BREAK).filter(substantialClause);
  if (clauses.length < 2) return [];
  const out: number[] = [];
  for (const clause of clauses) {
    const ranked = rankClause(clause);
    const [top, runnerUp] = ranked;
    if (!top || top.index === answered || out.includes(top.index)) continue;
    const clear = isConfident(ranked, policy) || (top.coverage >= policy.sureCoverage && top.evidence >= policy.minEvidence / 2 && (!runnerUp || runnerUp.score / top.score <= policy.maxRunnerUpRatio / 2));
    if (clear) out.push(top.index);
  }
  return out.slice(0, 2);
}

/**
 * Loads and validates every YAML file in `dir` (format: kb/README.md) and builds the Chinese and English
 * indexes. Throws `AnxinError('kb_invalid')` naming the file and the entry when anything is malformed.
 */
export async function loadKnowledgeBase(dir: string, options: LoadOptions = {}): Promise<KnowledgeBase> {
  const { entries, synonyms } = await readKnowledgeFiles(dir);
  const policy: ConfidencePolicy = { ...DEFAULT_CONFIDENCE, ...options.confidence };
  const zhPhrasings = entries.flatMap((e) => [e.zh.question, ...e.zh.alternatives, ...e.tags]);
  const indexes: Record<Lang, LangIndex> = {
    zh: new LangIndex(entries, (e) => e.zh, { analyzer: createZhAnalyzer(synonyms, zhPhrasings), prefix: false }),
    en: new LangIndex(entries, (e) => e.en, { analyzer: createEnAnalyzer(synonyms), prefix: true, fuzzy: true }),
  };
  const byId = new Map(entries.map((e) => [e.id, e]));
  Object.freeze(entries);

  // A question naming a line ("车险…") is answered only by that line's entries and general ones (see named-lines.ts).
  const rank = (query: string, lang: Lang, limit: number): RankedEntry[] => {
    const lines = namedLines(query);
    if (lines.size === 0) return indexes[lang].query(query, limit);
    return indexes[lang].query(query, limit + 8).filter((r) => r.exact || fitsLines(entries[r.index], lines)).slice(0, limit);
  };

  const toHit = (r: RankedEntry, lang: Lang): KbHit => {
    const entry = entries[r.index];
    return { entry, score: r.score, coverage: r.coverage, question: entry[lang].question, answer: entry[lang].answer };
  };

  return {
    entries,
    get: (id) => byId.get(id),
    search(query, lang, limit = 5) {
      return rank(query, lang, Math.max(1, Math.floor(limit))).map((r) => toHit(r, lang));
    },
    answer(query, lang): KbAnswer | null {
      const ranked = rank(query, lang, SUGGESTIONS);
      if (ranked.length === 0) return null;
      const top = toHit(ranked[0], lang);
      const confident = isConfident(ranked, policy);
      const more = confident ? otherParts(query, ranked[0].index, (clause) => rank(clause, lang, 2), policy) : [];
      return {
        entry: top.entry,
        answer: [top.answer, ...more.map((i) => entries[i][lang].answer)].join('\n\n'),
        ...(more.length ? { more: more.map((i) => entries[i]) } : {}),
        score: top.score,
        coverage: top.coverage,
        confident,
        suggestions: confident ? [] : ranked.filter((r) => isClose(r, policy)).map((r) => entries[r.index][lang].question),
      };
    },
  };
}
