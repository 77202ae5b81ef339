import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { closeDatabase } from '../lib/db/database';
import { forgetEarlyConnection } from '../lib/db/early-open';
import { forgetAnnouncer, forgetRememberedClock } from '../lib/db/write';
import { resetLockCache } from '../lib/keys/state';
import { forgetTokenBeforeReads } from '../lib/snapshot/popup-snapshot';
import { settleViewRefresh } from '../lib/reminders/reconcile';
import { formatMessage } from './locale-messages';

/**
 * Every test starts on the same day and at the same time, whatever the machine's clock says: a test
 * that needs another moment sets it (vi.setSystemTime, or the `now` the code takes). Only Date is
 * faked: timers still run.
 */
export const TEST_NOW = Date.UTC(2026, 10, 20, 1, 0, 0); // 2026-11-20 09:00 in Shanghai

// A fresh, empty IndexedDB and browser for every test: no test sees another's data.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: TEST_NOW });
  globalThis.indexedDB = new IDBFactory();
  forgetRememberedClock();
  forgetAnnouncer();
  fakeBrowser.reset();
  resetLockCache();
  // The fake browser has no i18n: answer from the real zh_CN locale file, as a zh-CN browser would.
  fakeBrowser.i18n.getMessage = (key: string, substitutions?: string | (string | number)[]) =>
    formatMessage('zh_CN', key, Array.isArray(substitutions) ? substitutions.map(String) : substitutions);
  fakeBrowser.i18n.getUILanguage = () => 'zh-CN';
  installMenuAndCommandFakes();
});

/**
 * The fake browser has no context menus or keyboard commands (their events throw "not implemented"),
 * which the background registers: in-memory ones, with `trigger` as for the fake's own events.
 */
function fakeEvent<A extends unknown[]>() {
  const listeners: ((...args: A) => unknown)[] = [];
  return {
    addListener: (listener: (...args: A) => unknown) => void listeners.push(listener),
    removeListener: (listener: (...args: A) => unknown) => void listeners.splice(listeners.indexOf(listener), 1),
    hasListener: (listener: (...args: A) => unknown) => listeners.includes(listener),
    trigger: (...args: A) => Promise.all(listeners.map((listener) => listener(...args))),
  };
}

export const fakeMenus: { items: Record<string, unknown>[] } = { items: [] };

function installMenuAndCommandFakes(): void {
  fakeMenus.items = [];
  Object.assign(fakeBrowser.contextMenus, {
    create: (item: Record<string, unknown>) => {
      fakeMenus.items.push(item);
      return item.id;
    },
    removeAll: () => {
      fakeMenus.items = [];
      return Promise.resolve();
    },
    onClicked: fakeEvent(),
  });
  Object.assign(fakeBrowser.commands, { getAll: () => Promise.resolve([]), onCommand: fakeEvent() });
}

afterEach(async () => {
  // A first-screen view rebuild that reconcile left for later must not reach the next test's database.
  await settleViewRefresh();
  await closeDatabase();
  // What a popup painter left for the page (lib/db/early-open.ts, lib/snapshot/popup-snapshot.ts).
  forgetEarlyConnection();
  forgetTokenBeforeReads();
  vi.useRealTimers();
  // Files share their worker (isolate: false): a global a test stubbed (fetch, chrome) must not reach the next file.
  vi.unstubAllGlobals();
});
