import { mutate } from '../../db/write';
import {
  blobKey,
  openHeld,
  openPending,
  openWanted,
  parseRow,
  prefixRange,
  recKey,
  REMINDER_STATE,
  SELF_KEY,
  selfSchema,
  storedHeld,
  storedPending,
  storedWanted,
} from './store';

/**
 * Turning the lock on or off (lib/lock/convert.ts): sync's rows that copy records — the versions
 * held, the segment waiting to be sent, attachments waiting for their image — re-written sealed
 * with `toKey`, or as plaintext (null), like the records. One mutation, all or nothing; a row that
 * does not open with `fromKey` is left as it is (sealed-rows.ts reports it). Nothing is written
 * when sync was never set up.
 */
export async function resealSyncRows(toKey: CryptoKey | null, fromKey: CryptoKey | null, now: number): Promise<void> {
  await mutate({
    name: toKey === null ? 'sync-lock-off' : 'sync-lock-on',
    stores: ['sync'],
    now,
    read: async (tx) => {
      const store = tx.objectStore('sync');
      const [held, wanted, self] = await Promise.all([store.getAll(prefixRange('rec/')), store.getAll(prefixRange('blob/')), store.get(SELF_KEY)]);
      return { held: held.filter((row) => !row.key.startsWith(recKey(REMINDER_STATE, ''))), wanted, self: self ?? null };
    },
    prepare: async ({ held, wanted, self }) => {
      const rows: { key: string; value: unknown }[] = [];
      for (const row of held) {
        const opened = await openHeld(fromKey, row.value);
        if (opened) rows.push({ key: row.key, value: await storedHeld(toKey, opened) });
      }
      for (const row of wanted) {
        const opened = await openWanted(fromKey, row.value);
        if (opened) rows.push({ key: blobKey(opened.attachmentId), value: await storedWanted(toKey, opened) });
      }
      const parsed = parseRow(selfSchema, self ?? undefined);
      if (parsed?.pending) {
        const pending = await openPending(fromKey, parsed.pending).catch(() => null);
        if (pending) rows.push({ key: SELF_KEY, value: { ...parsed, pending: await storedPending(toKey, pending) } });
      }
      return rows;
    },
    write: async (writer, rows) => {
      for (const row of rows) await writer.tx.objectStore('sync').put(row);
    },
  });
}
