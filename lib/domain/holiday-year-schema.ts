import * as z from 'zod/mini';
import { dayParts, formatDay } from './calendar';
import { daysBetween, isoDateSchema, type IsoDate } from './dates';

/**
 * The stored shape of a year's official holidays typed from the State Council's notice (the rules
 * and their reasons: holiday-year.ts). Apart from those checks, which need the holiday table, so
 * that reading the stored years costs the pages nothing.
 */

/**
 * The next year's New Year holiday can reach back into the end of December: the 2019 notice made
 * Saturday 2018-12-29 a working day and 12-30/31 holidays. So a notice may name days from here on
 * in the December before its year, and until it is known that week is not certain either.
 */
export const NEXT_YEAR_NOTICE_REACHES_BACK_TO = 25;

/** The seven statutory holidays, in calendar order. Mid-Autumn may share National Day's break: left empty then. */
export const HOLIDAY_NAMES = ['new-year', 'spring-festival', 'qingming', 'labour-day', 'dragon-boat', 'mid-autumn', 'national-day'] as const;
export type HolidayName = (typeof HOLIDAY_NAMES)[number];

/** Longer than any break a notice has given (8 days); a longer range is a typo in a date. */
export const MAX_HOLIDAY_DAYS = 10;
/** Notices list 4 to 8 make-up days; more is not a notice. */
export const MAX_MAKE_UP_DAYS = 12;

export interface HolidayRange {
  name: HolidayName;
  from: IsoDate;
  to: IsoDate;
}

export interface HolidayYear {
  year: number;
  holidays: HolidayRange[];
  workdays: IsoDate[];
}

/** 0 = Sunday … 6 = Saturday, from the date's own numbers. */
export function weekdayOf(day: IsoDate): number {
  const { year, month, day: d } = dayParts(day);
  return new Date(Date.UTC(year, month - 1, d)).getUTCDay();
}

/** The first day a notice for `year` may name: the New Year break can begin in the December before. */
export function firstNoticeDay(year: number): IsoDate {
  return formatDay(year - 1, 12, NEXT_YEAR_NOTICE_REACHES_BACK_TO);
}

/** The fields of a stored notice; `checkStoredNotice` adds the rules between them. */
export const holidayYearShape = {
  year: z.int().check(z.minimum(2000), z.maximum(2100)),
  holidays: z.array(z.object({ name: z.enum(HOLIDAY_NAMES), from: isoDateSchema, to: isoDateSchema })).check(z.maxLength(HOLIDAY_NAMES.length)),
  workdays: z.array(isoDateSchema).check(z.maxLength(MAX_MAKE_UP_DAYS)),
};

/**
 * A stored notice read back (or a backup's) obeys the same rules checkHolidayYear applied when it
 * was typed, but those that depend on today: each problem is reported at the field at fault.
 */
export const checkStoredNotice = z.superRefine<HolidayYear>((notice, ctx) => {
  const first = firstNoticeDay(notice.year);
  const last = formatDay(notice.year, 12, 31);
  const inside = (day: IsoDate) => day >= first && day <= last;
  const names = new Set<string>();
  for (const [i, h] of notice.holidays.entries()) {
    if (names.has(h.name)) ctx.addIssue({ code: 'custom', message: 'holiday-repeated', path: ['holidays', i, 'name'], input: h.name });
    names.add(h.name);
    if (!inside(h.from)) ctx.addIssue({ code: 'custom', message: 'outside-year', path: ['holidays', i, 'from'], input: h.from });
    if (!inside(h.to) || h.to < h.from || daysBetween(h.from, h.to) >= MAX_HOLIDAY_DAYS) {
      ctx.addIssue({ code: 'custom', message: 'holiday-range', path: ['holidays', i, 'to'], input: h.to });
    }
  }
  const seen = new Set<string>();
  for (const [i, day] of notice.workdays.entries()) {
    const weekend = weekdayOf(day) === 0 || weekdayOf(day) === 6;
    const off = notice.holidays.some((h) => h.from <= day && day <= h.to);
    if (!inside(day) || !weekend || off || seen.has(day)) ctx.addIssue({ code: 'custom', message: 'make-up-day', path: ['workdays', i], input: day });
    seen.add(day);
  }
});
