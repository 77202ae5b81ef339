import { addDaysIso, localInstant, toIsoDate } from './dates';

/**
 * Quiet hours: nothing is shown inside them; what falls due inside waits for their end.
 *
 * All maths is on the local wall clock (minute of the local day, the local calendar day), never
 * by adding 24 h or 8 h to an instant: on a DST change day an hour-based step would end quiet
 * hours an hour early or late. Where the end time does not exist that day (clocks jump forward
 * over it), the Date constructor moves it forward, which is still after the quiet window.
 */
export interface QuietHours {
  /** Minutes after local midnight; start > end means the window wraps midnight (22:00–08:00). */
  startMinute: number;
  endMinute: number;
}

export function quietHoursOf(settings: {
  quietHoursEnabled: boolean;
  quietStartMinute: number;
  quietEndMinute: number;
}): QuietHours | null {
  if (!settings.quietHoursEnabled || settings.quietStartMinute === settings.quietEndMinute) return null;
  return { startMinute: settings.quietStartMinute, endMinute: settings.quietEndMinute };
}

/** Whether a minute of the day lies in [start, end), a window that may wrap midnight. */
export function isMinuteInWindow(minute: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** When `instant` lies inside quiet hours, the instant they end; otherwise null. */
export function quietHoursEndAfter(instant: number, quiet: QuietHours | null): number | null {
  if (quiet === null) return null;
  const local = new Date(instant);
  const minute = local.getHours() * 60 + local.getMinutes();
  if (!isMinuteInWindow(minute, quiet.startMinute, quiet.endMinute)) return null;
  const today = toIsoDate(instant);
  // In a window that wraps midnight, the evening part ends on the next calendar day.
  const wraps = quiet.startMinute > quiet.endMinute;
  const endDay = wraps && minute >= quiet.startMinute ? addDaysIso(today, 1) : today;
  return localInstant(endDay, Math.floor(quiet.endMinute / 60), quiet.endMinute % 60);
}

/** The first moment at or after `instant` that is outside quiet hours. */
export function deferPastQuietHours(instant: number, quiet: QuietHours | null): number {
  return quietHoursEndAfter(instant, quiet) ?? instant;
}
