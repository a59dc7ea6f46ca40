import { addDays, daysBetween } from '../calendar/index.ts';

/**
 * Renewal premium reminders (续期缴费提醒) for instalment policies:
 * - `due_15`: the premium is due in 15 days (sent on the first run 15…4 days before);
 * - `due_3`: due in 3 days (3…0 days before);
 * - `grace_ending`: unpaid, and the 60-day grace period (宽限期, 《保险法》第三十六条) ends within 7 days;
 * - `lapsed`: unpaid after the grace period — the policy's cover is suspended (效力中止) and can be reinstated
 *   within two years (第三十七条); told during the first week after.
 * Windows rather than single days, so a day the server was down does not lose a reminder; the outbox key
 * (`reminder:<stage>:<policy>:<due date>`) keeps each one to a single message.
 */
export const GRACE_DAYS = 60;
export type RenewalStage = 'due_15' | 'due_3' | 'grace_ending' | 'lapsed';
export const RENEWAL_STAGES: readonly RenewalStage[] = ['due_15', 'due_3', 'grace_ending', 'lapsed'];

/** Earliest and latest due dates (relative to today) any stage looks at. */
export const RENEWAL_WINDOW = { pastDays: GRACE_DAYS + 8, futureDays: 15 } as const;

/** The reminder stage a premium due on `due` is in on `date`, or null. `paid` premiums get none. */
export function renewalStage(date: string, due: string, paid: boolean): RenewalStage | null {
  if (paid) return null;
  const d = daysBetween(date, due);
  if (d >= 4 && d <= 15) return 'due_15';
  if (d >= 0 && d <= 3) return 'due_3';
  const toGraceEnd = d + GRACE_DAYS;
  if (toGraceEnd >= 0 && toGraceEnd <= 7) return 'grace_ending';
  if (toGraceEnd >= -8 && toGraceEnd <= -1) return 'lapsed';
  return null;
}

/** The last day of the grace period for a premium due on `due`. */
export const graceEnd = (due: string): string => addDays(due, GRACE_DAYS);
