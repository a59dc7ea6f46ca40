import type { Clock } from '../../core/clock.ts';
import type { Db } from '../../db/client.ts';
import type { UnansweredQuestion } from '../../generated/sqlite/client.ts';
import type { Lang } from '../../i18n/index.ts';
import { maskText } from '../pii.ts';
import { normalize } from './text.ts';

/** Lifecycle of a recorded question: staff add an entry (or a phrasing) for it, or dismiss it. */
export const UNANSWERED_STATUSES = ['open', 'added', 'dismissed'] as const;
export type UnansweredStatus = (typeof UNANSWERED_STATUSES)[number];

/** Longest sample kept; customers sometimes paste whole documents. */
const MAX_SAMPLE = 500;

/**
 * What may be stored and shown to staff: ID, card and mobile numbers masked by {@link maskText}, plus e-mail
 * addresses and any other run of six or more digits (policy, claim and landline numbers point at a person too).
 */
export function maskQuestion(text: string): string {
  // E-mail first: maskText would keep the domain, a question keeps nothing of it.
  return maskText(text.trim().replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '***@***'))
    .replace(/(?<![\d*])\d{6,}(?![\d*])/g, (m) => '*'.repeat(m.length))
    .slice(0, MAX_SAMPLE);
}

/**
 * The key that groups repeats: masked, NFKC, lower-case, numbers (masked or not) folded to `#`, everything but
 * letters and digits dropped — "犹豫期多久？" and "犹豫期 多久" count as one question.
 */
export function normalizeQuestion(text: string): string {
  return normalize(maskQuestion(text))
    .replace(/[\d*]+/g, '#')
    .replace(/[^\p{L}\p{N}#]/gu, '');
}

export interface UnansweredInput {
  text: string;
  lang: Lang;
  conversationId?: string;
  /** The bot offered close "did you mean" suggestions instead of an answer. */
  hadSuggestions: boolean;
  /** The entry ranked first, if any. */
  topEntryId?: string;
}

/**
 * Records a question the knowledge base could not answer confidently: a new row, or one more ask of a question
 * already recorded (count, last wording, last asker). A dismissed question asked again stays dismissed; one marked
 * added that is still unanswered is reopened, since the added entry evidently does not catch it. Returns null for
 * text with nothing to record (only punctuation or emoji).
 */
export async function recordUnanswered(deps: { db: Db; clock: Clock }, input: UnansweredInput): Promise<UnansweredQuestion | null> {
  const normalized = normalizeQuestion(input.text);
  if (!normalized.replace(/#/g, '')) return null;
  const now = deps.clock.now();
  const sampleText = maskQuestion(input.text);
  const key = { normalized_lang: { normalized, lang: input.lang } };
  const existing = await deps.db.unansweredQuestion.findUnique({ where: key });
  return deps.db.unansweredQuestion.upsert({
    where: key,
    create: {
      normalized,
      lang: input.lang,
      sampleText,
      hadSuggestions: input.hadSuggestions,
      topEntryId: input.topEntryId ?? null,
      firstAskedAt: now,
      lastAskedAt: now,
      lastConversationId: input.conversationId ?? null,
    },
    update: {
      count: { increment: 1 },
      sampleText,
      hadSuggestions: input.hadSuggestions,
      topEntryId: input.topEntryId ?? null,
      lastAskedAt: now,
      lastConversationId: input.conversationId ?? null,
      ...(existing?.status === 'added' ? { status: 'open' } : {}),
    },
  });
}

/** Recorded questions, most-asked first (then most recent), optionally of one status. */
export function listUnanswered(db: Db, opts: { status?: UnansweredStatus; limit?: number } = {}): Promise<UnansweredQuestion[]> {
  return db.unansweredQuestion.findMany({
    where: opts.status ? { status: opts.status } : {},
    orderBy: [{ count: 'desc' }, { lastAskedAt: 'desc' }],
    take: opts.limit ?? 100,
  });
}
