import { openDatabase } from '../../db/database';
import { SYNCED_STORES, type SyncedStore } from '../../db/rows';
import { reminderRecordSchema, type ReminderRecord } from '../../db/schema';
import { mutate, type ReadTx } from '../../db/write';
import { deviceOfRev } from '../merge/version-vector';
import { localEdit, type Siblings } from '../merge/siblings';
import type { Change } from '../vault/contents';
import { keyedName, type VaultKeys } from '../vault/keys';
import { afterLocalChange, attachmentForSync, CODECS, resolveHeld } from './records';
import { syncRowKey } from './sealed-rows';
import {
  answeredKey,
  answeredSchema,
  FRESH_SELF,
  heldSchema,
  openHeld,
  openPending,
  parseRow,
  pendingSchema,
  prefixRange,
  putHeld,
  putHeldState,
  putSelf,
  rawValue,
  readSelf,
  recKey,
  REMINDER_STATE,
  SELF_KEY,
  selfSchema,
  storedHeld,
  storedPending,
  type PendingSegment,
} from './store';

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
  /** When the user dealt with it (absent in states from builds before it was kept). */
  actedAt?: number;
}

export const reminderStateOf = (reminder: ReminderRecord): ReminderState => ({
  pending: reminder.pending,
  fireAt: reminder.fireAt,
  notifiedAt: reminder.notifiedAt,
  ...(reminder.actedAt === undefined ? {} : { actedAt: reminder.actedAt }),
});
const sameState = (a: unknown, b: ReminderState) => JSON.stringify(a) === JSON.stringify(b);

interface Found {
  store: SyncedStore;
  id: string;
  rev: string;
  row?: unknown;
}

async function readNews(tx: ReadTx) {
  const meta = await tx.objectStore('meta').get('device');
  const device = meta?.key === 'device' ? meta.id : '';
  const self = await readSelf(tx);
  const isNews = (rev: unknown): rev is string => typeof rev === 'string' && deviceOfRev(rev) === device && rev > self.pushedUpTo;
  const found = new Map<string, Found>();
  for (const store of SYNCED_STORES) {
    const rows: { id: string; rev?: string }[] = await tx.objectStore(store).getAll();
    for (const row of rows) if (isNews(row.rev)) found.set(`${store}/${row.id}`, { store, id: row.id, rev: row.rev, row });
  }
  for (const tombstone of await tx.objectStore('tombstones').getAll()) {
    const key = `${tombstone.store}/${tombstone.id}`;
    // Deleted, then made again under the same id: the later of the two is the news.
    if (isNews(tombstone.rev) && !((found.get(key)?.rev ?? '') > tombstone.rev)) found.set(key, { store: tombstone.store, id: tombstone.id, rev: tombstone.rev });
  }
  // Shown, or dealt with (done, snoozed) before it was: the rest is only what this device planned.
  const reminders = (await tx.objectStore('reminders').getAll()).filter((reminder) => reminder.notifiedAt !== null || reminder.pending === 0 || reminder.actedAt !== undefined);
  const heldStates = new Map<string, Siblings>();
  for (const row of await tx.objectStore('sync').getAll(prefixRange(recKey(REMINDER_STATE, '')))) {
    const held = parseRow(heldSchema, row);
    if (held) heldStates.set(held.id, held.siblings);
  }
  return { self, found: [...found.values()], reminders, heldStates };
}

/**
 * Gathers this device's news into the next segment, kept in `self.pending` until it is on the
 * server (sealed, with the versions held, while the lock is on). Returns the pending segment (an
 * earlier one not yet pushed, if any), or null when there is nothing to push. Throws LockedError
 * while the lock is closed, before anything is read.
 */
export async function collectLocalChanges(keys: VaultKeys, now: number): Promise<PendingSegment | null> {
  const key = await syncRowKey(now);
  const db = await openDatabase();
  const tx = db.transaction([...STORES], 'readonly');
  const news = await readNews(tx);
  await tx.done;
  if (news.self.pending) return openPending(key, news.self.pending);

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
  // Reminders carry no stamp of their own: each state gets one from this device's clock, taken
  // now, since the segment that carries them is sealed before the transaction that stores it.
  const stateRevs = states.length > 0 ? await takeRevs(states.length, now) : [];

  return mutate({
    name: 'sync-collect',
    stores: ['sync'],
    now,
    // What the new versions are made over: read again before writing, and made again if it moved.
    read: async (tx) => ({
      self: await rawValue(tx, SELF_KEY),
      held: await Promise.all(changes.map(({ item }) => rawValue(tx, recKey(item.store, item.id)))),
      answered: await Promise.all(changes.map(({ item }) => rawValue(tx, answeredKey(item.store, item.id)))),
      states: await Promise.all(states.map(({ id }) => rawValue(tx, recKey(REMINDER_STATE, id)))),
    }),
    prepare: async (read) => {
      const self = parseRow(selfSchema, { value: read.self }) ?? FRESH_SELF;
      // Another sync of this profile got here first: push what it gathered.
      if (self.pending) return { self, pending: await openPending(key, self.pending), writes: null };
      const out: Change[] = [];
      const held: { store: string; id: string; value: unknown }[] = [];
      const answers: string[] = [];
      let pushedUpTo = self.pushedUpTo;
      for (const [i, { item, record }] of changes.entries()) {
        const answer = parseRow(answeredSchema, { value: read.answered[i] });
        const answered = answer !== undefined && answer.rev <= item.rev;
        if (answered) answers.push(answeredKey(item.store, item.id));
        const siblings = afterLocalChange(item.store, (await openHeld(key, read.held[i]))?.siblings ?? [], item.rev, record === undefined ? { deleted: true } : { record }, answered);
        const version = siblings.find((sibling) => sibling.rev === item.rev);
        if (!version) continue;
        out.push({ store: item.store, id: item.id, rev: item.rev, vv: { ...version.vv }, ...(record === undefined ? { deleted: true } : { record }) });
        held.push({ store: item.store, id: item.id, value: await storedHeld(key, { store: item.store, id: item.id, siblings }) });
        if (item.rev > pushedUpTo) pushedUpTo = item.rev;
      }
      const stateVersions: { id: string; siblings: Siblings }[] = [];
      for (const [i, { id, state }] of states.entries()) {
        const rev = stateRevs[i];
        const siblings = rev === undefined ? [] : localEdit(parseRow(heldSchema, { value: read.states[i] })?.siblings ?? [], rev, { record: state });
        const [version] = siblings;
        if (!version) continue;
        out.push({ store: REMINDER_STATE, id, rev: version.rev, vv: { ...version.vv }, record: state });
        stateVersions.push({ id, siblings });
      }
      // Read back through its schema, as a retry will read it: the same key order, the same bytes.
      const pending = pendingSchema.parse({ seq: self.nextSeq, changes: out, blobs: [...blobs.values()] });
      const stored = await storedPending(key, pending);
      return { self, pending, writes: { held, answers, stateVersions, stored, pushedUpTo } };
    },
    write: async (writer, { self, pending, writes }) => {
      if (!writes) return pending;
      for (const { store, id, value } of writes.held) await putHeld(writer.tx, store, id, value);
      for (const { id, siblings } of writes.stateVersions) await putHeldState(writer.tx, id, siblings);
      for (const answer of writes.answers) await writer.tx.objectStore('sync').delete(answer);
      await putSelf(writer.tx, { ...self, pushedUpTo: writes.pushedUpTo, pending: writes.stored, lastChangeAt: now });
      return pending;
    },
  });
}

/** `count` stamps of this device's clock, taken (and the clock saved) in a transaction of their own. */
async function takeRevs(count: number, now: number): Promise<string[]> {
  return mutate({
    name: 'sync-stamps',
    stores: ['sync'],
    now,
    prepare: () => Promise.resolve(),
    write: (writer) => Promise.resolve(Array.from({ length: count }, () => writer.nextRev())),
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
