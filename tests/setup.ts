import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { closeDatabase } from '../lib/db/database';

// A fresh, empty IndexedDB and browser for every test: no test sees another's data.
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  fakeBrowser.reset();
});

afterEach(async () => {
  await closeDatabase();
  vi.useRealTimers();
});
