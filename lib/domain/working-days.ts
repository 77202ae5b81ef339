import officialTable from 'chinese-days/dist/chinese-days.json';
import * as z from 'zod/mini';
import { dayParts } from './calendar';
import { NEXT_YEAR_NOTICE_REACHES_BACK_TO } from './holiday-year-schema';
import { addDaysIso, parseIsoDate, type DateParseError, type IsoDate } from './dates';
import { err, ok, type Result } from './result';

/**
 * Chinese working days (工作日), as the State Council's yearly holiday notice sets them: public
 * holidays are off, and make-up working weekends (调休, e.g. Saturday 2026-10-10) are on. Banks
 * process inter-bank transfers and lenders report to the credit bureau on these days, so plain
 * Monday–Friday maths is wrong around Spring Festival and National Day.
 *
 * The calendar is the `chinese-days` package's data file, one notice per year (2004–2026 in
 * 1.5.7). We read its JSON table rather than call its `isWorkday`: the package builds its
 * in-memory table by parsing "yyyy-M-d" as UTC midnight and formatting in local time, so west of
 * Greenwich (a borrower studying in North America) every holiday lands a day early. Plain
 * `yyyy-MM-dd` keys and a weekday from the date's own numbers cannot shift with the time zone.
 *
 * A notice is published around November for the next year, so for a day the table does not
 * cover we fall back to Monday–Friday and say `provisional: true`: the UI must show that the date
 * may still move, never present a guess as fact. Until a package update brings the year, the user
 * may type that year's notice in the settings (lib/domain/holiday-year.ts checks it): each
 * function here takes those years as an explicit argument, a `WorkingCalendar`, rather than
 * reading a module-level registry, so the same code gives the same answer in every page, in the
 * background and in tests. The package's table wins for every year it covers.
 */

export interface WorkingDayCheck {
  working: boolean;
  /** True when the answer is a Monday–Friday guess, because the official calendar is not known yet. */
  provisional: boolean;
}

export interface WorkingDay {
  day: IsoDate;
  /** True when any day looked at on the way was outside the official calendar. */
  provisional: boolean;
}

export type WorkingDayError = DateParseError | 'invalid-count';

/** One year's notice as the user typed it from the State Council's publication (checked before it is stored). */
export interface NoticeYear {
  year: number;
  /** Each holiday's first and last day off, both included. */
  holidays: readonly { from: IsoDate; to: IsoDate }[];
  /** Make-up working days (调休上班): Saturdays and Sundays that are working days. */
  workdays: readonly IsoDate[];
}

/** The user's notices, as lookups: only the years the package's table does not cover. */
export interface WorkingCalendar {
  years: ReadonlySet<number>;
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

const NO_USER_YEARS: WorkingCalendar = { years: new Set(), holidays: new Set(), workdays: new Set() };
const built = new WeakMap<readonly NoticeYear[], WorkingCalendar>();

/** More than ten years of working days is a bug in the caller, not a repayment plan. */
export const MAX_WORKING_DAY_STEPS = 2600;

/** From this day of December on, the next year's notice may still change a day (see holiday-year-schema.ts). */
export { NEXT_YEAR_NOTICE_REACHES_BACK_TO };

/** The file is read like any imported data: if a package update changed its shape, every day is provisional. */
const tableSchema = z.object({
  holidays: z.record(z.string(), z.string()),
  workdays: z.record(z.string(), z.string()),
});
const table = tableSchema.safeParse(officialTable);
const HOLIDAYS: ReadonlySet<string> = new Set(table.success ? Object.keys(table.data.holidays) : []);
const MAKE_UP_WORKDAYS: ReadonlySet<string> = new Set(table.success ? Object.keys(table.data.workdays) : []);
/** A year is covered when the table lists any statutory holiday in it: every notice has New Year's Day. */
const COVERED_YEARS: readonly number[] = [...new Set([...HOLIDAYS].map((day) => Number(day.slice(0, 4))))].sort((a, b) => a - b);
const COVERED: ReadonlySet<number> = new Set(COVERED_YEARS);

/** Whether the official notice for `year` is in the table. Updating `chinese-days` extends this, no code change. */
export function isOfficialCalendarYear(year: number): boolean {
  return COVERED.has(year);
}

/** Every year the official calendar covers, ascending: for an "official calendar up to 2026" note in the UI. */
export function officialCalendarYears(): readonly number[] {
  return COVERED_YEARS;
}

/**
 * The lookups for the user's notices. A year the package covers is left out whole: a package
 * update replaces what was typed, with no step from the user. Built once per list.
 */
export function workingCalendarOf(years: readonly NoticeYear[] | undefined): WorkingCalendar {
  if (!years || years.length === 0) return NO_USER_YEARS;
  const known = built.get(years);
  if (known) return known;
  const calendar = { years: new Set<number>(), holidays: new Set<string>(), workdays: new Set<string>() };
  for (const notice of years) {
    if (COVERED.has(notice.year)) continue;
    calendar.years.add(notice.year);
    for (const { from, to } of notice.holidays) {
      // Bounded: a checked notice has no holiday longer than a few days, and `from` ≤ `to`.
      for (let day = from, n = 0; day <= to && n < 400; day = addDaysIso(day, 1), n++) calendar.holidays.add(day);
    }
    for (const day of notice.workdays) calendar.workdays.add(day);
  }
  built.set(years, calendar);
  return calendar;
}

/** Monday = 1 … Sunday = 7, from the date's numbers (UTC arithmetic, so no time zone can shift it). */
function weekday(day: IsoDate): number {
  const { year, month, day: dayOfMonth } = dayParts(day);
  return new Date(Date.UTC(year, month - 1, dayOfMonth)).getUTCDay() || 7;
}

function checkValidDay(day: IsoDate, user: WorkingCalendar): WorkingDayCheck {
  const { year, month, day: dayOfMonth } = dayParts(day);
  const weekdayWorks = weekday(day) <= 5;
  const known = (y: number) => COVERED.has(y) || user.years.has(y);
  if (!known(year)) return { working: weekdayWorks, provisional: true };
  // The user's sets hold only years the table lacks, and the end of December before each (a
  // notice's New Year days): they add to the table, never contradict it.
  const working = MAKE_UP_WORKDAYS.has(day) || user.workdays.has(day) || (weekdayWorks && !HOLIDAYS.has(day) && !user.holidays.has(day));
  const lateDecember = month === 12 && dayOfMonth >= NEXT_YEAR_NOTICE_REACHES_BACK_TO;
  return { working, provisional: lateDecember && !known(year + 1) };
}

export function isWorkingDay(day: IsoDate, calendar: WorkingCalendar = NO_USER_YEARS): Result<WorkingDayCheck, WorkingDayError> {
  const parsed = parseIsoDate(day);
  if (!parsed.ok) return parsed;
  return ok(checkValidDay(parsed.value, calendar));
}

/**
 * The `n`th working day after `day` (before it when `n` is negative); `day` itself is not counted.
 * With `n` = 0: `day` if it is a working day, else the next one.
 */
export function addWorkingDays(day: IsoDate, n: number, calendar: WorkingCalendar = NO_USER_YEARS): Result<WorkingDay, WorkingDayError> {
  const parsed = parseIsoDate(day);
  if (!parsed.ok) return parsed;
  if (!Number.isInteger(n) || Math.abs(n) > MAX_WORKING_DAY_STEPS) return err('invalid-count');
  let current = parsed.value;
  let provisional = false;
  if (n === 0) {
    const today = checkValidDay(current, calendar);
    if (today.working) return ok({ day: current, provisional: today.provisional });
    provisional = today.provisional;
  }
  const step = n < 0 ? -1 : 1;
  let left = Math.max(1, Math.abs(n));
  while (left > 0) {
    current = addDaysIso(current, step);
    const check = checkValidDay(current, calendar);
    provisional ||= check.provisional;
    if (check.working) left--;
  }
  return ok({ day: current, provisional });
}

/** `day` when it is a working day, else the last working day before it (a deadline moved earlier). */
export function lastWorkingDayOnOrBefore(day: IsoDate, calendar: WorkingCalendar = NO_USER_YEARS): Result<WorkingDay, WorkingDayError> {
  const parsed = parseIsoDate(day);
  if (!parsed.ok) return parsed;
  let current = parsed.value;
  let provisional = false;
  for (;;) {
    const check = checkValidDay(current, calendar);
    provisional ||= check.provisional;
    if (check.working) return ok({ day: current, provisional });
    current = addDaysIso(current, -1);
  }
}
