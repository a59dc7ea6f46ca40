import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AnxinError } from '../../core/errors.ts';
import { addDays, daysBetween, isWeekend, parseYmd } from './shanghai-time.ts';

/**
 * Staff-maintained public-holiday arrangements: `config/holidays/<year>.json`, one file per year, copied
 * from the State Council's annual notice (国务院办公厅关于<year>年部分节假日安排的通知). The format is
 * documented in config/holidays/README.md.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date as YYYY-MM-DD' });

const fileSchema = z.strictObject({
  year: z.number().int(),
  /** The notice the data was copied from, for the audit trail. */
  source: z.string().optional(),
  holidays: z.array(
    z.strictObject({
      name: z.string().min(1),
      nameEn: z.string().optional(),
      from: isoDate,
      to: isoDate.optional(),
    }),
  ),
  workdays: z.array(z.strictObject({ date: isoDate, name: z.string().min(1) })).default([]),
});

/** One year's official arrangement as read from its file. */
export type HolidayOverrideFile = z.infer<typeof fileSchema>;

/** What an override says about one date. */
export interface OverrideDay {
  /** `false` for a public holiday (放假), `true` for a make-up workday (调休上班). */
  work: boolean;
  name: string;
  /** The file that said so. */
  file: string;
}

/** All override files of a directory, merged. */
export interface HolidayOverrides {
  /** Years that have a file. */
  years: ReadonlySet<number>;
  /** Every date a file lists, as a holiday or a make-up workday. */
  days: ReadonlyMap<string, OverrideDay>;
}

const FILE_RE = /^(\d{4})\.json$/;
/** Longest plausible holiday block (Spring Festival has been up to 9 days); longer is a typo. */
const MAX_HOLIDAY_SPAN_DAYS = 15;

function invalid(file: string, message: string): AnxinError {
  return new AnxinError('holiday_override_invalid', `${file}: ${message}`, { file });
}

/**
 * Reads and validates every `<year>.json` in `dir`. Other files (README.md, drafts) are ignored.
 *
 * Dates may reach into the neighbouring December/January, because a notice for year N sometimes moves the
 * weekend around 1 January; anything further away is rejected as a likely typo, as are make-up workdays
 * that are not a Saturday or Sunday and dates listed twice.
 *
 * @throws AnxinError `holiday_overrides_dir_missing` when `dir` does not exist (a mistyped path must not
 *   silently drop the arrangement), `holiday_override_invalid` for a malformed file.
 */
export function loadHolidayOverrides(dir: string): HolidayOverrides {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new AnxinError('holiday_overrides_dir_missing', `Holiday override folder not found: ${dir}`, { dir });
  }
  const years = new Set<number>();
  const days = new Map<string, OverrideDay>();
  for (const name of readdirSync(dir).sort()) {
    const m = FILE_RE.exec(name);
    if (!m) continue;
    const file = path.join(dir, name);
    const parsed = parseFile(file, Number(m[1]));
    years.add(parsed.year);
    const put = (date: string, day: OverrideDay): void => {
      checkInWindow(file, date, parsed.year);
      const before = days.get(date);
      if (before) throw invalid(file, `${date} is listed twice (also in ${path.basename(before.file)})`);
      days.set(date, day);
    };
    for (const h of parsed.holidays) {
      const to = h.to ?? h.from;
      parseYmdIn(file, h.from);
      parseYmdIn(file, to);
      const span = daysBetween(h.from, to);
      if (span < 0) throw invalid(file, `holiday "${h.name}" ends (${to}) before it starts (${h.from})`);
      if (span >= MAX_HOLIDAY_SPAN_DAYS) throw invalid(file, `holiday "${h.name}" spans ${span + 1} days`);
      for (let i = 0; i <= span; i++) put(addDays(h.from, i), { work: false, name: h.name, file });
    }
    for (const w of parsed.workdays) {
      parseYmdIn(file, w.date);
      if (!isWeekend(w.date)) throw invalid(file, `make-up workday ${w.date} is not a Saturday or Sunday`);
      put(w.date, { work: true, name: w.name, file });
    }
  }
  return { years, days };
}

function parseFile(file: string, yearFromName: number): HolidayOverrideFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw invalid(file, `not valid JSON (${(err as Error).message})`);
  }
  const result = fileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw invalid(file, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  if (result.data.year !== yearFromName) {
    throw invalid(file, `"year" is ${result.data.year} but the file name says ${yearFromName}`);
  }
  return result.data;
}

function parseYmdIn(file: string, date: string): void {
  try {
    parseYmd(date);
  } catch {
    throw invalid(file, `${date} is not a calendar date`);
  }
}

function checkInWindow(file: string, date: string, year: number): void {
  if (date < `${year - 1}-12-01` || date > `${year + 1}-01-31`) {
    throw invalid(file, `${date} is outside ${year} (and its neighbouring December/January)`);
  }
}
