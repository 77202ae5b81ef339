import type { Codec } from './codec';
import type { RecordOf, SyncedStore } from './rows';
import { requireUnlocked } from './sealing';
import { mutate } from './write';

/**
 * The three writes of a single record, as declared mutations committed at once (a side panel that
 * is closing still has them land): put, change, delete.
 */

/** Stores one record through its codec: checked, sealed with the lock on, stamped. */
export async function putOne<S extends SyncedStore>(codec: Codec<S>, name: string, record: unknown, now: number): Promise<void> {
  await mutate({
    name,
    stores: [codec.store],
    now,
    prepare: () => codec.seal(record, now),
    write: (writer, row) => writer.put(codec.store, row),
    commitAtOnce: true,
  });
}

/**
 * Changes one stored record: read, opened, changed and sealed outside any transaction, then written
 * only if the stored row is still the one read (else read again), so two quick edits never undo
 * each other. `change` gets the record as stored (undefined when there is none) and returns the
 * new one, or undefined to write nothing. Returns what was written.
 */
export async function updateOne<S extends SyncedStore>(
  codec: Codec<S>,
  name: string,
  id: string,
  change: (current: RecordOf<S> | undefined) => unknown,
  now: number,
): Promise<RecordOf<S> | undefined> {
  return mutate({
    name,
    stores: [codec.store],
    now,
    read: (tx) => tx.objectStore(codec.store).get(id),
    prepare: async (row) => {
      const next = change(await codec.openOne(row, now));
      if (next === undefined) return undefined;
      const sealed = await codec.seal(next, now);
      return { sealed, record: codec.check(next) };
    },
    write: async (writer, prepared) => {
      if (prepared === undefined) return undefined;
      await writer.put(codec.store, prepared.sealed);
      return prepared.record;
    },
    commitAtOnce: true,
  });
}

/** Deletes one record and leaves its tombstone. Locked, nothing changes (LockedError): nothing is deleted unseen. */
export async function deleteOne(store: SyncedStore, name: string, id: string, now: number): Promise<void> {
  await mutate({
    name,
    stores: [store],
    now,
    prepare: () => requireUnlocked(now),
    write: (writer) => writer.delete(store, id),
    commitAtOnce: true,
  });
}
