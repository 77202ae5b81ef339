import { openDatabase } from '../../db/database';
import { SYNCED_STORES, type SyncedStore } from '../../db/rows';
import { reminderRecordSchema, type ReminderRecord } from '../../db/schema';
import { mutate, type ReadTx } from '../../db/write';
import { deviceOfRev } from '../merge/version-vector';
import { localEdit, type Siblings } from '../merge/siblings';
import type { Change } from '../vault/contents';
import { keyedName, type VaultKeys } from '../vault/keys';
import { attachmentForSync, CODECS, resolveHeld } from './records';
import { heldSchema, parseRow, prefixRange, putHeld, putSelf, readHeld, readSelf, recKey, REMINDER_STATE, pendingSchema, type PendingSegment } from './store';

/**
 * This device's news: the rows and tombstones its write path stamped since the last push (stamps
 * of this device later than `pushedUpTo`), and reminders the user dealt with (done, snoozed) or the
 * background showed, whose state changed since it was last synced. Rows written by sync itself carry the stamp of
 * the device that made the change, so they are never news here: no change travels back to where
 * it came from.
 */

const STORES = [...SYNCED_STORES, 'tombstones', 'meta', 'reminders', 'sync'] as const;

/** The part of a reminder that is the user's doing, and syncs. */
export interface ReminderState {
  pending: 0 | 1;
  fireAt: number;
  notifiedAt: number | null;
}

export const reminderStateOf = (reminder: ReminderRecord): ReminderState => ({ pending: reminder.pending, fireAt: reminder.fireAt, notifiedAt: reminder.notifiedAt });
const sameState = (a: unknown, b: ReminderState) => JSON.stringify(a) === JSON.stringify(b);

interface Found {
  store: SyncedStore;
  id: string;
  rev: string;
  row?: unknown;
  held: Siblings;
}

async function readNews(tx: ReadTx) {
  const meta = await tx.objectStore('meta').get('device');
  const device = meta?.key === 'device' ? meta.id : '';
  const self = await readSelf(tx);
  const isNews = (rev: unknown): rev is string => typeof rev === 'string' && deviceOfRev(rev) === device && rev > self.pushedUpTo;
  const found = new Map<string, Found>();
  for (const store of SYNCED_STORES) {
    const rows: { id: string; rev?: string }[] = await tx.objectStore(store).getAll();
    for (const row of rows) if (isNews(row.rev)) found.set(`${store}/${row.id}`, { store, id: row.id, rev: row.rev, row, held: [] });
  }
  for (const tombstone of await tx.objectStore('tombstones').getAll()) {
    const key = `${tombstone.store}/${tombstone.id}`;
    // Deleted, then made again under the same id: the later of the two is the news.
    if (isNews(tombstone.rev) && !((found.get(key)?.rev ?? '') > tombstone.rev)) found.set(key, { store: tombstone.store, id: tombstone.id, rev: tombstone.rev, held: [] });
  }
  for (const item of found.values()) item.held = await readHeld(tx, item.store, item.id);
  const reminders = (await tx.objectStore('reminders').getAll()).filter((reminder) => reminder.notifiedAt !== null || reminder.pending === 0);
  const heldStates = new Map<string, Siblings>();
  for (const row of await tx.objectStore('sync').getAll(prefixRange(recKey(REMINDER_STATE, '')))) {
    const held = parseRow(heldSchema, row);
    if (held) heldStates.set(held.id, held.siblings);
  }
  return { self, found: [...found.values()], reminders, heldStates };
}

/**
 * Gathers this device's news into the next segment, kept in `self.pending` until it is on the
 * server. Returns the pending segment (an earlier one not yet pushed, if any), or null when there
 * is nothing to push.
 */
export async function collectLocalChanges(keys: VaultKeys, now: number): Promise<PendingSegment | null> {
  const db = await openDatabase();
  const tx = db.transaction([...STORES], 'readonly');
  const news = await readNews(tx);
  await tx.done;
  if (news.self.pending) return news.self.pending;

  const changes: { item: Found; record?: unknown }[] = [];
  const blobs = new Map<string, Uint8Array<ArrayBuffer>>();
  for (const item of news.found) {
    if (item.row === undefined) {
      changes.push({ item });
      continue;
    }
    const record = await CODECS[item.store].openOne(item.row, now);
    // A row that no longer passes its schema is reported by the codec and not spread further.
    if (record === undefined) continue;
    if (item.store === 'attachments') {
      const image = (record as { blob: Blob }).blob;
      const bytes = new Uint8Array(await image.arrayBuffer());
      const name = await keyedName(keys, 'blob', bytes);
      blobs.set(name, bytes);
      changes.push({ item, record: attachmentForSync(record, name) });
    } else {
      changes.push({ item, record });
    }
  }
  const states = news.reminders
    .map((reminder) => ({ id: reminder.id, state: reminderStateOf(reminderRecordSchema.parse(reminder)), held: news.heldStates.get(reminder.id) ?? [] }))
    .filter(({ state, held }) => !sameState(resolveHeld(REMINDER_STATE, held).current?.record, state));
  if (changes.length === 0 && states.length === 0) return null;

  return mutate({
    name: 'sync-collect',
    stores: ['sync'],
    now,
    prepare: () => Promise.resolve(),
    write: async (writer) => {
      const self = await readSelf(writer.tx);
      // Another sync of this profile got here first: push what it gathered.
      if (self.pending) return self.pending;
      const out: Change[] = [];
      let pushedUpTo = self.pushedUpTo;
      for (const { item, record } of changes) {
        const siblings = localEdit(item.held, item.rev, record === undefined ? { deleted: true } : { record });
        const [version] = siblings;
        if (!version) continue;
        out.push({ store: item.store, id: item.id, rev: item.rev, vv: { ...version.vv }, ...(record === undefined ? { deleted: true } : { record }) });
        await putHeld(writer.tx, item.store, item.id, siblings);
        if (item.rev > pushedUpTo) pushedUpTo = item.rev;
      }
      for (const { id, state, held } of states) {
        // Reminders carry no stamp of their own: the state gets one now, from this device's clock.
        const rev = writer.nextRev();
        const siblings = localEdit(held, rev, { record: state });
        const [version] = siblings;
        if (!version) continue;
        out.push({ store: REMINDER_STATE, id, rev, vv: { ...version.vv }, record: state });
        await putHeld(writer.tx, REMINDER_STATE, id, siblings);
      }
      // Read back through its schema, as a retry will read it: the same key order, the same bytes.
      const pending = pendingSchema.parse({ seq: self.nextSeq, changes: out, blobs: [...blobs.values()] });
      await putSelf(writer.tx, { ...self, pushedUpTo, pending, lastChangeAt: now });
      return pending;
    },
  });
}

/** The pending segment is on the server: the next one gets the next number. */
export async function markPushed(seq: number, now: number): Promise<void> {
  await mutate({
    name: 'sync-pushed',
    stores: ['sync'],
    now,
    prepare: () => Promise.resolve(),
    write: async (writer) => {
      const self = await readSelf(writer.tx);
      if (self.pending?.seq === seq) await putSelf(writer.tx, { ...self, pending: null, nextSeq: seq + 1 });
    },
  });
}

export async function markInfoWritten(size: number, now: number): Promise<void> {
  await mutate({
    name: 'sync-info',
    stores: ['sync'],
    now,
    prepare: () => Promise.resolve(),
    write: async (writer) => {
      await putSelf(writer.tx, { ...(await readSelf(writer.tx)), infoWritten: true, infoSize: size });
    },
  });
}

export async function markVaultConfirmed(etag: string, now: number): Promise<void> {
  await mutate({
    name: 'sync-vault',
    stores: ['sync'],
    now,
    prepare: () => Promise.resolve(),
    write: async (writer) => {
      await putSelf(writer.tx, { ...(await readSelf(writer.tx)), vaultEtag: etag });
    },
  });
}

/** What became of a compaction of this device's folder: the segments its snapshot now covers, or when to try again. */
export async function markCompacted(result: { compactedUpTo: number } | { compactAfter: number }, now: number): Promise<void> {
  await mutate({
    name: 'sync-compacted',
    stores: ['sync'],
    now,
    prepare: () => Promise.resolve(),
    write: async (writer) => {
      await putSelf(writer.tx, { ...(await readSelf(writer.tx)), ...result });
    },
  });
}
