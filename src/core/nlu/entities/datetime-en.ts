/**
 * English date/time expressions (yesterday 3pm, last Friday, March 5 at 10:30) via chrono-node, resolved in
 * Asia/Shanghai by giving chrono the +08:00 offset explicitly (its IANA-name support is partial).
 */
import * as chrono from 'chrono-node';
import { formatShanghai, toShanghai } from './shanghai-time.ts';
import type { FoundDateTime } from './datetime-zh.ts';

const SHANGHAI_OFFSET_MINUTES = 480;

/** The first English date/time expression in `text`; undefined when chrono finds none. */
export function findEnDateTime(text: string, now: Date): FoundDateTime | undefined {
  const results = chrono.en.casual.parse(text, { instant: now, timezone: SHANGHAI_OFFSET_MINUTES });
  const r = results[0];
  if (!r) return undefined;
  const w = toShanghai(r.start.date());
  if (!r.start.isCertain('hour')) {
    return { iso: formatShanghai(w.year, w.month, w.day), text: r.text, precision: 'day' };
  }
  const precision = r.start.isCertain('minute') && (w.minute !== 0 || /\d:\d\d/.test(r.text)) ? 'minute' : 'hour';
  return { iso: formatShanghai(w.year, w.month, w.day, w.hour, w.minute), text: r.text, precision };
}
