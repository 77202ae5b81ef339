import { unwrap } from 'idb';
import { openDatabase } from './database';
import type { StoreName } from './rows';

/**
 * Unit tests only: writes a row exactly as given, past the typed stores and the write path, as a
 * broken or older build (or a change on disk) would have left it.
 */
export async function putRawRow(store: StoreName, row: unknown): Promise<void> {
  const db = unwrap(await openDatabase());
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite');
    tx.objectStore(store).put(row);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('write aborted'));
  });
}

/** Unit tests only: every row of a store exactly as stored. */
export async function rawRows(store: StoreName): Promise<Record<string, unknown>[]> {
  const rows: object[] = await (await openDatabase()).getAll(store);
  return rows.map((row) => ({ ...row }));
}

/** Unit tests only: every row of every store (or all but the profile's bookkeeping), read in one transaction. */
export async function allRows(withBookkeeping: boolean): Promise<{ version: number; stores: [StoreName, object[]][] }> {
  const db = await openDatabase();
  const names = [...db.objectStoreNames].filter((name) => withBookkeeping || (name !== 'meta' && name !== 'tombstones' && name !== 'sync')).sort();
  const tx = db.transaction(names, 'readonly');
  const rows: object[][] = await Promise.all(names.map((name) => tx.objectStore(name).getAll()));
  await tx.done;
  return { version: db.version, stores: names.map((name, i) => [name, rows[i] ?? []]) };
}

/** Unit tests only: one reminder of an agreement marked shown at `at`, as the background would have. */
export async function markFirstReminderShown(agreementId: string, at: number): Promise<void> {
  const db = await openDatabase();
  const [shown] = await db.getAllFromIndex('reminders', 'by-agreement', agreementId);
  if (shown) await putRawRow('reminders', { ...shown, pending: 0, notifiedAt: at });
}
