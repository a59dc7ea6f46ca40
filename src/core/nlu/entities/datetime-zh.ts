/**
 * Chinese date/time expressions resolved against `now` in Asia/Shanghai: 昨天下午三点, 上周五晚上, 前天,
 * 今天早上8点半, 3月5日, 11.28 晚8点, 2026-11-20, 上个月15号, 三天前, 昨晚, 两点一刻, 昨儿个夜里两点, 半小时前.
 *
 * Customers report what already happened, so a date without a year (3月5日, 11.28, 28号) and a weekday without
 * 这/下 (周五) resolve to the most recent past occurrence. Small hours said with a night word (夜里/半夜/晚上 两点)
 * belong to the night after the named day: 昨天夜里两点 is 02:00 today — unless that is still to come.
 *
 * Hand-written because chrono-node's zh parser (2.10) splits 上周五晚上 into two unrelated results, does not know
 * 上个月15号, and resolves periods such as 晚上 to today. The grammar is one regular expression:
 *   [date] [的] [period] [clock]   (at least one part present)
 */
import { addDays, formatShanghai, isValidDate, toShanghai, type WallTime } from './shanghai-time.ts';
import { parseZhNumber } from './numerals.ts';

export interface FoundDateTime {
  iso: string;
  text: string;
  precision: 'day' | 'hour' | 'minute';
}

const N = '[0-9]{1,2}|[零〇一二两三四五六七八九十]{1,3}';
const DATE = [
  String.raw`(?<iy>\d{4})[-/.](?<im>\d{1,2})[-/.](?<id>\d{1,2})(?![0-9])`,
  // 11.28 / 11/28 / 11-28 — not an amount (11.28元), a decimal (3.5万) or part of a longer number.
  String.raw`(?<![\d.,/-])(?<nm>1[0-2]|0?[1-9])[./-](?<nd>3[01]|[12]\d|0?[1-9])(?![\d.,/%-])(?!\s*(?:元|块|万|千|百|亿|倍|岁|公里|米|[a-zA-Z]))[日号]?`,
  String.raw`(?:(?:(?<y>\d{4}|[零〇一二三四五六七八九]{4})年)|(?<yrel>今年|去年|前年|明年))?(?<m>${N})月(?<d>${N})[日号]?`,
  String.raw`(?<relp>昨晚|昨夜|今早|今晨|今晚|明早|明晚|前晚|前夜)`,
  String.raw`(?<rel>大前天|前天|前儿个|前儿|昨天|昨日|昨儿个|昨儿|今天|今日|今儿个|今儿|明天|明日|明儿|大后天|后天)`,
  String.raw`(?<wk>上上|上|这|本|下下|下)?个?(?:周|星期|礼拜)(?<wd>[一二三四五六日天1-7])`,
  String.raw`(?<mrel>上个?月|这个?月|本月|下个?月)(?<md>${N})[日号]`,
  String.raw`(?<ago>${N})天(?<dir>前|以前|之前|后|以后|之后)`,
  String.raw`(?<dom>${N})[日号](?![楼线床门房院栋室期码])`,
  String.raw`(?<just>刚刚|刚才)`,
].join('|');
const PERIOD = '凌晨|清晨|早上|早晨|上午|中午|午后|下午|傍晚|晚上|夜里|夜间|半夜|深夜|早|晚';
const CLOCK = String.raw`(?<h>${N})(?:[点时](?:(?<half>半)|(?<q>一刻|三刻)|(?<mi>${N})分?)?|[:：](?<mi2>\d{2}))(?:钟)?`;
const RE = new RegExp(`(?:${DATE})?(?:的)?\\s*(?<per>${PERIOD})?\\s*(?:左右)?\\s*(?:${CLOCK})?`, 'g');

const REL_DAYS: Record<string, number> = {
  大前天: -3, 前天: -2, 前儿个: -2, 前儿: -2, 昨天: -1, 昨日: -1, 昨儿个: -1, 昨儿: -1, 今天: 0, 今日: 0, 今儿个: 0, 今儿: 0,
  明天: 1, 明日: 1, 明儿: 1, 后天: 2, 大后天: 3,
};
const RELP: Record<string, [number, string]> = {
  昨晚: [-1, '晚上'], 昨夜: [-1, '夜里'], 今早: [0, '早上'], 今晨: [0, '早上'], 今晚: [0, '晚上'],
  明早: [1, '早上'], 明晚: [1, '晚上'], 前晚: [-2, '晚上'], 前夜: [-2, '夜里'],
};
const PERIOD_HOUR: Record<string, number> = {
  凌晨: 2, 清晨: 6, 早上: 8, 早晨: 8, 早: 8, 上午: 10, 中午: 12, 午后: 13, 下午: 15, 傍晚: 18, 晚上: 20, 晚: 20,
  夜里: 22, 夜间: 22, 半夜: 23, 深夜: 23,
};
const PM_PERIODS = new Set(['午后', '下午', '傍晚', '晚上', '晚', '夜里', '夜间']);
/** Night words after which 1–5点 are the small hours of the next morning (昨天夜里两点 = 02:00 after yesterday). */
const NIGHT_PERIODS = new Set(['晚上', '晚', '夜里', '夜间', '半夜', '深夜']);
const WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const WEEK_SHIFT: Record<string, number> = { 上上: -14, 上: -7, 这: 0, 本: 0, 下: 7, 下下: 14 };

/** 半小时前, 两个小时前, 一个半小时前, 10分钟前, 一个多小时前. */
const AGO = new RegExp(
  String.raw`(?<n>半|\d+|[零〇一二两三四五六七八九十]{1,3})(?:个)?(?<more>多)?(?<half>半)?(?:个)?(?<unit>小时|钟头|分钟|分)(?:钟)?(?:以前|之前|前)`,
);

const num = (s: string | undefined) => (s === undefined ? NaN : parseZhNumber(s));

type Ymd = { year: number; month: number; day: number };
const dayValue = (d: Ymd) => Date.UTC(d.year, d.month - 1, d.day);

/** The most recent month/day on or before today (a customer saying 12月30日 in January means last December). */
function pastYear(now: Ymd, m: number, d: number): number {
  return Date.UTC(now.year, m - 1, d) > dayValue(now) ? now.year - 1 : now.year;
}

function resolveDate(g: Record<string, string | undefined>, now: WallTime): { date: Ymd; period?: string } | undefined {
  if (g.iy) return { date: { year: +g.iy, month: +g.im!, day: +g.id! } };
  if (g.nm) {
    const [m, d] = [+g.nm, +g.nd!];
    return { date: { year: pastYear(now, m, d), month: m, day: d } };
  }
  if (g.m) {
    const m = num(g.m);
    const d = num(g.d);
    let y: number;
    if (g.y) y = num(g.y);
    else if (g.yrel) y = now.year + ({ 今年: 0, 去年: -1, 前年: -2, 明年: 1 } as Record<string, number>)[g.yrel];
    else y = pastYear(now, m, d);
    return { date: { year: y, month: m, day: d } };
  }
  if (g.relp) {
    const [shift, period] = RELP[g.relp];
    return { date: addDays(now.year, now.month, now.day, shift), period };
  }
  if (g.rel) return { date: addDays(now.year, now.month, now.day, REL_DAYS[g.rel]) };
  if (g.wd) {
    const wd = /\d/.test(g.wd) ? +g.wd : WEEKDAY[g.wd];
    let shift = WEEK_SHIFT[g.wk ?? '这'] - (now.weekday - 1) + (wd - 1);
    // A bare 周五 said on Monday is the Friday just past, not the coming one.
    if (g.wk === undefined && shift > 0) shift -= 7;
    return { date: addDays(now.year, now.month, now.day, shift) };
  }
  if (g.mrel) {
    const delta = g.mrel.startsWith('上') ? -1 : g.mrel.startsWith('下') ? 1 : 0;
    const first = new Date(Date.UTC(now.year, now.month - 1 + delta, 1));
    return { date: { year: first.getUTCFullYear(), month: first.getUTCMonth() + 1, day: num(g.md) } };
  }
  if (g.ago) {
    const n = num(g.ago);
    const sign = /前/.test(g.dir!) ? -1 : 1;
    return { date: addDays(now.year, now.month, now.day, sign * n) };
  }
  if (g.dom) {
    // 28号 said on the 3rd is the 28th of last month.
    const day = num(g.dom);
    const back = day > now.day ? addDays(now.year, now.month, 1, -1) : now;
    return { date: { year: back.year, month: back.month, day } };
  }
  return undefined;
}

/** 半小时前 / 两个小时前 / 10分钟前 at minute precision, or undefined. */
function findAgo(text: string, nowDate: Date): (FoundDateTime & { index: number }) | undefined {
  const m = AGO.exec(text);
  if (!m?.groups) return undefined;
  const g = m.groups;
  let n = g.n === '半' ? 0.5 : num(g.n);
  if (!Number.isFinite(n) || n <= 0) return undefined;
  if (g.half) n += 0.5;
  const minutes = /小时|钟头/.test(g.unit) ? n * 60 : n;
  const w = toShanghai(new Date(nowDate.getTime() - Math.round(minutes) * 60_000));
  return { iso: formatShanghai(w.year, w.month, w.day, w.hour, w.minute), text: m[0], precision: 'minute', index: m.index };
}

/** The hour/minute and date of a clock time said after a period word; undefined when not a valid time. */
function applyClock(g: Record<string, string | undefined>, date: Ymd, period: string | undefined, hasDate: boolean, nowDate: Date) {
  let { year, month, day } = date;
  let hour = num(g.h);
  const minute = g.half ? 30 : g.q ? (g.q === '一刻' ? 15 : 45) : g.mi2 ? +g.mi2 : g.mi ? num(g.mi) : 0;
  if (!(hour >= 0 && hour <= 24 && minute >= 0 && minute < 60)) return undefined;
  const precision: FoundDateTime['precision'] = g.half || g.q || g.mi || g.mi2 ? 'minute' : 'hour';
  const smallHours = period !== undefined && NIGHT_PERIODS.has(period) && hour <= 5;
  if (smallHours) {
    // 夜里两点 / 昨天夜里两点: the night after the named day (today when no day was named), unless still to come.
    const base = hasDate ? addDays(year, month, day, 1) : { year, month, day };
    const next = formatShanghai(base.year, base.month, base.day, hour, minute);
    if (new Date(next).getTime() <= nowDate.getTime()) return { ...base, hour, minute, precision };
    const prev = addDays(base.year, base.month, base.day, -1);
    return { ...prev, hour, minute, precision };
  }
  if (period && PM_PERIODS.has(period) && hour < 12) hour += 12;
  else if (period === '中午' && hour >= 1 && hour <= 3) hour += 12;
  else if ((period === '半夜' || period === '深夜') && hour >= 9 && hour < 12) hour += 12;
  if (hour === 24 || (period && (PM_PERIODS.has(period) || NIGHT_PERIODS.has(period)) && hour === 12 && period !== '午后')) {
    // 晚上12点 / 半夜12点 is midnight, the start of the next day.
    ({ year, month, day } = addDays(year, month, day, 1));
    hour = 0;
  }
  return { year, month, day, hour, minute, precision };
}

/** The first Chinese date/time expression in `text`, resolved against `now`; undefined when there is none. */
export function findZhDateTime(text: string, nowDate: Date): FoundDateTime | undefined {
  const now = toShanghai(nowDate);
  const ago = findAgo(text, nowDate);
  RE.lastIndex = 0;
  for (let m = RE.exec(text); m; m = RE.exec(text)) {
    if (m[0].length === 0) {
      RE.lastIndex++;
      continue;
    }
    if (ago && ago.index <= m.index) break;
    const g = m.groups ?? {};
    // 刚才 大概十分钟前: the number is the more precise answer.
    if (g.just && !ago) {
      return { iso: formatShanghai(now.year, now.month, now.day, now.hour, now.minute), text: m[0].trim(), precision: 'minute' };
    }
    const hasDate = [g.iy, g.nm, g.m, g.relp, g.rel, g.wd, g.mrel, g.ago, g.dom].some((x) => x !== undefined);
    const hasClock = g.h !== undefined;
    // A bare 早/晚 (早点, 太晚了) is not a time; neither is a period word on its own with nothing else.
    if (!hasDate && !hasClock && (!g.per || g.per.length === 1)) continue;
    const resolved = hasDate ? resolveDate(g, now) : { date: { year: now.year, month: now.month, day: now.day } };
    if (!resolved || !isValidDate(resolved.date.year, resolved.date.month, resolved.date.day)) continue;
    const period = g.per ?? resolved.period;
    const span = m[0].trim();
    if (hasClock) {
      const at = applyClock(g, resolved.date, period, hasDate || resolved.period !== undefined, nowDate);
      if (!at) continue;
      return { iso: formatShanghai(at.year, at.month, at.day, at.hour, at.minute), text: span, precision: at.precision };
    }
    const { year, month, day } = resolved.date;
    if (period) return { iso: formatShanghai(year, month, day, PERIOD_HOUR[period]), text: span, precision: 'hour' };
    return { iso: formatShanghai(year, month, day), text: span, precision: 'day' };
  }
  if (ago) {
    const { index: _index, ...found } = ago;
    return found;
  }
  return undefined;
}
