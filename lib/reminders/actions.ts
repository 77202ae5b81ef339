import { acknowledgeReminder, snoozeReminder } from '../db/reminder-actions';
import { listRemindersFor } from '../db/reminders';
import { loadReminderSettings } from '../settings/reminder-settings';
import { NOTIFICATION_PREFIX } from './reconcile';
import { snoozeUntil, type SnoozeChoice } from './timing';

/** What the user can do with a reminder, from a notification button or the popup. */

export async function markReminderDone(reminderId: string, now: number): Promise<boolean> {
  return acknowledgeReminder(reminderId, now);
}

/** Returns when it will be shown again, or null if the reminder no longer exists. */
export async function snoozeReminderFor(reminderId: string, choice: SnoozeChoice, now: number): Promise<number | null> {
  const { reminderHour } = await loadReminderSettings();
  const fireAt = snoozeUntil(choice, now, reminderHour);
  return (await snoozeReminder(reminderId, fireAt, now)) ? fireAt : null;
}

/** The agreement a single reminder's notification is about, or null for a summary. */
export function agreementOfNotification(notificationId: string): string | null {
  return notificationId.startsWith(NOTIFICATION_PREFIX) ? notificationId.slice(NOTIFICATION_PREFIX.length) || null : null;
}

/**
 * The reminder a notification shows: an agreement has one notification id, which each new
 * reminder of it replaces, so it is that agreement's most recently shown reminder.
 */
export async function reminderOfNotification(notificationId: string): Promise<string | null> {
  const agreementId = agreementOfNotification(notificationId);
  if (agreementId === null) return null;
  let latest: { id: string; notifiedAt: number } | null = null;
  for (const reminder of await listRemindersFor(agreementId)) {
    if (reminder.notifiedAt !== null && (latest === null || reminder.notifiedAt >= latest.notifiedAt)) {
      latest = { id: reminder.id, notifiedAt: reminder.notifiedAt };
    }
  }
  return latest?.id ?? null;
}
