/** Anxin's calendar domain: Shanghai business dates, Chinese working days, lunar dates. */
export { createWorkCalendar, type WorkCalendar, type WorkCalendarOptions } from './work-calendar.ts';
export { loadHolidayOverrides, type HolidayOverrides, type HolidayOverrideFile } from './holiday-overrides.ts';
export { lunarDateOf, lunarMonthLength, type LunarDate } from './lunar.ts';
export {
  BUSINESS_TIME_ZONE,
  addDays,
  dayNumber,
  daysBetween,
  endOfShanghaiDay,
  formatYmd,
  fromDayNumber,
  fromShanghai,
  isWeekend,
  isoWeekday,
  parseYmd,
  shanghaiDate,
  shanghaiTime,
  type Ymd,
} from './shanghai-time.ts';
