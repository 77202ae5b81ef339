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
