import { browser } from 'wxt/browser';

/**
 * Chrome's notifications can carry buttons; Firefox's cannot (it ignores or rejects the option),
 * so Firefox users get the same choices on the page a click opens. Features ask this module
 * instead of checking the browser.
 */
export const notificationButtonsSupported: boolean = import.meta.env.BROWSER !== 'firefox';

export interface NotificationContent {
  title: string;
  message: string;
  /** Labels of the buttons, in order; left out where buttons are not supported. */
  buttons?: string[];
}

export async function showNotification(id: string, content: NotificationContent): Promise<void> {
  const buttons = notificationButtonsSupported && content.buttons?.length ? content.buttons : undefined;
  await browser.notifications.create(id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icons/icon-128.png'),
    title: content.title,
    message: content.message,
    ...(buttons ? { buttons: buttons.map((title) => ({ title })) } : {}),
  });
}

/** Listens for button clicks where there are buttons; registers nothing elsewhere. */
export function onNotificationButtonClicked(listener: (notificationId: string, buttonIndex: number) => void): void {
  if (!notificationButtonsSupported) return;
  browser.notifications.onButtonClicked.addListener(listener);
}
