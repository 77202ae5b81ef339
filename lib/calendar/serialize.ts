import type { CalendarEvent } from './events';
import { contentHash } from './uid';
import { escapeText, formatDayOffset, formatUtc, joinLines } from './ical';

/**
 * Events as iCalendar text: a whole file to import (METHOD:PUBLISH, the calendar's name), or one
 * event per resource for CalDAV, where a METHOD is not allowed.
 *
 * Each event carries a hash of its own content (without DTSTAMP, which changes on every write)
 * in X-REPAY-COMPANION-HASH: servers keep unknown X- properties, so a later sync can tell an
 * unchanged event from a changed one without comparing text the server may have rewritten.
 */

export const PRODUCT_ID = '-//Repay Companion//Calendar//EN';
export const HASH_PROPERTY = 'X-REPAY-COMPANION-HASH';
/** Long enough to show in a day view, short enough never to look like an appointment. */
const EVENT_DURATION = 'PT30M';

function contentLines(event: CalendarEvent): string[] {
  const lines = [
    `UID:${event.uid}`,
    `DTSTART:${formatUtc(event.start)}`,
    `DURATION:${EVENT_DURATION}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    // Free, not busy: a reminder must not block the user's day in a shared calendar.
    'TRANSP:TRANSPARENT',
  ];
  for (const days of event.alarmDaysBefore) {
    lines.push(
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${escapeText(event.summary)}`,
      `TRIGGER:${formatDayOffset(-days)}`,
      'END:VALARM',
    );
  }
  return lines;
}

/** The event's lines, with DTSTAMP and its hash, and the hash itself. */
export function eventLines(event: CalendarEvent, now: number): { lines: string[]; hash: string } {
  const content = contentLines(event);
  const hash = contentHash(content.join('\n'));
  const [uid = '', ...rest] = content;
  return { lines: ['BEGIN:VEVENT', uid, `DTSTAMP:${formatUtc(now)}`, ...rest, `${HASH_PROPERTY}:${hash}`, 'END:VEVENT'], hash };
}

/** A calendar file to import: every event, with the calendar's name. */
export function serializeCalendar(events: readonly CalendarEvent[], options: { now: number; calendarName: string }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODUCT_ID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.calendarName)}`,
  ];
  for (const event of events) lines.push(...eventLines(event, options.now).lines);
  lines.push('END:VCALENDAR');
  return joinLines(lines);
}

export interface EventResource {
  uid: string;
  /** The VCALENDAR holding this one event, as PUT to the server. */
  body: string;
  hash: string;
}

/** One event as a CalDAV resource. */
export function eventResource(event: CalendarEvent, now: number): EventResource {
  const { lines, hash } = eventLines(event, now);
  const body = joinLines(['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${PRODUCT_ID}`, 'CALSCALE:GREGORIAN', ...lines, 'END:VCALENDAR']);
  return { uid: event.uid, body, hash };
}

/** Every event as a CalDAV resource. */
export function eventResources(events: readonly CalendarEvent[], now: number): EventResource[] {
  return events.map((event) => eventResource(event, now));
}
