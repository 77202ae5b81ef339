import { uiLanguage } from './index';
import { formatClock, formatDateTime, formatDayMonthTime } from './time-format';

/** "2026年11月27日 周五 09:35" / "Fri, 27 Nov 2026, 09:35": when something happened. */
export function dateTime(instant: number, withSeconds = false): string {
  return formatDateTime(instant, uiLanguage(), withSeconds);
}

/** "11月27日 周五 09:35" / "Fri 27 Nov, 09:35": a time in the coming days. */
export function dayAndTime(instant: number): string {
  return formatDayMonthTime(instant, uiLanguage());
}

/** "09:35": a time on a day already shown. */
export function clockTime(instant: number, withSeconds = false): string {
  return formatClock(instant, withSeconds);
}
