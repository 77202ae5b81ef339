import type { CalendarSource } from '../calendar/events';
import { loadLeaveOutDetails } from '../calendar/privacy';
import { withSavedSettings } from '../db/save-agreement';
import { buildCalendar, calendarFileName, CalendarEmpty } from './ics';
import { downloadText } from './download';

/**
 * Downloads the calendar file of the given agreements with the user's reminder hour, lead times
 * and privacy choice. Returns the file's name, or null when no date lies ahead.
 */
export async function downloadCalendarFile(sources: readonly CalendarSource[], now: number, lender?: string): Promise<string | null> {
  const [settings, leaveOutDetails] = await Promise.all([withSavedSettings({ now }), loadLeaveOutDetails()]);
  let text: string;
  try {
    text = buildCalendar(sources, { now, hour: settings.hour, milestones: settings.milestones, leadDays: settings.leadDays, leaveOutDetails });
  } catch (error) {
    if (error instanceof CalendarEmpty) return null;
    throw error;
  }
  // With names left out, the file's name leaves the lender out too.
  const name = calendarFileName(leaveOutDetails ? undefined : lender);
  downloadText(name, text, 'text/calendar;charset=utf-8');
  return name;
}
