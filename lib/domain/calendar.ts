import { calendarDaySchema, dayParts, type DayParts, type IsoDate } from './dates';

/**
 * Month arithmetic on `yyyy-MM-dd` days, done on the numbers of the date rather than on a Date
 * object: a repayment day is a day on the lender's calendar, so neither the user's time zone nor
 * its DST rules may move it.
 */

export { calendarDaySchema, dayParts, type DayParts };

export function formatDay(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in a month (1–12): 28, 29, 30 or 31. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  return MONTH_LENGTHS[month - 1] ?? 31;
}

/**
 * The day `months` months after the month of `day`, on `dayOfMonth` or on the month's last day
 * when it is shorter. Lenders' apps do this for a repayment day of 29–31: February falls on its
 * last day and March is back on the 31st, so each date is computed from the anchor, never chained.
 */
export function monthlyDay(day: IsoDate, months: number, dayOfMonth: number): IsoDate {
  const { year, month } = dayParts(day);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return formatDay(targetYear, targetMonth, Math.min(dayOfMonth, daysInMonth(targetYear, targetMonth)));
}

/** Same day of the month `months` later (negative: earlier), clamped to the month's last day. */
export function addMonthsClamped(day: IsoDate, months: number): IsoDate {
  return monthlyDay(day, months, dayParts(day).day);
}

/** Same day `years` later; 29 February becomes 28 February in a common year. */
export function addYearsClamped(day: IsoDate, years: number): IsoDate {
  return addMonthsClamped(day, years * 12);
}

/** `yyyy-MM` of a day: the key the monthly burden is grouped by. */
export function monthOf(day: IsoDate): string {
  return day.slice(0, 7);
}
