/**
 * English date/time expressions (yesterday 3pm, last Friday, March 5 at 10:30, half an hour ago) via chrono-node,
 * resolved in Asia/Shanghai by giving chrono the +08:00 offset explicitly (its IANA-name support is partial).
 *
 * chrono-node (2.10) is used for everything it reads well; three gaps are filled by hand because customers report
 * the past: "last night around 2" (chrono: midnight, or 11:00 today for "last night at 11"), "on the 28th" (chrono:
 * nothing) and dates without a year ("Dec 5" said in November is last December, not next month).
 */
import * as chrono from 'chrono-node';
import { addDays, formatShanghai, isValidDate, toShanghai } from './shanghai-time.ts';
import type { FoundDateTime } from './datetime-zh.ts';

const SHANGHAI_OFFSET_MINUTES = 480;
const parse = (text: string, now: Date) => chrono.en.casual.parse(text, { instant: now, timezone: SHANGHAI_OFFSET_MINUTES });

const LAST_NIGHT = /\b(?:last night|yesterday (?:evening|night))\b(?:\s*(?:at|around|about|near|~)?\s*(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?![\d:]))?/i;
const DAY_OF_MONTH = /\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b|\b(?:on\s+)(\d{1,2})(?:st|nd|rd|th)\b/i;
const PART_OF_DAY = /\b(morning|afternoon|evening|night|noon|midnight|lunch ?time)\b/i;

/** "last night around 2" → 02:00 today (or the day before when still to come); "last night at 11" → 23:00 yesterday. */
function lastNight(text: string, nowDate: Date): FoundDateTime | undefined {
  const m = LAST_NIGHT.exec(text);
  if (!m) return undefined;
  const now = toShanghai(nowDate);
  const yesterday = addDays(now.year, now.month, now.day, -1);
  if (m[1] === undefined) {
    return { iso: formatShanghai(yesterday.year, yesterday.month, yesterday.day, 20), text: m[0].trim(), precision: 'hour' };
  }
  let hour = Number(m[1]);
  const minute = m[2] ? Number(m[2]) : 0;
  if (hour > 12 || minute > 59) return undefined;
  const precision = m[2] ? 'minute' : 'hour';
  const am = /^a/i.test(m[3] ?? '');
  if (am || hour <= 5 || hour === 12) {
    // Small hours: the night just past belongs to today's date.
    if (hour === 12) hour = 0;
    const today = formatShanghai(now.year, now.month, now.day, hour, minute);
    const iso = new Date(today).getTime() <= nowDate.getTime() ? today : formatShanghai(yesterday.year, yesterday.month, yesterday.day, hour, minute);
    return { iso, text: m[0].trim(), precision };
  }
  return { iso: formatShanghai(yesterday.year, yesterday.month, yesterday.day, hour + 12, minute), text: m[0].trim(), precision };
}

/** "on the 28th [at 8pm]": the most recent 28th on or before today, with a time when one is said. */
function dayOfMonth(text: string, nowDate: Date): FoundDateTime | undefined {
  const m = DAY_OF_MONTH.exec(text);
  if (!m) return undefined;
  const day = Number(m[1] ?? m[2]);
  const now = toShanghai(nowDate);
  const back = day > now.day ? addDays(now.year, now.month, 1, -1) : now;
  if (!isValidDate(back.year, back.month, day)) return undefined;
  const time = parse(text.slice(m.index + m[0].length), nowDate).find((r) => r.start.isCertain('hour') && !r.start.isCertain('day'));
  if (!time) return { iso: formatShanghai(back.year, back.month, day), text: m[0].trim(), precision: 'day' };
  const hour = time.start.get('hour') ?? 0;
  const minute = time.start.get('minute') ?? 0;
  return { iso: formatShanghai(back.year, back.month, day, hour, minute), text: `${m[0].trim()} ${time.text}`, precision: minute ? 'minute' : 'hour' };
}

/** The first English date/time expression in `text`; undefined when none is found. */
export function findEnDateTime(text: string, now: Date): FoundDateTime | undefined {
  const found = findRaw(text, now);
  return found && { ...found, text: found.text.replace(/[,.;:\s]+$/, '') };
}

// Words without which chrono finds nothing; checking them first keeps chrono (the costliest part of understanding a
// message) off the many English messages that carry no date ("how long is the grace period": 2.4 ms → 0.01 ms).
const DATE_CUE =
  /\d|\b(?:today|tonight|yesterday|tomorrow|now|ago|last|next|this|past|morning|noon|afternoon|evening|night|midnight|am|pm|o'?clock|half|quarter|hours?|minutes?|days?|weeks?|months?|years?|mon|tues?|wed|thu(?:rs)?|fri|sat|sun|(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/i;

function findRaw(text: string, now: Date): FoundDateTime | undefined {
  if (!DATE_CUE.test(text)) return undefined;
  const special = lastNight(text, now) ?? dayOfMonth(text, now);
  if (special) return special;
  const r = parse(text, now)[0];
  if (!r) return undefined;
  let w = toShanghai(r.start.date());
  // A month/day without a year that lies after today is last year's ("Dec 5" said on 30 Nov).
  if (r.start.isCertain('month') && !r.start.isCertain('year')) {
    const t = toShanghai(now);
    if (Date.UTC(w.year, w.month - 1, w.day) > Date.UTC(t.year, t.month - 1, t.day)) {
      w = { ...w, year: w.year - 1 };
      if (!isValidDate(w.year, w.month, w.day)) return undefined;
    }
  }
  const relative = /\b(min(ute)?s?|hours?|hrs?)\b.*\bago\b|^(just |right )?now$/i.test(r.text.trim());
  if (relative) {
    return { iso: formatShanghai(w.year, w.month, w.day, w.hour, w.minute), text: r.text, precision: 'minute' };
  }
  if (!r.start.isCertain('hour')) {
    // chrono drops "around 2pm" after "last Saturday": read the time from the rest of the message.
    const rest = text.slice(r.index + r.text.length).split(/[,.;!?]/)[0];
    const time = parse(rest, now).find((x) => x.start.isCertain('hour') && !x.start.isCertain('day') && !x.start.isCertain('weekday'));
    if (time) {
      const minute = time.start.get('minute') ?? 0;
      const iso = formatShanghai(w.year, w.month, w.day, time.start.get('hour') ?? 0, minute);
      return { iso, text: text.slice(r.index, r.index + r.text.length + time.index + time.text.length).trim(), precision: minute ? 'minute' : 'hour' };
    }
    // "this morning", "yesterday afternoon": chrono implies an hour for the part of day, like 上午/下午 in Chinese.
    if (PART_OF_DAY.test(r.text)) return { iso: formatShanghai(w.year, w.month, w.day, w.hour), text: r.text, precision: 'hour' };
    return { iso: formatShanghai(w.year, w.month, w.day), text: r.text, precision: 'day' };
  }
  const precision = r.start.isCertain('minute') && (w.minute !== 0 || /\d:\d\d/.test(r.text)) ? 'minute' : 'hour';
  return { iso: formatShanghai(w.year, w.month, w.day, w.hour, w.minute), text: r.text, precision };
}
