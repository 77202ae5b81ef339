import { openDatabase } from '../../db/database';
import { attachmentCodec, listAttachments } from '../../db/attachments';
import { deleteAgreement } from '../../db/delete-agreements';
import { undoPayment } from '../../db/payment-writes';
import { paymentCodec } from '../../db/payments';
import { deleteNote } from '../../db/sessions';
import { mutate } from '../../db/write';
import { pairKey, possibleDuplicatePayments, type SyncedPayment } from '../merge/payments';
import { localEdit, type Version } from '../merge/siblings';
import { deviceOfRev } from '../merge/version-vector';
import { parseRev } from '../../db/hlc';
import { withSavedSettings } from '../../db/save-agreement';
import { readPeers } from './peers';
import { CODECS, isSyncedStore, planFor, resolveHeld, writeReminders } from './records';
import { dismissedKey, heldSchema, parseRow, prefixRange, putHeld, readHeld, readSelf, REMINDER_STATE } from './store';

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

/**
 * Records in conflict. Versions made apart that say the same (two devices gave the same answer)
 * leave nothing to choose and are not listed. A record the user has changed or deleted here since (not pushed yet) is
 * settled by that change and not listed.
 */
export async function listConflicts(): Promise<Conflict[]> {
  const db = await openDatabase();
  const tx = db.transaction(['sync', 'meta', 'tombstones', 'agreements', 'payments', 'sessions', 'sessionNotes', 'attachments', 'scriptState'], 'readonly');
  const self = await readSelf(tx);
  const meta = await tx.objectStore('meta').get('device');
  const local = meta?.key === 'device' ? meta.id : '';
  const peers = await readPeers(tx);
  const conflicts: Conflict[] = [];
  for (const row of await tx.objectStore('sync').getAll(prefixRange('rec/'))) {
    const held = parseRow(heldSchema, row);
    if (!held || held.store === REMINDER_STATE || !isSyncedStore(held.store)) continue;
    const resolved = resolveHeld(held.store, held.siblings);
    if (!resolved.current) continue;
    const shown = canonical(resolved.current.record);
    const others = resolved.conflicts.filter((version) => canonical(version.record) !== shown);
    if (others.length === 0 && !resolved.editedWhileDeleted) continue;
    const stored = await tx.objectStore(held.store).get(held.id);
    // Deleted here since ("Delete it"): the tombstone is the answer, pushed with the next sync.
    const rev = stored ? stored.rev : (await tx.objectStore('tombstones').get(`${held.store}/${held.id}`))?.rev;
    if (rev && deviceOfRev(rev) === local && rev > self.pushedUpTo) continue;
    conflicts.push({
      store: held.store,
      id: held.id,
      current: describe(resolved.current, local, peers),
      others: others.map((version) => describe(version, local, peers)),
      editedWhileDeleted: resolved.editedWhileDeleted,
    });
  }
  await tx.done;
  return conflicts;
}

/**
 * Keeps one version of a record in conflict (the one shown, or another): written here as a new
 * edit that includes every version held, so once synced it replaces them on every device and the
 * conflict is gone everywhere. Returns false when that version is no longer held.
 */
export async function keepVersion(store: string, id: string, rev: string, now: number): Promise<boolean> {
  if (!isSyncedStore(store)) return false;
  if (store === 'attachments') return keepAttachment(id, rev, now);
  const db = await openDatabase();
  const chosen = (parseRow(heldSchema, await db.get('sync', `rec/${store}/${id}`))?.siblings ?? []).find((version) => version.rev === rev);
  if (!chosen?.record) return false;
  const options = store === 'agreements' ? await withSavedSettings({ now }) : null;
  const payments = store === 'agreements' ? await paymentCodec.open(await db.getAllFromIndex('payments', 'by-agreement', id), now) : [];
  const agreement = store === 'agreements' ? CODECS.agreements.check(chosen.record) : undefined;
  const plan = agreement && options ? planFor(agreement, payments, options) : null;
  const row = agreement && plan ? await CODECS.agreements.seal(agreement, now, { settled: plan.settled }) : await CODECS[store].seal(chosen.record, now);
  return mutate({
    name: 'sync-keep-version',
    stores: [store, 'reminders', 'sync'],
    now,
    prepare: () => Promise.resolve(),
    write: async (writer) => {
      const siblings = await readHeld(writer.tx, store, id);
      if (!siblings.some((version) => version.rev === rev)) return false;
      const next = writer.nextRev();
      await writer.rewrite(store, row, next);
      // Held as the new version at once, so the conflict is no longer listed here.
      await putHeld(writer.tx, store, id, localEdit(siblings, next, { record: chosen.record }));
      if (plan && agreement) await writeReminders(writer.tx, id, plan.reminders);
      return true;
    },
  });
}

/**
 * An image's versions travel without the image (its blob's name instead), so only the version
 * stored here, image and all, can be kept: written again as a new edit over every version held (a
 * receipt moved here while another device deleted it). Returns false for another version.
 */
async function keepAttachment(id: string, rev: string, now: number): Promise<boolean> {
  const db = await openDatabase();
  const stored = await db.get('attachments', id);
  const record = await attachmentCodec.openOne(stored, now);
  if (!stored || stored.rev !== rev || !record) return false;
  const row = await attachmentCodec.seal(record, now);
  return mutate({
    name: 'sync-keep-version',
    stores: ['attachments', 'sync'],
    now,
    prepare: () => Promise.resolve(),
    write: async (writer) => {
      const siblings = await readHeld(writer.tx, 'attachments', id);
      const chosen = siblings.find((version) => version.rev === rev);
      if (!chosen?.record || (await writer.tx.objectStore('attachments').get(id))?.rev !== rev) return false;
      const next = writer.nextRev();
      await writer.rewrite('attachments', row, next);
      await putHeld(writer.tx, 'attachments', id, localEdit(siblings, next, { record: chosen.record }));
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
