import type { Migration } from './index';

/**
 * Version 7: sync's bookkeeping (lib/sync/engine/store.ts). One store, keyed by what each row is:
 * the versions held of each synced record, the segments applied from each other device, this
 * device's next segment, the "same payment?" pairs the user answered. It belongs to this profile:
 * never synced, and backups leave it out. No existing row changes.
 */
export const migration007Sync: Migration = (db) => {
  db.createObjectStore('sync', { keyPath: 'key' });
};
