import { browser } from 'wxt/browser';
import { onNotificationButtonClicked } from '../lib/browser/notifications';
import { popupLink } from '../lib/browser/popup-link';
import { createEvidenceMenus, isEvidenceNotification, onEvidenceCommand, onEvidenceMenuClicked } from '../lib/evidence/background-handlers';
import { handleMessage } from '../lib/messaging/protocol';
import {
  agreementOfNotification,
  markReminderDone,
  reminderOfNotification,
  snoozeReminderFor,
} from '../lib/reminders/actions';
import { checkAutoLock, isLockChange } from '../lib/lock/auto-lock';
import { ALARM_AUTO_LOCK, ALARM_NEXT_DUE, ALARM_SWEEP, isAlarmName, type AlarmName } from '../lib/browser/alarms';
import { announceWith, type Change } from '../lib/db/write';
import { answerOffscreen, forwardStorageChanges } from '../lib/browser/offscreen';
import { reconcile, REMINDER_BUTTONS, type ReconcileReason } from '../lib/reminders/reconcile';
import { isSyncWrite, syncInBackground, syncSoon } from '../lib/sync/background';
import { schedulePush, watchCalendarTriggers } from '../lib/calendar/push-schedule';

/**
 * Wiring only. Lifecycle invariants:
 * - listeners are registered synchronously here, so an event that woke the worker is delivered;
 * - no state lives in globals (Chrome stops an idle worker after ~30 s): IndexedDB is the truth;
 * - every start reconciles, because alarms can be lost while the browser is closed or updated.
 *   Start-up, install and the worker's own start may reconcile together: claiming is
 *   transactional, so each reminder is still shown once.
 */
export default defineBackground(() => {
  const run = (reason: ReconcileReason) => {
    reconcile(Date.now(), reason).catch((error: unknown) => console.error('Reconcile failed', error));
  };

  const menus = () => {
    createEvidenceMenus().catch((error: unknown) => console.error('Creating the context menu failed', error));
  };

  browser.runtime.onStartup.addListener(() => {
    run('start');
    menus();
  });
  browser.runtime.onInstalled.addListener(() => {
    run('start');
    menus();
  });
  const autoLock = () => {
    checkAutoLock(Date.now()).catch((error: unknown) => console.error('Auto-lock check failed', error));
  };

  // Every alarm by name (lib/browser/alarms.ts creates them): what wakes the worker, and what it does.
  const alarmHandlers: Record<AlarmName, () => void> = {
    [ALARM_NEXT_DUE]: () => run('alarm'),
    [ALARM_SWEEP]: () => {
      run('alarm');
      syncInBackground('alarm').catch((error: unknown) => console.error('Sync failed', error));
      schedulePush(0);
    },
    [ALARM_AUTO_LOCK]: autoLock,
  };
  browser.alarms.onAlarm.addListener((alarm) => {
    if (isAlarmName(alarm.name)) alarmHandlers[alarm.name]();
  });

  // A change committed here (a reminder marked done, evidence saved), or in the offscreen document
  // (what a sync pulled), re-arms at once: the pages' changes arrive as 'data-changed'
  // messages instead.
  const committed = (change: Pick<Change, 'mutation'> & { stores: readonly string[] }) => {
    if (change.stores.some((store) => store === 'agreements' || store === 'payments' || store === 'reminders')) {
      run('data-changed');
      schedulePush();
    }
    if (!isSyncWrite(change.mutation)) syncSoon();
  };
  announceWith(committed);
  // Chrome's offscreen document has no storage events of its own (Firefox's frame has).
  if (import.meta.env.BROWSER !== 'firefox') forwardStorageChanges();
  // The user's CalDAV calendar follows the data (lib/calendar/push-schedule.ts).
  watchCalendarTriggers();
  // Unlocked, activity noted, auto-lock time changed, locked: the alarm follows the deadline.
  browser.storage.onChanged.addListener((changes, area) => {
    if (isLockChange(changes, area)) autoLock();
  });

  browser.notifications.onClicked.addListener((notificationId) => {
    void browser.notifications.clear(notificationId);
    if (!isEvidenceNotification(notificationId)) void openReminderPage(notificationId);
  });

  // Evidence from the lender's page: the menu click or the shortcut grants activeTab for that tab,
  // which is what lets captureVisibleTab run. The time is taken at the click.
  browser.contextMenus.onClicked.addListener((info, tab) => {
    onEvidenceMenuClicked(info, tab, Date.now()).catch((error: unknown) => console.error('Saving evidence failed', error));
  });
  browser.commands.onCommand.addListener((command, tab) => {
    onEvidenceCommand(command, tab, Date.now()).catch((error: unknown) => console.error('Saving evidence failed', error));
  });

  onNotificationButtonClicked((notificationId, buttonIndex) => {
    void browser.notifications.clear(notificationId);
    void (async () => {
      const reminderId = await reminderOfNotification(notificationId);
      if (reminderId === null) return;
      // Each is a declared mutation: its announcement re-arms the alarm.
      if (REMINDER_BUTTONS[buttonIndex] === 'done') await markReminderDone(reminderId, Date.now());
      else if (REMINDER_BUTTONS[buttonIndex] === 'snooze-hour') await snoozeReminderFor(reminderId, 'hour', Date.now());
    })().catch((error: unknown) => console.error('Reminder action failed', error));
  });

  // Answering with a promise is how the polyfill replies asynchronously in both browsers.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener((message: unknown) =>
    answerOffscreen(message, committed) ??
    handleMessage(
      {
        'data-changed': async () => {
          syncSoon();
          schedulePush();
          const { nextFireAt } = await reconcile(Date.now(), 'data-changed');
          return { nextFireAt };
        },
        'reminder-done': async ({ reminderId }) => {
          const found = await markReminderDone(reminderId, Date.now());
          // Reconciled before answering, so the page that asked sees the badge already redrawn.
          await reconcile(Date.now(), 'data-changed');
          return { found };
        },
        'reminder-snooze': async ({ reminderId, until }) => {
          const fireAt = await snoozeReminderFor(reminderId, until, Date.now());
          await reconcile(Date.now(), 'data-changed');
          return { fireAt };
        },
        'synced-data-changed': () => {
          syncSoon();
          return Promise.resolve({});
        },
        'sync-now': async () => ({ ran: (await syncInBackground('manual')) !== null }),
      },
      message,
    ),
  );

  if (import.meta.env.BROWSER !== 'firefox') {
    // Firefox opens its sidebar through the built-in _execute_sidebar_action command instead.
    browser.commands.onCommand.addListener((command, tab) => {
      if (command === 'open-side-panel' && tab?.windowId !== undefined) {
        void chrome.sidePanel.open({ windowId: tab.windowId });
      }
    });
  }

  run('start');
  autoLock();
});

/**
 * A click opens the agreement with the reminder's own choices (Done, Snooze), which is also how
 * Firefox users, whose notifications have no buttons, get them. An extension tab, because the
 * toolbar popup cannot be opened from a notification click in every browser.
 */
async function openReminderPage(notificationId: string): Promise<void> {
  const agreementId = agreementOfNotification(notificationId);
  const reminderId = agreementId === null ? null : await reminderOfNotification(notificationId);
  await browser.tabs.create({ url: browser.runtime.getURL(popupLink(agreementId, reminderId)) });
}
