/**
 * "The same complaint" (同一消费投诉) and "new facts" (新的事实和理由) as fuzzy text rules. A repeated complaint is
 * matched on the complainant plus the subject/category; whether it brings new facts is judged on how much of the
 * new account is not already on file.
 */

/** Han characters become bigrams, Latin text becomes lower-cased words; punctuation and spaces are dropped. */
export function textUnits(text: string): Set<string> {
  const units = new Set<string>();
  const lower = text.toLowerCase();
  for (const w of lower.match(/[a-z0-9]{2,}/g) ?? []) if (!STOP_WORDS.has(w)) units.add(w);
  for (const run of lower.match(/[\u4e00-\u9fff]+/g) ?? []) {
    if (run.length === 1) units.add(run);
    for (let i = 0; i + 1 < run.length; i++) units.add(run.slice(i, i + 2));
  }
  return units;
}

const STOP_WORDS = new Set(['the', 'and', 'to', 'of', 'a', 'is', 'was', 'it', 'my', 'me', 'in', 'on', 'for', 'that', 'with', 'this', 'he', 'she', 'they', 'i']);

/** Dice coefficient of two texts' units: 1 for the same words, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const ua = textUnits(a);
  const ub = textUnits(b);
  if (!ua.size || !ub.size) return 0;
  let common = 0;
  for (const u of ua) if (ub.has(u)) common++;
  return (2 * common) / (ua.size + ub.size);
}

/** The fields a repeat is matched on. */
export interface ComplaintKey {
  subject: string;
  category: string;
  policyNumber?: string | null;
}

/**
 * Same subject: the same policy number, or similar subjects; and the same category unless the subjects are
 * almost identical (the category is guessed from free text and may drift between two tellings).
 */
export function sameSubject(a: ComplaintKey, b: ComplaintKey): boolean {
  const sim = similarity(a.subject, b.subject);
  const contains = norm(a.subject).length >= 2 && norm(b.subject).length >= 2 && (norm(a.subject).includes(norm(b.subject)) || norm(b.subject).includes(norm(a.subject)));
  const samePolicy = Boolean(a.policyNumber && b.policyNumber && a.policyNumber.toUpperCase() === b.policyNumber.toUpperCase());
  const subjectMatch = samePolicy || contains || sim >= 0.5;
  return subjectMatch && (a.category === b.category || sim >= 0.8 || (samePolicy && contains));
}

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Share of the new account's units that must be new, and how many at least, to count as new facts. */
export const NEW_FACTS_SHARE = 0.5;
export const NEW_FACTS_MIN_UNITS = 4;

/**
 * Whether a repeat brings new facts or reasons: new materials always do; otherwise at least half of what the
 * customer says now (and a few words at least) must not be on file yet.
 */
export function hasNewFacts(onFile: string, told: string, newMaterials = 0): boolean {
  if (newMaterials > 0) return true;
  const known = textUnits(onFile);
  const now = textUnits(told);
  let fresh = 0;
  for (const u of now) if (!known.has(u)) fresh++;
  return fresh >= NEW_FACTS_MIN_UNITS && fresh / Math.max(1, now.size) >= NEW_FACTS_SHARE;
}
