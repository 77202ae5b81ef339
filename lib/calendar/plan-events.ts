import { toIsoDate, type IsoDate } from '../domain/dates';
import { agreementStanding } from '../domain/agreement-dues';
import { DEFAULT_REMINDER_HOUR, planReminders } from '../domain/reminder-plan';
import { eventsFromReminders, sortEvents, type CalendarEvent, type CalendarOptions, type CalendarSource, type EventWords } from './events';

/**
 * The calendar events of the given agreements, planned here with the milestone engine at the
 * user's hour and lead times (the pages: the .ics export). The reminders are planned as if they
 * were on, so an agreement whose reminders are switched off keeps its dates, without alarms.
 */
export function calendarEvents(sources: readonly CalendarSource[], options: CalendarOptions, words: EventWords): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  for (const source of sources) events.push(...eventsOf(source, options, words));
  return sortEvents(events);
}

function eventsOf(source: CalendarSource, options: CalendarOptions, words: EventWords): CalendarEvent[] {
  const { agreement, payments } = source;
  // Replaced by another agreement: its dates are no longer the user's to meet.
  if (agreement.replacedBy !== undefined) return [];
  const today = toIsoDate(options.now);
  const hour = options.hour ?? DEFAULT_REMINDER_HOUR;
  const dues = agreementStanding(agreement, payments).dues;
  // A payment is never dated after today when recorded; a clock set back must not move a due.
  const doneOn = (day: IsoDate | null) => (day !== null && day > today ? today : day);
  const planned = planReminders(
    {
      ...agreement,
      reminders: agreement.reminders ? { ...agreement.reminders, off: false } : undefined,
      ...(agreement.plan
        ? { dues: dues.map((d) => ({ date: d.date, doneOn: doneOn(d.standing.settledOn) })) }
        : { doneOn: doneOn(dues[0]?.standing.settledOn ?? null) }),
    },
    { now: options.now, today, hour, milestones: options.milestones, leadDays: options.leadDays },
  );
  // A date the engine cannot plan (outside the years it handles) has no reminders either.
  if (!planned.ok) return [];
  return eventsFromReminders(source, planned.value, { ...options, hour, alarms: agreement.reminders?.off !== true }, words);
}
