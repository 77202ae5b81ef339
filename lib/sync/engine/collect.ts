import { openDatabase } from '../../db/database';
import { SYNCED_STORES, type SyncedStore } from '../../db/rows';
import { reminderRecordSchema, type ReminderRecord } from '../../db/schema';
import { mutate, type ReadTx } from '../../db/write';
import { deviceOfRev } from '../merge/version-vector';
import { localEdit, type Siblings } from '../merge/siblings';
import { outdatedBy, type Change } from '../vault/contents';
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
  updateSelf,
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

export interface Collected {
  segment: PendingSegment;
  /** Changes this call added to it (0: it is as it was). */
  added: number;
}

/** An open segment grown by `added`: an earlier change of a record changed again goes, unless the later one left it out. */
function grow(base: readonly Change[], added: readonly Change[]): Change[] {
  return [...base.filter((earlier) => !added.some((later) => later.store === earlier.store && later.id === earlier.id && outdatedBy(earlier, later))), ...added];
}

/**
 * Gathers this device's news into the next segment, kept in `self.pending` until it is on the
 * server as a file (sealed, with the versions held, while the lock is on). An open segment (no
 * upload of it as a file begun; meanwhile it travels in the info file's tail) grows by the news;
 * one whose upload as a file has begun is returned as it is, to be sent again the same. Returns
 * null when there is nothing to push. Throws LockedError while the lock is closed, before anything is read.
 */
export async function collectLocalChanges(keys: VaultKeys, now: number): Promise<Collected | null> {
  const key = await syncRowKey(now);
  const db = await openDatabase();
  const tx = db.transaction([...STORES], 'readonly');
  const news = await readNews(tx);
  await tx.done;
  const prior = news.self.pending ? await openPending(key, news.self.pending) : null;
  if (prior && !prior.open) return { segment: prior, added: 0 };

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
  if (changes.length === 0 && states.length === 0) return prior ? { segment: prior, added: 0 } : null;
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
      const base = self.pending ? await openPending(key, self.pending) : null;
      // Another sync of this profile began a file's upload since: that goes first, as it is.
      if (base && !base.open) return { self, pending: base, writes: null };
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
        out.push({ store: item.store, id: item.id, rev: item.rev, vv: { ...version.vv }, ...(version.excl ? { excl: [...version.excl] } : {}), ...(record === undefined ? { deleted: true } : { record }) });
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
      const pending = pendingSchema.parse({
        seq: base?.seq ?? self.nextSeq,
        changes: base ? grow(base.changes, out) : out,
        blobs: [...(base?.blobs ?? []), ...blobs.values()],
        open: true,
      });
      const stored = await storedPending(key, pending);
      return { self, pending, writes: { held, answers, stateVersions, stored, pushedUpTo, added: out.length } };
    },
    write: async (writer, { self, pending, writes }): Promise<Collected> => {
      if (!writes) return { segment: pending, added: 0 };
      for (const { store, id, value } of writes.held) await putHeld(writer.tx, store, id, value);
      for (const { id, siblings } of writes.stateVersions) await putHeldState(writer.tx, id, siblings);
      for (const answer of writes.answers) await writer.tx.objectStore('sync').delete(answer);
      await putSelf(writer.tx, { ...self, pushedUpTo: writes.pushedUpTo, pending: writes.stored, lastChangeAt: now });
      return { segment: pending, added: writes.added };
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

/** The open segment is to go up as a file: from now on it is sent as it is (a retry compares it with what arrived). */
export async function freezePending(seq: number, now: number): Promise<void> {
  await mutate({
    name: 'sync-freeze',
    stores: ['sync'],
    now,
    prepare: () => Promise.resolve(),
    write: async (writer) => {
      await updateSelf(writer.tx, (self) => {
        if (self.pending?.seq !== seq || !self.pending.open) return self;
        const { open: _open, ...frozen } = self.pending; // eslint-disable-line @typescript-eslint/no-unused-vars -- dropped: the segment is frozen
        return { ...self, pending: frozen };
      });
    },
  });
}

/**
 * The pending segment is on the server: the next one gets the next number. The info file there
 * does not count it yet, and is owed until one that does is sent (`infoWritten`): a sync stopped
 * in between (a 503, the browser closed) leaves one that may list as it was sent, same size and
 * ETag, and readers who saw that ETag would not look for the segment before their hourly listing.
 */
export async function markPushed(seq: number, now: number): Promise<void> {
  await mutate({
    name: 'sync-pushed',
    stores: ['sync'],
    now,
    prepare: () => Promise.resolve(),
    write: async (writer) => {
      await updateSelf(writer.tx, (self) => (self.pending?.seq === seq ? { ...self, pending: null, nextSeq: seq + 1, infoWritten: false } : self));
    },
  });
}

/** The info file is on the server, `size` bytes, carrying the open segment's changes if there is one. */
export async function markInfoWritten(sent: { size: number; etag?: string }, carries: string, now: number): Promise<void> {
  await mutate({
    name: 'sync-info',
    stores: ['sync'],
    now,
    prepare: () => Promise.resolve(),
    write: async (writer) => {
      await updateSelf(writer.tx, (current) => {
        const { infoSentEtag: _old, ...self } = current; // eslint-disable-line @typescript-eslint/no-unused-vars -- replaced below, or dropped when the server gave none
        return { ...self, infoWritten: true, infoSize: sent.size, infoCarries: carries, ...(sent.etag === undefined ? {} : { infoSentEtag: sent.etag }) };
      });
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
      await updateSelf(writer.tx, (self) => ({ ...self, vaultEtag: etag }));
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
      await updateSelf(writer.tx, (self) => ({ ...self, ...result }));
    },
  });
}
