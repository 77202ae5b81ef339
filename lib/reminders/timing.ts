import { addDaysIso, localInstant, toIsoDate, type IsoDate } from '../domain/dates';
import { deferPastQuietHours, type QuietHours } from '../domain/quiet-hours';

/**
 * When reminders come back, as pure functions of the clock and the settings. Days are local
 * calendar days and times are local wall-clock times (see quiet-hours.ts for why).
 */

export const HOUR_MS = 60 * 60 * 1000;

/**
 * An unpaid payment repeats once a day at the reminder hour, from the day after its due date,
 * until the user marks it done (or the payment is recorded, which re-plans it away). Never twice
 * on one calendar day: the next showing is on a later day than this one, whatever the hour now.
 */
export function overdueRepeatAt(reminder: { code: string; dueDate: IsoDate }, now: number, hour: number): number | null {
  if (reminder.code !== 'pay') return null;
  const tomorrow = addDaysIso(toIsoDate(now), 1);
  const dayAfterDue = addDaysIso(reminder.dueDate, 1);
  return localInstant(tomorrow > dayAfterDue ? tomorrow : dayAfterDue, hour);
}

export type SnoozeChoice = 'hour' | 'tomorrow';

/** "Snooze 1 h", or "tomorrow at the reminder hour". */
export function snoozeUntil(choice: SnoozeChoice, now: number, hour: number): number {
  return choice === 'hour' ? now + HOUR_MS : localInstant(addDaysIso(toIsoDate(now), 1), hour);
}

/**
 * Shown this much later than it was due (after quiet hours), a reminder was not shown on time
 * because nothing was running: the browser was closed (or the computer asleep). While the browser
 * runs, the next-due alarm fires within a minute and the sweep within SWEEP_PERIOD_MINUTES.
 */
export const MISSED_AFTER_MS = 20 * 60 * 1000;

export function wasMissed(fireAt: number, now: number, quiet: QuietHours | null): boolean {
  return now - deferPastQuietHours(fireAt, quiet) > MISSED_AFTER_MS;
}
