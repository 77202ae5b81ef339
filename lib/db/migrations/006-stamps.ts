import { formatRev, newDeviceId } from '../hlc';
import { SYNCED_STORES, type RepayDbSchema, type RowOf, type SyncedStore } from '../rows';
import type { Migration } from './index';

/** When a row written before version 6 was last changed, from the plaintext fields every row keeps. */
function lastChanged(row: object): number {
  for (const field of ['updatedAt', 'recordedAt', 'capturedAt', 'at', 'startedAt', 'createdAt']) {
    const value: unknown = Reflect.get(row, field);
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  }
  return 0;
}

/**
 * Version 6: stamps and tombstones (lib/db/hlc.ts, lib/db/write.ts), and the script's typed figures. This profile gets its device
 * id, made once here; every row of a synced store gets a stamp from the time it was last changed
 * (a sealed row keeps those times in plaintext, so no key is needed); and the clock starts after
 * the latest of them, so every later change is stamped later. Deletions from now on leave a
 * tombstone. Rows are otherwise written back exactly as they were.
 */
export const migration006Stamps: Migration = (db, tx) => {
  db.createObjectStore('meta', { keyPath: 'key' });
  db.createObjectStore('tombstones', { keyPath: 'key' }).createIndex('by-store', 'store');
  // The script tab's typed figures, per agreement (or 'general'): from extension storage into the
  // database, so that backups (and sync) carry them. Moved on first use (lib/db/script-figures.ts).
  db.createObjectStore('scriptState', { keyPath: 'id' });
  const device = newDeviceId();
  const meta = tx.objectStore('meta');
  void meta.put({ key: 'device', id: device });
  // Only IndexedDB requests are chained, so the upgrade transaction stays active; a failure aborts
  // the whole upgrade and the version-5 data stays as it was.
  void Promise.all(SYNCED_STORES.map((name) => stampStore(tx, name, device))).then((latest) => meta.put({ key: 'clock', wall: Math.max(0, ...latest), counter: 0 }));
};

/** Stamps a store's rows that have no stamp; returns the latest time among them. */
// S ties the rows read to the rows written back, which the signature alone does not show.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
async function stampStore<S extends SyncedStore>(tx: Parameters<Migration>[1], name: S, device: string): Promise<number> {
  const store = tx.objectStore(name);
  const rows = (await store.getAll()) as RowOf<S>[];
  let latest = 0;
  const writes: Promise<unknown>[] = [];
  for (const row of rows) {
    const wall = lastChanged(row);
    latest = Math.max(latest, wall);
    const stamped: RowOf<S> = { ...row, rev: formatRev({ wall, counter: 0, device }) };
    // RowOf<S> is the store's row type; TypeScript cannot see through the schema's index signature for a generic S.
    if (row.rev === undefined) writes.push(store.put(stamped as RepayDbSchema[S]['value']));
  }
  await Promise.all(writes);
  return latest;
}
