import { browser } from 'wxt/browser';
import { countDueOnOrBefore } from '../db/agreements';
import { refreshFirstScreenView } from '../db/first-screen-view';
import { claimDueReminders, nextPendingFireAt, type DueReminder } from '../db/reminders';
import { toIsoDate } from '../domain/dates';
import { showNotification, type NotificationContent } from '../browser/notifications';
import { t, uiLanguage, type MessageKey } from '../i18n';
import { loadReminderSettings } from '../settings/reminder-settings';
import { ALARM_NEXT_DUE, ALARM_SWEEP, cancelAlarm, scheduleAlarm, SWEEP_PERIOD_MINUTES } from '../browser/alarms';
import { describeClosedSummary, describeReminder, describeSummary, type NotificationText } from './messages';
import { deferPastQuietHours, quietHoursEndAfter, quietHoursOf, type QuietHours } from '../domain/quiet-hours';
import { overdueRepeatAt, wasMissed } from './timing';

/** More reminders than this at once are folded into one summary instead of a burst. */
export const SUMMARY_THRESHOLD = 1;

export const NOTIFICATION_PREFIX = 'reminder:';
export const SUMMARY_NOTIFICATION_ID = 'summary';

/**
 * Why reconcile runs. A change the user just made is never "missed while the browser was closed",
 * even when it concerns a date already past.
 */
export type ReconcileReason = 'start' | 'alarm' | 'data-changed';

export interface ReconcileResult {
  /** Reminders shown (alone or in a summary); claimed ones covered by another are not counted. */
  shown: number;
  /** When the next-due alarm is set for (after quiet hours), or null when nothing is pending. */
  nextFireAt: number | null;
}

/**
 * The background's one routine, run at every start, on every alarm and after every data change:
 * show what fell due (once), arm the alarm for the next one, make sure the sweep exists, and
 * refresh the badge. Safe to run any number of times.
 *
 * Inside quiet hours nothing is claimed: what is due stays pending and the alarm is set for their
 * end, so it is shown then (once). Outside, an overdue payment is claimed and, in the same
 * transaction, set to come back at tomorrow's reminder hour.
 */
export async function reconcile(now: number = Date.now(), reason: ReconcileReason = 'alarm'): Promise<ReconcileResult> {
  const settings = await loadReminderSettings();
  const quiet = quietHoursOf(settings);
  let due: DueReminder[] = [];
  let next: number | null;
  if (quietHoursEndAfter(now, quiet) !== null) {
    const pending = await nextPendingFireAt();
    next = pending === null ? null : Math.max(pending, now);
  } else {
    const claimed = await claimDueReminders(now, {
      repeatAt: (reminder) => overdueRepeatAt(reminder, now, settings.reminderHour),
    });
    due = claimed.due;
    next = claimed.nextFireAt;
  }
  const shown = withoutCoveredDueSoon(due);
  await showNotifications(shown, now, reason === 'data-changed' ? 'current' : classify(shown, now, quiet));
  const nextFireAt = next === null ? null : deferPastQuietHours(next, quiet);
  if (nextFireAt === null) await cancelAlarm(ALARM_NEXT_DUE);
  else await scheduleAlarm(ALARM_NEXT_DUE, { when: nextFireAt });
  if (!(await browser.alarms.get(ALARM_SWEEP))) await scheduleAlarm(ALARM_SWEEP, { periodInMinutes: SWEEP_PERIOD_MINUTES });
  await refreshBadge(now);
  void refreshViewSoon(reason === 'data-changed' ? VIEW_SETTLE_MS : 0);
  return { shown: shown.length, nextFireAt };
}

/** How long after a change the view waits for the next one, so a burst of edits builds it once. */
export const VIEW_SETTLE_MS = 1_000;

let viewTimer: ReturnType<typeof setTimeout> | undefined;
let viewRun: Promise<void> | null = null;
let viewWanted = false;
let viewWaiters: (() => void)[] = [];

/**
 * The popup's first-screen view, built again after a change or on a new day. It reads every
 * agreement, so it runs after reconcile has answered (a page waiting for "data-changed" does not
 * wait for it), one build at a time, and once more when asked again meanwhile. A cache: a failure,
 * or a worker stopped before it ends, costs the popup speed only (it then reads every agreement),
 * never the reminders. Resolves when the view is current as of this request.
 */
export function refreshViewSoon(delayMs = 0): Promise<void> {
  clearTimeout(viewTimer);
  const settled = new Promise<void>((resolve) => viewWaiters.push(resolve));
  viewTimer = setTimeout(() => {
    const waiters = viewWaiters;
    viewWaiters = [];
    viewWanted = true;
    viewRun ??= (async () => {
      while (viewWanted) {
        viewWanted = false;
        await refreshFirstScreenView(Date.now()).catch((error: unknown) => console.warn('Refreshing the first-screen view failed', error));
      }
    })().finally(() => (viewRun = null));
    void viewRun.then(() => waiters.forEach((resolve) => resolve()));
  }, delayMs);
  return settled;
}

/**
 * Drops a rebuild still waiting for its delay and waits for one under way: for a caller about to
 * close the database (the unit tests between tests). Whoever waited for the dropped one hears now.
 */
export async function settleViewRefresh(): Promise<void> {
  clearTimeout(viewTimer);
  const waiters = viewWaiters;
  viewWaiters = [];
  waiters.forEach((resolve) => resolve());
  await viewRun;
}

/**
 * An extra "due in N days" reminder adds nothing to another reminder of the same due date shown
 * with it ("due today", "transfer today"), nor to a later one of its kind: such reminders fall due
 * together only when the browser was closed over several days. The covered ones are left out (they
 * are claimed all the same), so one payment is not counted twice in the summary, and a single
 * payment missed with its extra reminder is shown as itself.
 */
export function withoutCoveredDueSoon(due: readonly DueReminder[]): DueReminder[] {
  const keyOf = ({ reminder }: DueReminder) => `${reminder.agreementId}\n${reminder.dueDate}`;
  const covered = new Set(due.filter((item) => item.reminder.code !== 'due-soon').map(keyOf));
  const latestSoon = new Map<string, DueReminder>();
  for (const item of due) {
    if (item.reminder.code !== 'due-soon' || covered.has(keyOf(item))) continue;
    const before = latestSoon.get(keyOf(item));
    if (!before || before.reminder.fireAt <= item.reminder.fireAt) latestSoon.set(keyOf(item), item);
  }
  return due.filter((item) => item.reminder.code !== 'due-soon' || latestSoon.get(keyOf(item)) === item);
}

function classify(due: DueReminder[], now: number, quiet: QuietHours | null): 'missed' | 'current' {
  return due.some((item) => wasMissed(item.reminder.fireAt, now, quiet)) ? 'missed' : 'current';
}

async function showNotifications(due: DueReminder[], now: number, kind: 'missed' | 'current'): Promise<void> {
  if (due.length === 0) return;
  const language = uiLanguage();
  const today = toIsoDate(now);
  if (due.length > SUMMARY_THRESHOLD) {
    const text = kind === 'missed' ? describeClosedSummary(due, today, t, language) : describeSummary(due, today, t, language);
    await showNotification(SUMMARY_NOTIFICATION_ID, text);
    return;
  }
  for (const item of due) {
    await showNotification(`${NOTIFICATION_PREFIX}${item.reminder.agreementId}`, withButtons(describeReminder(item, today, t, language)));
  }
}

/** The buttons of a single reminder (Chrome only), by index as onButtonClicked reports them. */
export const REMINDER_BUTTONS = ['done', 'snooze-hour'] as const;

const BUTTON_LABELS: Record<(typeof REMINDER_BUTTONS)[number], MessageKey> = {
  done: 'reminderDone',
  'snooze-hour': 'reminderSnoozeHour',
};

function withButtons(text: NotificationText): NotificationContent {
  return { ...text, buttons: REMINDER_BUTTONS.map((button) => t(BUTTON_LABELS[button])) };
}

export async function refreshBadge(now: number = Date.now()): Promise<number> {
  const count = await countDueOnOrBefore(toIsoDate(now));
  await browser.action.setBadgeText({ text: count > 0 ? String(count) : '' });
  await browser.action.setBadgeBackgroundColor({ color: '#c62828' });
  return count;
}
