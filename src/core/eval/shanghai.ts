/** Corpus dates are written as a person in Shanghai reads them: "YYYY-MM-DD HH:mm" in Asia/Shanghai (UTC+8, no DST). */
export function formatShanghai(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
