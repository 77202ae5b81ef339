import { browser } from 'wxt/browser';
import { countDueOnOrBefore } from '../db/agreements';
import { claimDueReminders, type DueReminder } from '../db/reminders';
import { toIsoDate } from '../domain/dates';
import { t, uiLanguage } from '../i18n';
import { ALARM_NEXT_DUE, ALARM_SWEEP, SWEEP_PERIOD_MINUTES } from './alarm-names';
import { describeReminder, describeSummary, type NotificationText } from './messages';

/** More reminders than this at once are folded into one summary instead of a burst. */
export const SUMMARY_THRESHOLD = 1;

export const NOTIFICATION_PREFIX = 'reminder:';
export const SUMMARY_NOTIFICATION_ID = 'summary';

export interface ReconcileResult {
  shown: number;
  nextFireAt: number | null;
}

/**
 * The background's one routine, run at every start, on every alarm and after every data change:
 * show what fell due (once), arm the alarm for the next one, make sure the sweep exists, and
 * refresh the badge. Safe to run any number of times.
 */
export async function reconcile(now: number = Date.now()): Promise<ReconcileResult> {
  const { due, nextFireAt } = await claimDueReminders(now);
  await showNotifications(due, toIsoDate(now));
  if (nextFireAt === null) await browser.alarms.clear(ALARM_NEXT_DUE);
  else await browser.alarms.create(ALARM_NEXT_DUE, { when: nextFireAt });
  if (!(await browser.alarms.get(ALARM_SWEEP))) {
    await browser.alarms.create(ALARM_SWEEP, { periodInMinutes: SWEEP_PERIOD_MINUTES });
  }
  await refreshBadge(now);
  return { shown: due.length, nextFireAt };
}

async function showNotifications(due: DueReminder[], today: string): Promise<void> {
  if (due.length === 0) return;
  const language = uiLanguage();
  if (due.length > SUMMARY_THRESHOLD) {
    await notify(SUMMARY_NOTIFICATION_ID, describeSummary(due.length, t));
    return;
  }
  for (const item of due) {
    await notify(`${NOTIFICATION_PREFIX}${item.agreement.id}`, describeReminder(item, today, t, language));
  }
}

async function notify(id: string, text: NotificationText): Promise<void> {
  await browser.notifications.create(id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icons/icon-128.png'),
    title: text.title,
    message: text.message,
  });
}

export async function refreshBadge(now: number = Date.now()): Promise<number> {
  const count = await countDueOnOrBefore(toIsoDate(now));
  await browser.action.setBadgeText({ text: count > 0 ? String(count) : '' });
  await browser.action.setBadgeBackgroundColor({ color: '#c62828' });
  return count;
}
