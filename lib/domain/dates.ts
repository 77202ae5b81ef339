import * as z from 'zod/mini';
import { err, ok, type Result } from './result';

/**
 * Calendar days are `yyyy-MM-dd` strings in the user's own time zone. A due date is a day on the
 * lender's calendar, not an instant: storing it as a timestamp would move it by a day for anyone
 * whose clock is not on China time. Only reminders turn a day into an instant, at a local hour.
 */
export type IsoDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Local noon of `yyyy-MM-dd`, or null when no such day exists (2026-02-30). Noon keeps the day
 * stable whatever the time zone's DST rules. Built by hand rather than with date-fns `parse`, whose
 * token parsers would weigh several KB in the popup and the background for this one format.
 */
function noonOf(value: string): Date | null {
  if (!ISO_DATE.test(value)) return null;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const noon = new Date(2000, 0, 1, 12);
  // setFullYear, unlike the Date constructor, keeps years below 100 as they are.
  noon.setFullYear(year, month - 1, day);
  return noon.getFullYear() === year && noon.getMonth() === month - 1 && noon.getDate() === day ? noon : null;
}

export function isIsoDate(value: string): boolean {
  return noonOf(value) !== null;
}

export const isoDateSchema = z.string().check(z.refine(isIsoDate, { message: 'invalid-date' }));

export type DateParseError = 'empty' | 'invalid-date' | 'out-of-range';

/**
 * The days the app handles, first and last included: the one range that the forms accept, that
 * reminders are planned for and that an imported backup is checked against. Days outside it are
 * typos (0202, 20266), not repayment dates. A reminder step that would fall outside it (the credit
 * check after a payment on 2100-12-30) is not planned: see planReminders.
 */
export const DAY_RANGE = { first: '2000-01-01', last: '2100-12-31' } as const;

/** Whether `day` is a real `yyyy-MM-dd` day within DAY_RANGE (no spaces: stored form only). */
export function isDayInRange(day: string): boolean {
  // Four-digit years: the strings compare in calendar order.
  return day >= DAY_RANGE.first && day <= DAY_RANGE.last && isIsoDate(day);
}

export function parseIsoDate(input: string): Result<IsoDate, DateParseError> {
  const value = input.trim();
  if (value === '') return err('empty');
  if (!isIsoDate(value)) return err('invalid-date');
  if (!isDayInRange(value)) return err('out-of-range');
  return ok(value);
}

/** The local calendar day of an instant. */
export function toIsoDate(instant: Date | number): IsoDate {
  // By hand rather than date-fns `format`, which would bring its locale machinery into the background.
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid time value');
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}

/** An instant's local wall-clock parts, zero-padded: what note stamps and file names are written with. */
export function localStamp(instant: Date | number): { day: IsoDate; hh: string; mm: string; ss: string } {
  const date = new Date(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { day: toIsoDate(date), hh: pad(date.getHours()), mm: pad(date.getMinutes()), ss: pad(date.getSeconds()) };
}

/** 'yyyy-MM-dd HH:mm:ss' in local time. */
export function localDateTime(instant: Date | number, withSeconds = true): string {
  const { day, hh, mm, ss } = localStamp(instant);
  return withSeconds ? `${day} ${hh}:${mm}:${ss}` : `${day} ${hh}:${mm}`;
}

/** Local noon of a calendar day: the safe Date to hand to date-fns for day arithmetic. */
export function isoDateToNoon(day: IsoDate): Date {
  return noonOf(day) ?? new Date(Number.NaN);
}

/** The instant a day reaches a local wall-clock time (reminders fire at e.g. 09:00 local). */
export function localInstant(day: IsoDate, hour: number, minute = 0): number {
  const noon = isoDateToNoon(day);
  return new Date(noon.getFullYear(), noon.getMonth(), noon.getDate(), hour, minute).getTime();
}

/** Whole calendar days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  // Calendar days have no time zone: counted on the UTC calendar, which has no DST to skip an hour.
  // Plain arithmetic, because the popup's first screen asks this thousands of times.
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === null || b === null ? Number.NaN : b - a;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a well-formed 'yyyy-MM-dd', or null for anything else. */
function dayNumber(day: IsoDate): number | null {
  if (day.length !== 10 || day[4] !== '-' || day[7] !== '-') return null;
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  const utc = Date.UTC(y, m - 1, d);
  // A day that does not exist (31 February) would roll over: leave it to the general path.
  return new Date(utc).getUTCDate() === d && m >= 1 && m <= 12 ? utc / DAY_MS : null;
}

export interface DayParts {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
}

/**
 * Only for days already known to be valid `yyyy-MM-dd` strings. (Here rather than with the month
 * arithmetic in ./calendar.ts, which re-exports it: the lists' day format needs only this.)
 */
export function dayParts(day: IsoDate): DayParts {
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) };
}

export function addDaysIso(day: IsoDate, days: number): IsoDate {
  const noon = isoDateToNoon(day);
  noon.setDate(noon.getDate() + days);
  return toIsoDate(noon);
}

/**
 * A calendar day as typed or stored: a real day within DAY_RANGE, no spaces.
 * (Kept here, with the parser, so records that carry a day need not load the month arithmetic.)
 */
export const calendarDaySchema = z.string().check(z.refine(isDayInRange, { message: 'invalid-date' }));
