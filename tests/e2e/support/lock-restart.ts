import type { ChromiumExtension } from './chromium';

/** What the extension asked chrome.notifications.create to show, as recorded in the worker. */
export interface RecordedNotification {
  id: string | null;
  title: string;
  message: string;
  buttons: string[];
  at: number;
}

/**
 * The notifications API cannot be read back (getAll gives ids only), so the service worker's
 * chrome.notifications.create is wrapped to record each call's id, title, message and buttons in a
 * global of the running worker, before passing it on. The record lives as long as that worker does:
 * `recordedNotifications` says so (null) when the worker was replaced and the hook with it.
 */
export async function recordNotifications(ext: ChromiumExtension): Promise<void> {
  const worker = await ext.worker();
  await worker.evaluate(() => {
    type Create = (...args: unknown[]) => unknown;
    const scope = globalThis as unknown as {
      e2eNotifications?: unknown[];
      browser?: { runtime?: { id?: string }; notifications?: { create: Create } };
    };
    if (scope.e2eNotifications) return;
    const recorded: unknown[] = [];
    scope.e2eNotifications = recorded;
    // wxt/browser is globalThis.browser where it has a runtime id, chrome otherwise: wrap both.
    const apis = new Set<{ create: Create }>([chrome.notifications as unknown as { create: Create }]);
    if (scope.browser?.runtime?.id && scope.browser.notifications) apis.add(scope.browser.notifications);
    for (const api of apis) {
      const original = api.create.bind(api);
      const wrapped: Create = (...args) => {
        const [id, options] = typeof args[0] === 'string' ? [args[0], args[1]] : [null, args[0]];
        const o = (options ?? {}) as { title?: string; message?: string; buttons?: { title: string }[] };
        recorded.push({ id, title: o.title ?? '', message: o.message ?? '', buttons: (o.buttons ?? []).map((b) => b.title), at: Date.now() });
        return original(...args);
      };
      Object.defineProperty(api, 'create', { value: wrapped, configurable: true, writable: true });
    }
  });
}

/** The notifications recorded since `recordNotifications`, or null if that worker is gone. */
export async function recordedNotifications(ext: ChromiumExtension): Promise<RecordedNotification[] | null> {
  const worker = await ext.worker();
  return worker.evaluate(() => {
    const scope = globalThis as unknown as { e2eNotifications?: RecordedNotification[] };
    return scope.e2eNotifications ? [...scope.e2eNotifications] : null;
  });
}

/** The lock's two storage entries as the worker reads them (storage.session is trusted contexts only). */
export async function lockStorage(ext: ChromiumExtension): Promise<{ settings: unknown; session: unknown }> {
  const worker = await ext.worker();
  return worker.evaluate(async () => ({
    settings: (await chrome.storage.local.get('lockSettings')).lockSettings,
    session: (await chrome.storage.session.get('unlockedSession')).unlockedSession,
  }));
}
