import { browser } from 'wxt/browser';
import { handleMessage } from '../lib/messaging/protocol';
import { ALARM_NEXT_DUE, ALARM_SWEEP } from '../lib/reminders/alarm-names';
import { NOTIFICATION_PREFIX, reconcile } from '../lib/reminders/reconcile';

/**
 * Wiring only. Lifecycle invariants:
 * - listeners are registered synchronously here, so an event that woke the worker is delivered;
 * - no state lives in globals (Chrome stops an idle worker after ~30 s): IndexedDB is the truth;
 * - every start reconciles, because alarms can be lost while the browser is closed or updated.
 */
export default defineBackground(() => {
  const run = () => {
    reconcile().catch((error: unknown) => console.error('Reconcile failed', error));
  };

  browser.runtime.onStartup.addListener(run);
  browser.runtime.onInstalled.addListener(run);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM_NEXT_DUE || alarm.name === ALARM_SWEEP) run();
  });

  browser.notifications.onClicked.addListener((notificationId) => {
    const agreementId = notificationId.startsWith(NOTIFICATION_PREFIX)
      ? notificationId.slice(NOTIFICATION_PREFIX.length)
      : '';
    const url = browser.runtime.getURL(
      agreementId ? `/popup.html?agreement=${encodeURIComponent(agreementId)}` : '/popup.html',
    );
    void browser.tabs.create({ url });
    void browser.notifications.clear(notificationId);
  });

  // Answering with a promise is how the polyfill replies asynchronously in both browsers.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener((message: unknown) =>
    handleMessage(
      {
        'data-changed': async () => {
          const { nextFireAt } = await reconcile();
          return { nextFireAt };
        },
      },
      message,
    ),
  );

  if (!import.meta.env.FIREFOX) {
    // Firefox opens its sidebar through the built-in _execute_sidebar_action command instead.
    chrome.commands.onCommand.addListener((command, tab) => {
      if (command === 'open-side-panel' && tab?.windowId !== undefined) {
        void chrome.sidePanel.open({ windowId: tab.windowId });
      }
    });
  }

  run();
});
