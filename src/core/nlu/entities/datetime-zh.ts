/**
 * Chinese date/time expressions resolved against `now` in Asia/Shanghai: 昨天下午三点, 上周五晚上, 前天,
 * 今天早上8点半, 3月5日, 2026-11-20, 上个月15号, 三天前, 昨晚, 两点一刻.
 *
 * Hand-written because chrono-node's zh parser (2.10) splits 上周五晚上 into two unrelated results, does not know
 * 上个月15号, and resolves periods such as 晚上 to today. The grammar is one regular expression:
 *   [date] [的] [period] [clock]   (at least one part present)
 */
import { addDays, formatShanghai, isValidDate, toShanghai } from './shanghai-time.ts';
import { parseZhNumber } from './numerals.ts';

export interface FoundDateTime {
  iso: string;
  text: string;
  precision: 'day' | 'hour' | 'minute';
}

const N = '[0-9]{1,2}|[零〇一二两三四五六七八九十]{1,3}';
const DATE = [
  String.raw`(?<iy>\d{4})[-/.](?<im>\d{1,2})[-/.](?<id>\d{1,2})(?![0-9])`,
  String.raw`(?:(?:(?<y>\d{4}|[零〇一二三四五六七八九]{4})年)|(?<yrel>今年|去年|前年|明年))?(?<m>${N})月(?<d>${N})[日号]?`,
  String.raw`(?<relp>昨晚|昨夜|今早|今晨|今晚|明早|明晚|前晚|前夜)`,
  String.raw`(?<rel>大前天|前天|昨天|昨日|昨儿个|昨儿|今天|今日|今儿个|今儿|明天|明日|明儿|大后天|后天)`,
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
  大前天: -3, 前天: -2, 昨天: -1, 昨日: -1, 昨儿个: -1, 昨儿: -1, 今天: 0, 今日: 0, 今儿个: 0, 今儿: 0,
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
const WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const WEEK_SHIFT: Record<string, number> = { 上上: -14, 上: -7, 这: 0, 本: 0, 下: 7, 下下: 14 };

const num = (s: string | undefined) => (s === undefined ? NaN : parseZhNumber(s));

/** The year that puts month/day nearest to today (a customer saying 12月30日 in January means last December). */
function nearestYear(now: { year: number; month: number; day: number }, m: number, d: number): number {
  const today = Date.UTC(now.year, now.month - 1, now.day);
  let best = now.year;
  let bestDiff = Infinity;
  for (const y of [now.year - 1, now.year, now.year + 1]) {
    const diff = Math.abs(Date.UTC(y, m - 1, d) - today);
    if (diff < bestDiff) [best, bestDiff] = [y, diff];
  }
  return best;
}

type Ymd = { year: number; month: number; day: number };

function resolveDate(g: Record<string, string | undefined>, now: ReturnType<typeof toShanghai>): { date: Ymd; period?: string } | null | undefined {
  if (g.iy) return { date: { year: +g.iy, month: +g.im!, day: +g.id! } };
  if (g.m) {
    const m = num(g.m);
    const d = num(g.d);
    let y: number;
    if (g.y) y = num(g.y);
    else if (g.yrel) y = now.year + ({ 今年: 0, 去年: -1, 前年: -2, 明年: 1 } as Record<string, number>)[g.yrel];
    else y = nearestYear(now, m, d);
    return { date: { year: y, month: m, day: d } };
  }
  if (g.relp) {
    const [shift, period] = RELP[g.relp];
    return { date: addDays(now.year, now.month, now.day, shift), period };
  }
  if (g.rel) return { date: addDays(now.year, now.month, now.day, REL_DAYS[g.rel]) };
  if (g.wd) {
    const wd = /\d/.test(g.wd) ? +g.wd : WEEKDAY[g.wd];
    const shift = WEEK_SHIFT[g.wk ?? '这'] - (now.weekday - 1) + (wd - 1);
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
  if (g.dom) return { date: { year: now.year, month: now.month, day: num(g.dom) } };
  return undefined;
}

/** The first Chinese date/time expression in `text`, resolved against `now`; undefined when there is none. */
export function findZhDateTime(text: string, nowDate: Date): FoundDateTime | undefined {
  const now = toShanghai(nowDate);
  RE.lastIndex = 0;
  for (let m = RE.exec(text); m; m = RE.exec(text)) {
    if (m[0].length === 0) {
      RE.lastIndex++;
      continue;
    }
    const g = m.groups ?? {};
    if (g.just) {
      return { iso: formatShanghai(now.year, now.month, now.day, now.hour, now.minute), text: m[0].trim(), precision: 'minute' };
    }
    const hasDate = [g.iy, g.m, g.relp, g.rel, g.wd, g.mrel, g.ago, g.dom].some((x) => x !== undefined);
    const hasClock = g.h !== undefined;
    // A bare 早/晚 (早点, 太晚了) is not a time; neither is a period word on its own with nothing else.
    if (!hasDate && !hasClock && (!g.per || g.per.length === 1)) continue;
    const resolved = hasDate ? resolveDate(g, now) : { date: { year: now.year, month: now.month, day: now.day } };
    if (!resolved) continue;
    let { year, month, day } = resolved.date;
    if (!isValidDate(year, month, day)) continue;
    const period = g.per ?? resolved.period;
    let precision: FoundDateTime['precision'] = 'day';
    let hour = 0;
    let minute = 0;
    if (hasClock) {
      hour = num(g.h);
      minute = g.half ? 30 : g.q ? (g.q === '一刻' ? 15 : 45) : g.mi2 ? +g.mi2 : g.mi ? num(g.mi) : 0;
      if (!(hour >= 0 && hour <= 24 && minute >= 0 && minute < 60)) continue;
      precision = g.half || g.q || g.mi || g.mi2 ? 'minute' : 'hour';
      if (period && PM_PERIODS.has(period) && hour < 12) hour += 12;
      else if (period === '中午' && hour >= 1 && hour <= 3) hour += 12;
      else if ((period === '半夜' || period === '深夜') && hour >= 9 && hour < 12) hour += 12;
      if (hour === 24 || (period && PM_PERIODS.has(period) && hour === 12 && period !== '午后')) {
        // 晚上12点 is midnight, the start of the next day.
        ({ year, month, day } = addDays(year, month, day, 1));
        hour = 0;
      }
    } else if (period) {
      hour = PERIOD_HOUR[period];
      precision = 'hour';
    }
    return { iso: formatShanghai(year, month, day, hour, minute), text: m[0].trim(), precision };
  }
  return undefined;
}
