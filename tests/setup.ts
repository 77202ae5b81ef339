import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { closeDatabase } from '../lib/db/database';
import { formatMessage } from './locale-messages';

// A fresh, empty IndexedDB and browser for every test: no test sees another's data.
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  fakeBrowser.reset();
  // The fake browser has no i18n: answer from the real zh_CN locale file, as a zh-CN browser would.
  fakeBrowser.i18n.getMessage = (key: string, substitutions?: string | (string | number)[]) =>
    formatMessage('zh_CN', key, Array.isArray(substitutions) ? substitutions.map(String) : substitutions);
  fakeBrowser.i18n.getUILanguage = () => 'zh-CN';
});

afterEach(async () => {
  await closeDatabase();
  vi.useRealTimers();
});
