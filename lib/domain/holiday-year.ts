import { dayParts, formatDay } from './calendar';
import { daysBetween, isIsoDate, type IsoDate } from './dates';
import {
  firstNoticeDay,
  HOLIDAY_NAMES,
  MAX_HOLIDAY_DAYS,
  MAX_MAKE_UP_DAYS,
  weekdayOf,
  type HolidayName,
  type HolidayRange,
  type HolidayYear,
} from './holiday-year-schema';
import { err, ok, type Result } from './result';
import { isOfficialCalendarYear, officialCalendarYears } from './working-days';

export { HOLIDAY_NAMES, MAX_HOLIDAY_DAYS, MAX_MAKE_UP_DAYS, firstNoticeDay, type HolidayName, type HolidayRange, type HolidayYear };

/**
 * A year's official holidays and make-up working days (调休上班), typed by the user from the State
 * Council's notice (国务院办公厅关于某年部分节假日安排的通知, published on 中国政府网 around
 * November), for a year the `chinese-days` table does not cover yet. Checked here before it is
 * stored, so working-days.ts can trust it:
 * - every day is a real day of that year; the New Year holiday and a make-up day may also fall in
 *   the last week of the December before (the 2019 notice: 2018-12-29 worked, 12-30/31 off);
 * - New Year's Day itself is off (every notice has it), a holiday lasts at most 10 days (the
 *   longest, Spring Festival or National Day with Mid-Autumn, have been 8), no two overlap;
 * - a make-up working day is a Saturday or a Sunday, not also a day off, and listed once.
 * A problem names the entry at fault; when there is any, nothing is stored.
 */

/** What the form holds: every field as typed, empty where the user left it. */
export interface HolidayYearDraft {
  year: number;
  holidays: readonly { name: HolidayName; from: string; to: string }[];
  workdays: readonly string[];
}

export type HolidayYearProblem =
  | { code: 'year-covered'; year: number }
  | { code: 'year-not-open'; year: number }
  | { code: 'holiday-incomplete'; name: HolidayName }
  | { code: 'holiday-invalid-date'; name: HolidayName }
  | { code: 'holiday-ends-before-start'; name: HolidayName }
  | { code: 'holiday-outside-year'; name: HolidayName }
  | { code: 'holiday-too-long'; name: HolidayName; days: number }
  | { code: 'holiday-overlap'; name: HolidayName; other: HolidayName }
  | { code: 'new-year-missing' }
  | { code: 'workday-invalid-date'; text: string }
  | { code: 'workday-outside-year'; day: IsoDate }
  | { code: 'workday-not-weekend'; day: IsoDate }
  | { code: 'workday-is-holiday'; day: IsoDate; name: HolidayName }
  | { code: 'workday-duplicate'; day: IsoDate }
  | { code: 'too-many-workdays'; count: number };

/**
 * The years a user may type a notice for: after the last one the table covers, up to next year
 * (a notice is published in the year before). Empty when the table is up to date.
 */
export function openNoticeYears(today: IsoDate): number[] {
  const covered = officialCalendarYears();
  const last = covered[covered.length - 1] ?? dayParts(today).year - 1;
  const years: number[] = [];
  for (let year = last + 1; year <= dayParts(today).year + 1; year++) years.push(year);
  return years;
}

export function checkHolidayYear(draft: HolidayYearDraft, today: IsoDate): Result<HolidayYear, HolidayYearProblem[]> {
  const { year } = draft;
  if (isOfficialCalendarYear(year)) return err([{ code: 'year-covered', year }]);
  if (!openNoticeYears(today).includes(year)) return err([{ code: 'year-not-open', year }]);
  const problems: HolidayYearProblem[] = [];
  const firstOfYear = formatDay(year, 1, 1);
  const lastOfYear = formatDay(year, 12, 31);

  const holidays: HolidayRange[] = [];
  for (const name of HOLIDAY_NAMES) {
    const entry = draft.holidays.find((h) => h.name === name);
    const from = entry?.from.trim() ?? '';
    const to = entry?.to.trim() ?? '';
    if (from === '' && to === '') continue;
    if (from === '' || to === '') {
      problems.push({ code: 'holiday-incomplete', name });
      continue;
    }
    if (!isIsoDate(from) || !isIsoDate(to)) {
      problems.push({ code: 'holiday-invalid-date', name });
      continue;
    }
    if (to < from) {
      problems.push({ code: 'holiday-ends-before-start', name });
      continue;
    }
    const earliest = name === 'new-year' ? firstNoticeDay(year) : firstOfYear;
    if (from < earliest || to > lastOfYear) {
      problems.push({ code: 'holiday-outside-year', name });
      continue;
    }
    const days = daysBetween(from, to) + 1;
    if (days > MAX_HOLIDAY_DAYS) {
      problems.push({ code: 'holiday-too-long', name, days });
      continue;
    }
    const other = holidays.find((h) => h.from <= to && from <= h.to);
    if (other) {
      problems.push({ code: 'holiday-overlap', name, other: other.name });
      continue;
    }
    holidays.push({ name, from, to });
  }
  const newYear = holidays.find((h) => h.name === 'new-year');
  const newYearBroken = problems.some((p) => 'name' in p && p.name === 'new-year');
  if (!newYearBroken && !(newYear && newYear.from <= firstOfYear && firstOfYear <= newYear.to)) problems.push({ code: 'new-year-missing' });

  const workdays: IsoDate[] = [];
  const typed = draft.workdays.map((text) => text.trim()).filter((text) => text !== '');
  if (typed.length > MAX_MAKE_UP_DAYS) problems.push({ code: 'too-many-workdays', count: typed.length });
  for (const text of typed) {
    if (!isIsoDate(text)) {
      problems.push({ code: 'workday-invalid-date', text });
      continue;
    }
    const day = text;
    if (day < firstNoticeDay(year) || day > lastOfYear) {
      problems.push({ code: 'workday-outside-year', day });
      continue;
    }
    const weekday = weekdayOf(day);
    if (weekday !== 0 && weekday !== 6) {
      problems.push({ code: 'workday-not-weekend', day });
      continue;
    }
    const off = holidays.find((h) => h.from <= day && day <= h.to);
    if (off) {
      problems.push({ code: 'workday-is-holiday', day, name: off.name });
      continue;
    }
    if (workdays.includes(day)) {
      problems.push({ code: 'workday-duplicate', day });
      continue;
    }
    workdays.push(day);
  }
  if (problems.length > 0) return err(problems);
  return ok({ year, holidays, workdays: workdays.sort() });
}

