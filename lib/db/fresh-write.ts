import type { IDBPTransaction, StoreNames } from 'idb';
import { openDatabase } from './database';
import type { RepayDbSchema } from './schema';

/**
 * A read-modify-write whose middle step is async (opening and sealing records with WebCrypto),
 * which must never run inside a transaction: IndexedDB would commit it under us.
 *
 * 1. `read` the raw rows in a read-only transaction, and let it finish;
 * 2. `prepare` the writes from them, outside any transaction (open, compute, seal);
 * 3. in a read-write transaction, `read` again: if anything changed meanwhile (another window
 *    saved), start over from 1; otherwise `write`, with only IndexedDB requests awaited.
 *
 * `read` must return plain, JSON-able rows (no Blobs): they are compared as JSON.
 */

/** Another window kept changing the same records: nothing was written. */
export class ConcurrentChangeError extends Error {
  constructor() {
    super('The records changed while being saved; nothing was written.');
    this.name = 'ConcurrentChangeError';
  }
}

const ATTEMPTS = 5;

export type StoresTx<S extends StoreNames<RepayDbSchema>, M extends IDBTransactionMode> = IDBPTransaction<RepayDbSchema, S[], M>;

export async function readThenWrite<S extends StoreNames<RepayDbSchema>, R, P, T>(
  stores: S[],
  read: (tx: StoresTx<S, IDBTransactionMode>) => Promise<R>,
  prepare: (read: R) => Promise<P>,
  write: (tx: StoresTx<S, 'readwrite'>, prepared: P, read: R) => Promise<T>,
): Promise<T> {
  const db = await openDatabase();
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const before = db.transaction(stores, 'readonly');
    const seen = await read(before);
    await before.done;
    const prepared = await prepare(seen);
    const tx = db.transaction(stores, 'readwrite');
    try {
      const now = await read(tx);
      if (JSON.stringify(now) !== JSON.stringify(seen)) {
        abortQuietly(tx);
        continue;
      }
      const result = await write(tx, prepared, now);
      await tx.done;
      return result;
    } catch (error) {
      abortQuietly(tx);
      throw error;
    }
  }
  throw new ConcurrentChangeError();
}

/** Rolls back whatever the transaction wrote; its `done` then rejects, which the thrown error reports. */
export function abortQuietly(tx: { done: Promise<unknown>; abort(): void }): void {
  tx.done.catch(() => undefined);
  try {
    tx.abort();
  } catch {
    // Already finished or aborted.
  }
}
