/** What running one corpus conversation found. */

/** One check: a turn expectation or an `expect` entry, passed or failed with the reason. */
export interface Check {
  ok: boolean;
  /** 1-based turn number; absent for the final `expect` block. */
  turn?: number;
  /** The customer's text of that turn ("[photo]" for a photo). */
  user?: string;
  /** e.g. `reply /保单/`, `flow claim_report`, `expect.claim.place`. */
  what: string;
  /** Why it failed (actual value), or a short note when it passed. */
  detail?: string;
  /** The bot's replies of that turn (text plus [buttons]), for failed turn checks. */
  replies?: string[];
}

export interface ConversationResult {
  id: string;
  group: string;
  file: string;
  title: string;
  /** Every check passed (a knownFailure conversation can pass too: then its mark should be removed). */
  passed: boolean;
  knownFailure?: string;
  checks: Check[];
  /** Wall time of the run, ms. */
  ms: number;
}

export const failures = (r: ConversationResult): Check[] => r.checks.filter((c) => !c.ok);

/** One line for a check, e.g. `turn 3 "算了吧": reply /取消/ — no reply matched; replies: …`. */
export function describeCheck(c: Check): string {
  const where = c.turn !== undefined ? `turn ${c.turn} ${JSON.stringify(c.user ?? '')}: ` : '';
  const detail = c.detail ? ` — ${c.detail}` : '';
  const replies = !c.ok && c.replies ? `; replies: ${c.replies.length ? c.replies.map((r) => JSON.stringify(r)).join(' | ') : '(none)'}` : '';
  return `${where}${c.what}${detail}${replies}`;
}
