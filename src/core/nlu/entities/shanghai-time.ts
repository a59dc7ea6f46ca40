/** Wall-clock arithmetic in Asia/Shanghai (UTC+8 all year: China has had no daylight saving time since 1991). */

const OFFSET_MS = 8 * 3600_000;

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  weekday: number; // 1 = Monday … 7 = Sunday (the Chinese week starts on Monday)
}

/** The Shanghai wall time of an instant. */
export function toShanghai(d: Date): WallTime {
  const s = new Date(d.getTime() + OFFSET_MS);
  const wd = s.getUTCDay();
  return {
    year: s.getUTCFullYear(),
    month: s.getUTCMonth() + 1,
    day: s.getUTCDate(),
    hour: s.getUTCHours(),
    minute: s.getUTCMinutes(),
    weekday: wd === 0 ? 7 : wd,
  };
}

/** The Shanghai calendar date `days` after (y, m, d); handles month/year roll-over. */
export function addDays(y: number, m: number, d: number, days: number): { year: number; month: number; day: number } {
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** Whether y-m-d is a real calendar date. */
export function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DDTHH:mm:00+08:00`. */
export function formatShanghai(y: number, m: number, d: number, h = 0, min = 0): string {
  return `${y}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(min)}:00+08:00`;
}
