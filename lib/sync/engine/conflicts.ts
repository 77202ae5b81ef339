import { openDatabase } from '../../db/database';
import { attachmentCodec, listAttachments } from '../../db/attachments';
import { deleteAgreement } from '../../db/delete-agreements';
import { undoPayment } from '../../db/payment-writes';
import { paymentCodec } from '../../db/payments';
import { deleteNote } from '../../db/sessions';
import { SYNCED_STORES, type SyncedStore } from '../../db/rows';
import { mutate } from '../../db/write';
import { pairKey, possibleDuplicatePayments, type SyncedPayment } from '../merge/payments';
import type { Siblings, Version } from '../merge/siblings';
import { deviceOfRev } from '../merge/version-vector';
import { parseRev } from '../../db/hlc';
import { withSavedSettings } from '../../db/save-agreement';
import { readPeers } from './peers';
import { afterLocalChange, CODECS, isSyncedStore, planFor, resolveHeld, writeReminders } from './records';
import { syncRowKey } from './sealed-rows';
import { answeredKey, answeredSchema, dismissedKey, openHeld, parseRow, prefixRange, rawValue, readSelf, recKey, REMINDER_STATE } from './store';

/**
 * What a later screen shows of sync's merges, and the user's answers: records edited on two
 * devices without seeing each other (both versions, which device, when), records edited on one
 * device while deleted on another, and payments that may be one payment entered twice.
 */

export interface ConflictVersion {
  rev: string;
  /** The write path's device id of the device that made it. */
  device: string;
  /** When it was made, by that device's clock (epoch ms). */
  at: number;
  /** Made on this profile (its write-path device id), not on another device. */
  here: boolean;
  /** The vault device that made it (its folder and info file on the server), when known here. */
  peer: string | null;
  record: unknown;
}

export interface Conflict {
  store: string;
  id: string;
  /** The version shown on every device. */
  current: ConflictVersion;
  /** The other versions, newest first. */
  others: ConflictVersion[];
  /** Edited here or there while another device deleted it: kept, and asked about. */
  editedWhileDeleted: boolean;
}

const describe = (version: Version, local: string, peers: ReadonlyMap<string, string>): ConflictVersion => {
  const device = deviceOfRev(version.rev);
  return { rev: version.rev, device, at: parseRev(version.rev)?.wall ?? 0, here: device === local, peer: peers.get(device) ?? null, record: version.record };
};

/** JSON with its keys sorted, so that two records alike compare equal whatever order their keys came in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : inner,
  );
}

/** The versions in conflict among a record's siblings, as the user is asked about them; null when there is nothing to ask. */
function conflictIn(store: string, siblings: Siblings): { current: Version; others: Version[]; editedWhileDeleted: boolean } | null {
  const resolved = resolveHeld(store, siblings);
  if (!resolved.current) return null;
  const shown = canonical(resolved.current.record);
  const others = resolved.conflicts.filter((version) => canonical(version.record) !== shown);
  if (others.length === 0 && !resolved.editedWhileDeleted) return null;
  return { current: resolved.current, others, editedWhileDeleted: resolved.editedWhileDeleted };
}

/**
 * Records in conflict. Versions made apart that say the same (two devices gave the same answer)
 * leave nothing to choose and are not listed. A record changed here since (not pushed yet) is
 * shown with that change as the version shown: an edit keeps the other versions, as the next
 * push will (records.ts, `afterLocalChange`); a deletion, an answer ("Keep this version") or a
 * changed image settles it, and it is not listed. Throws LockedError while the lock is closed
 * (the versions held are sealed with the records).
 */
export async function listConflicts(now: number = Date.now()): Promise<Conflict[]> {
  const key = await syncRowKey(now);
  const db = await openDatabase();
  // The versions held, as stored: opened once this transaction is over.
  const stored = await db.getAll('sync', prefixRange('rec/'));
  const candidates: { store: SyncedStore; id: string; siblings: Siblings }[] = [];
  for (const row of stored) {
    if (row.key.startsWith(recKey(REMINDER_STATE, ''))) continue;
    const held = await openHeld(key, row.value);
    // A local edit cannot make a conflict out of versions that hold none.
    if (held && isSyncedStore(held.store) && conflictIn(held.store, held.siblings)) candidates.push({ store: held.store, id: held.id, siblings: held.siblings });
  }
  if (candidates.length === 0) return [];

  const tx = db.transaction(['sync', 'meta', 'tombstones', ...SYNCED_STORES], 'readonly');
  const self = await readSelf(tx);
  const meta = await tx.objectStore('meta').get('device');
  const local = meta?.key === 'device' ? meta.id : '';
  const peers = await readPeers(tx);
  const here: { row: unknown; rev: string; answered: boolean }[] = [];
  for (const { store, id } of candidates) {
    const row = await tx.objectStore(store).get(id);
    const rev = row ? row.rev : (await tx.objectStore('tombstones').get(`${store}/${id}`))?.rev;
    const changedHere = rev !== undefined && deviceOfRev(rev) === local && rev > self.pushedUpTo;
    const answer = changedHere ? parseRow(answeredSchema, await tx.objectStore('sync').get(answeredKey(store, id))) : undefined;
    here.push(changedHere ? { row, rev, answered: answer !== undefined && answer.rev <= rev } : { row: undefined, rev: '', answered: false });
  }
  await tx.done;

  const conflicts: Conflict[] = [];
  for (const [i, { store, id, siblings }] of candidates.entries()) {
    const change = here[i];
    let versions = siblings;
    if (change?.rev) {
      if (change.row === undefined || change.answered || store === 'attachments') continue;
      const record = await CODECS[store].openOne(change.row, now);
      if (record === undefined) continue;
      versions = afterLocalChange(store, siblings, change.rev, { record }, false);
    }
    const found = conflictIn(store, versions);
    if (!found) continue;
    conflicts.push({
      store,
      id,
      current: describe(found.current, local, peers),
      others: found.others.map((version) => describe(version, local, peers)),
      editedWhileDeleted: found.editedWhileDeleted,
    });
  }
  return conflicts;
}

/**
 * Keeps one version of a record in conflict (the one shown, another one held, or this device's
 * own change not sent yet): written here as a new edit, marked as the answer, which the next sync
 * sends as a version over every version held, so it replaces them on every device and the
 * conflict is gone everywhere. Until then the answer keeps it off the list here. Returns false
 * when that version is no longer there.
 */
export async function keepVersion(store: string, id: string, rev: string, now: number): Promise<boolean> {
  if (!isSyncedStore(store)) return false;
  if (store === 'attachments') return keepAttachment(id, rev, now);
  const key = await syncRowKey(now);
  return mutate({
    name: 'sync-keep-version',
    stores: [store, 'reminders', 'sync'],
    now,
    read: async (tx) => ({ held: await rawValue(tx, recKey(store, id)), row: await tx.objectStore(store).get(id) }),
    prepare: async (read) => {
      const held = (await openHeld(key, read.held))?.siblings.find((version) => version.rev === rev)?.record;
      const record = held ?? (read.row?.rev === rev ? await CODECS[store].openOne(read.row, now) : undefined);
      if (record === undefined) return null;
      if (store !== 'agreements') return { row: await CODECS[store].seal(record, now), plan: null };
      const agreement = CODECS.agreements.check(record);
      if (!agreement) return null;
      const db = await openDatabase();
      const payments = await paymentCodec.open(await db.getAllFromIndex('payments', 'by-agreement', id), now);
      const plan = planFor(agreement, payments, await withSavedSettings({ now }));
      return { row: await CODECS.agreements.seal(agreement, now, { settled: plan.settled }), plan };
    },
    write: async (writer, prepared) => {
      if (!prepared) return false;
      const answer = writer.nextRev();
      await writer.rewrite(store, prepared.row, answer);
      await writer.tx.objectStore('sync').put({ key: answeredKey(store, id), value: { rev: answer } });
      if (prepared.plan) await writeReminders(writer.tx, id, prepared.plan.reminders);
      return true;
    },
  });
}

/**
 * An image's versions travel without the image (its blob's name instead), so only the version
 * stored here, image and all, can be kept: written again as a new edit, which the next sync sends
 * over every version held (a receipt moved here while another device deleted it). Returns false
 * for another version.
 */
async function keepAttachment(id: string, rev: string, now: number): Promise<boolean> {
  const key = await syncRowKey(now);
  const db = await openDatabase();
  const stored = await db.get('attachments', id);
  const record = await attachmentCodec.openOne(stored, now);
  if (!stored || stored.rev !== rev || !record) return false;
  const row = await attachmentCodec.seal(record, now);
  return mutate({
    name: 'sync-keep-version',
    stores: ['attachments', 'sync'],
    now,
    read: async (tx) => ({ held: await rawValue(tx, recKey('attachments', id)), rev: (await tx.objectStore('attachments').get(id))?.rev ?? null }),
    prepare: async (read) => read.rev === rev && ((await openHeld(key, read.held))?.siblings.some((version) => version.rev === rev && version.record !== undefined) ?? false),
    write: async (writer, held) => {
      if (!held) return false;
      await writer.rewrite('attachments', row, writer.nextRev());
      return true;
    },
  });
}

/** Payments that may be one payment recorded on two devices, not yet answered. */
export async function listSamePaymentQuestions(now: number): Promise<[SyncedPayment, SyncedPayment][]> {
  const db = await openDatabase();
  const [rows, dismissed] = await Promise.all([db.getAll('payments'), db.getAll('sync', prefixRange('dismissed/'))]);
  const records = await paymentCodec.openEach(rows, now);
  const payments: SyncedPayment[] = [];
  for (const [i, record] of records.entries()) {
    const rev = rows[i]?.rev;
    if (record && rev) payments.push({ id: record.id, agreementId: record.agreementId, amountFen: record.amountFen, paidOn: record.paidOn, firstRev: rev });
  }
  return possibleDuplicatePayments(payments, new Set(dismissed.map((row) => row.key.slice('dismissed/'.length))));
}

/** The user's answer "these are two payments": not asked again on this device. */
export async function dismissSamePaymentQuestion(a: SyncedPayment, b: SyncedPayment, now: number): Promise<void> {
  await mutate({
    name: 'sync-dismiss-same-payment',
    stores: ['sync'],
    now,
    prepare: () => Promise.resolve(),
    write: async (writer) => {
      const pair = pairKey(a, b);
      await writer.tx.objectStore('sync').put({ key: dismissedKey(pair), value: { pair } });
    },
  });
}

/**
 * Which of two payments alike to keep when the user says they are one payment: the one recorded
 * first (the smaller stamp; the smaller id if stamps are equal). It depends on nothing but the two
 * payments, so two devices that both answer "one payment" before they sync remove the same one,
 * never both.
 */
export function choosePaymentToKeep(a: SyncedPayment, b: SyncedPayment): { keep: SyncedPayment; remove: SyncedPayment } {
  const aFirst = a.firstRev < b.firstRev || (a.firstRev === b.firstRev && a.id < b.id);
  return aFirst ? { keep: a, remove: b } : { keep: b, remove: a };
}

/**
 * The user's answer "the same payment": the later of the two is removed through the write path
 * (undoPayment, which re-plans the agreement's reminders), after its receipts, if any, are moved
 * to the payment kept, so no image is lost. Returns the id removed, or null when it was already gone.
 */
export async function keepOnePayment(a: SyncedPayment, b: SyncedPayment, now: number): Promise<string | null> {
  const { keep, remove } = choosePaymentToKeep(a, b);
  const db = await openDatabase();
  if (!(await db.get('payments', remove.id))) return null;
  const receipts = await listAttachments('payment', remove.id, now);
  if (receipts.length > 0) {
    await mutate({
      name: 'sync-move-receipts',
      stores: ['attachments'],
      now,
      prepare: () => Promise.all(receipts.map((receipt) => attachmentCodec.seal({ ...receipt, ownerId: keep.id }, now))),
      write: async (writer, rows) => {
        await Promise.all(rows.map((row) => writer.put('attachments', row)));
      },
    });
  }
  await undoPayment(remove.id, { now });
  return remove.id;
}

/** Stores whose records edited against a deletion can be deleted from the conflicts list. */
export const DELETABLE_STORES = ['agreements', 'sessionNotes'] as const;
export type DeletableStore = (typeof DELETABLE_STORES)[number];
export const isDeletableStore = (store: string): store is DeletableStore => (DELETABLE_STORES as readonly string[]).includes(store);

/**
 * The user's answer "delete it" to a record edited here or there while another device deleted it:
 * deleted through the store's own write (an agreement with its payments, reminders and notes), which
 * leaves a tombstone of this device; the next sync sends it, and the record goes on every device.
 */
export async function deleteFlaggedRecord(store: string, id: string, now: number): Promise<boolean> {
  if (!isDeletableStore(store)) return false;
  if (store === 'agreements') await deleteAgreement(id, now);
  else await deleteNote(id, now);
  return true;
}
