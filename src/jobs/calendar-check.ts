import { parseYmd } from '../domain/calendar/index.ts';
import { fileStaffTask } from '../domain/reminders/staff-tasks.ts';
import { t } from '../i18n/index.ts';
import type { JobDeps } from './types.ts';

/**
 * The packaged public-holiday data ends with 2026 and the State Council publishes each year's arrangement only in
 * November or December of the year before. Every job run checks the year of its date (and, from December on, the
 * next year, whose deadlines are already being computed): a missing year becomes one staff task
 * (`calendar_missing:<year>`, with what to do) and a 'staff.alert' when the task is first filed. Working days then
 * fall back to Monday–Friday until staff add config/holidays/<year>.json.
 *
 * @returns the years with no data (a dry run files nothing but still reports them).
 */
export async function checkHolidayData(deps: JobDeps, date: string, dryRun: boolean): Promise<number[]> {
  const { year, month } = parseYmd(date);
  const years = month === 12 ? [year, year + 1] : [year];
  const missing = years.filter((y) => !deps.services.calendar.hasDataFor(y));
  for (const y of missing) {
    const key = `calendar_missing:${y}`;
    if (dryRun) continue;
    const vars = { year: y, dir: deps.config.ANXIN_HOLIDAYS_DIR };
    const { created } = await fileStaffTask(deps, {
      key,
      kind: 'calendar_missing',
      title: t('zh', 'jobs:calendarMissing.title', vars),
      detail: t('zh', 'jobs:calendarMissing.detail', vars),
      owner: 'operations',
    });
    if (created) {
      const text = t('zh', 'jobs:calendarMissing.alert', vars);
      deps.logger.warn({ year: y }, 'no public-holiday data: working days fall back to Monday–Friday');
      deps.events.emit('staff.alert', { kind: 'calendar_missing', text });
    }
  }
  return missing;
}
