import type { IsoDate } from '../domain/dates';
import { formatDayAndMonth, formatShortDate } from './day-format';
import type { UiLanguage } from './index';

/**
 * Times, written as ./day-format.ts writes days (apart from it so that the popup's first screen,
 * which shows only days, does not load them).
 */
const pad2 = (n: number) => String(n).padStart(2, '0');

/** The local calendar day and clock of an instant. */
function localParts(instant: number): { day: IsoDate; clock: string; seconds: string } {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid time value');
  const day = `${String(date.getFullYear()).padStart(4, '0')}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
  return { day, clock: `${pad2(date.getHours())}:${pad2(date.getMinutes())}`, seconds: pad2(date.getSeconds()) };
}

/** "09:35" (or "09:35:07"): one 24-hour clock in both languages, in local time. */
export function formatClock(instant: number, withSeconds = false): string {
  const { clock, seconds } = localParts(instant);
  return withSeconds ? `${clock}:${seconds}` : clock;
}

/**
 * An instant as the day formats above write its day, then the clock: "2026年11月27日 周五 09:35" /
 * "Fri, 27 Nov 2026, 09:35". Chats, evidence and backups use it, so a time reads the same everywhere.
 */
export function formatDateTime(instant: number, language: UiLanguage, withSeconds = false): string {
  const { day } = localParts(instant);
  const clock = formatClock(instant, withSeconds);
  return language === 'zh-CN' ? `${formatShortDate(day, language)} ${clock}` : `${formatShortDate(day, language)}, ${clock}`;
}

/** The same without the year, for times in the coming days: "11月27日 周五 09:35" / "Fri 27 Nov, 09:35". */
export function formatDayMonthTime(instant: number, language: UiLanguage): string {
  const { day } = localParts(instant);
  const clock = formatClock(instant);
  return language === 'zh-CN' ? `${formatDayAndMonth(day, language)} ${clock}` : `${formatDayAndMonth(day, language)}, ${clock}`;
}
