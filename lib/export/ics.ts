import type { CalendarOptions, CalendarSource } from '../calendar/events';
import { calendarEvents } from '../calendar/plan-events';
import { serializeCalendar } from '../calendar/serialize';
import { eventWords } from '../calendar/words';
import { t } from '../i18n';

/**
 * The calendar file: every date still ahead of the given agreements (all of them from the options
 * page, one from its row), each an event at the reminder hour with its alarms (see
 * lib/calendar/events.ts), so a phone rings when the browser is closed. UIDs are stable per step,
 * so importing a newer file updates events instead of duplicating them where the calendar supports it.
 */

export class CalendarEmpty extends Error {
  constructor() {
    super('No future dates to export');
    this.name = 'CalendarEmpty';
  }
}

/** The .ics text; throws CalendarEmpty when nothing lies ahead. */
export function buildCalendar(sources: readonly CalendarSource[], options: CalendarOptions): string {
  const events = calendarEvents(sources, options, eventWords());
  if (events.length === 0) throw new CalendarEmpty();
  return serializeCalendar(events, { now: options.now, calendarName: t('icsCalendarName') });
}

/** "repay-companion-借呗.ics", without characters file systems refuse. */
export function calendarFileName(lender?: string): string {
  const suffix = lender ? `-${lender.replace(/[\\/:*?"<>|\s]+/g, '_')}` : '';
  return `repay-companion${suffix}.ics`;
}
