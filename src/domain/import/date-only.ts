/**
 * Date-only values (birthdays, effective dates, due dates, cooling-off ends) are stored as midnight UTC of the
 * calendar date. That instant reads as the same calendar date in UTC and in Asia/Shanghai (08:00), so a reader
 * formatting in either zone gets the date the insurer wrote down.
 */

const YMD_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a well-formed, real calendar date such as 2024-02-29 (2023-02-29 is false). */
export function isRealDate(ymd: string): boolean {
  const m = YMD_RE.exec(ymd);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** `2024-05-01` → 2024-05-01T00:00:00.000Z. */
export function dateOnly(ymd: string): Date {
  return new Date(`${ymd}T00:00:00.000Z`);
}

/** The calendar date of a stored date-only value (UTC reading). */
export function toYmd(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Adds calendar months, clamping to the month's last day (2024-01-31 + 1 month → 2024-02-29). */
export function addMonths(ymd: string, months: number): string {
  const [y, m, d] = ymd.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return toYmd(first);
}
