import type { Lang } from '../../i18n/index.ts';

/** Lines of business a knowledge-base entry can belong to. `general` covers process, service and consumer topics. */
export const KB_LINES = ['life', 'health', 'accident', 'auto', 'property', 'travel', 'general'] as const;
export type KbLine = (typeof KB_LINES)[number];

/** One language side of an entry: the canonical question, other ways customers ask it, and the answer. */
export interface KbText {
  question: string;
  alternatives: string[];
  answer: string;
}

/** A knowledge-base entry as staff write it in `kb/*.yaml`, plus the file it came from. */
export interface KbEntry {
  /** Stable kebab-case id, unique across all files (dialogs and analytics refer to it). */
  id: string;
  lines: KbLine[];
  tags: string[];
  zh: KbText;
  en: KbText;
  /** File name relative to the knowledge-base folder, e.g. `auto.yaml`. */
  source: string;
}

/** A ranked search result. `question` and `answer` are in the language searched. */
export interface KbHit {
  entry: KbEntry;
  /** Relevance (BM25 from MiniSearch); comparable only within one query. */
  score: number;
  /** Share (0–1) of the query's information (IDF-weighted terms) that the entry's wording covers. */
  coverage: number;
  question: string;
  answer: string;
}

/** The reply-ready outcome of {@link KnowledgeBase.answer}. */
export interface KbAnswer {
  entry: KbEntry;
  answer: string;
  score: number;
  coverage: number;
  /** True when the top hit is good enough to send as the answer without asking back. */
  confident: boolean;
  /** Entries for the other questions asked in the same message, whose answers follow the first in `answer`. */
  more?: KbEntry[];
  /** When not confident: the 2–3 likeliest question titles to offer as choices; empty when confident. */
  suggestions: string[];
}

/** The loaded, indexed knowledge base. Everything is synchronous after {@link loadKnowledgeBase}. */
export interface KnowledgeBase {
  /** All entries in file order (files sorted by name), for listing and admin pages. */
  readonly entries: readonly KbEntry[];
  get(id: string): KbEntry | undefined;
  /** Ranked entries for a free-text question; best first, at most `limit` (default 5). */
  search(query: string, lang: Lang, limit?: number): KbHit[];
  /** The best answer with a confidence decision, or null when nothing matches at all. */
  answer(query: string, lang: Lang): KbAnswer | null;
}

/** Synonym groups and extra segmentation words from `kb/synonyms.yaml`. */
export interface KbSynonyms {
  zh: string[][];
  en: string[][];
  words: string[];
}
