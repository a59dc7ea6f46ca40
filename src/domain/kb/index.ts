/** Anxin's knowledge base for general insurance questions: staff-edited YAML in kb/, Chinese-aware retrieval. */
export { loadKnowledgeBase, defaultKbDir, DEFAULT_CONFIDENCE } from './knowledge-base.ts';
export type { ConfidencePolicy, LoadOptions } from './knowledge-base.ts';
export { KB_LINES } from './types.ts';
export type { KbAnswer, KbEntry, KbHit, KbLine, KbSynonyms, KbText, KnowledgeBase } from './types.ts';
