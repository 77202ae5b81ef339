import type { Encoded } from '../../db/codec';
import type { PaymentRecord } from '../../db/payments';
import type { SyncedStore } from '../../db/rows';
import { withSavedSettings } from '../../db/save-agreement';
import { reminderRecordSchema, type AgreementRecord } from '../../db/schema';
import { mutate, type ReadTx, type Writer } from '../../db/write';
import { deviceOfRev } from '../merge/version-vector';
import { mergeSiblings, type Siblings, type Version } from '../merge/siblings';
import type { Change } from '../vault/contents';
import type { ReminderState } from './collect';
import { rememberPeers } from './peers';
import { CODECS, isSyncedStore, planFor, resolveHeld, writeReminders } from './records';
import { syncRowKey } from './sealed-rows';
import { blobKey, cursorKey, openHeld, parseRow, prefixRange, heldSchema, putHeld, rawValue, readSelf, recKey, REMINDER_STATE, storedHeld, storedWanted, type CursorRow, type WantedBlob } from './store';

/**
 * Applying another device's changes, in one transaction of the write path: the versions held of
 * each record are merged with the arriving ones (lib/sync/merge), the version the rules pick is
 * written with the stamp it was made with (so it is never news to push back), deletions leave a
 * tombstone with the deleting device's stamp, derived data (settled flags, reminders) is
 * recomputed here, and the device's cursor moves on. All of it commits, or none of it.
 */

export interface ApplyResult {
  /** Records whose local copy changed. */
  applied: number;
  /** Records touched by this batch that now hold a conflict, or an edit made against a deletion. */
  conflicts: number;
}

const STORES = ['agreements', 'payments', 'sessions', 'sessionNotes', 'attachments', 'scriptState', 'reminders', 'sync'] as const;

const versionOf = (change: Change): Version => ({
  rev: change.rev,
  vv: change.vv ?? { [deviceOfRev(change.rev)]: change.rev },
  ...(change.excl ? { excl: change.excl } : {}),
  ...(change.deleted ? { deleted: true as const } : { record: change.record }),
});

interface Touched {
  store: string;
  id: string;
  incoming: Version[];
}

function groupChanges(changes: readonly Change[]): Touched[] {
  const byKey = new Map<string, Touched>();
  for (const change of changes) {
    const key = `${change.store}/${change.id}`;
    const entry = byKey.get(key) ?? { store: change.store, id: change.id, incoming: [] };
    entry.incoming.push(versionOf(change));
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

interface ReadState {
  /** The versions held of each touched record, as stored (sealed with the lock on): opened in `prepare`. */
  held: unknown[];
  rows: unknown[];
  localDevice: string;
  pushedUpTo: string;
  /** Agreements whose derived data may move, with their rows and their payments' rows. */
  agreements: { id: string; row: unknown; payments: unknown[] }[];
}

const agreementIdOf = (value: unknown): string | undefined => {
  const id: unknown = value && typeof value === 'object' ? Reflect.get(value, 'agreementId') : undefined;
  return typeof id === 'string' ? id : undefined;
};

async function readState(tx: ReadTx, touched: readonly Touched[]): Promise<ReadState> {
  const meta = await tx.objectStore('meta').get('device');
  const self = await readSelf(tx);
  const held: unknown[] = [];
  const rows: unknown[] = [];
  const affected = new Set<string>();
  for (const { store, id, incoming } of touched) {
    held.push(await rawValue(tx, recKey(store, id)));
    const row: unknown = isSyncedStore(store) ? await tx.objectStore(store).get(id) : store === REMINDER_STATE ? await tx.objectStore('reminders').get(id) : undefined;
    rows.push(row);
    if (store === 'agreements') affected.add(id);
    if (store === 'payments') {
      for (const value of [row, ...incoming.map((version) => version.record)]) {
        const agreementId = agreementIdOf(value);
        if (agreementId) affected.add(agreementId);
      }
    }
  }
  const agreements = [];
  for (const id of [...affected].sort()) {
    agreements.push({ id, row: await tx.objectStore('agreements').get(id), payments: await tx.objectStore('payments').index('by-agreement').getAll(id) });
  }
  return { held, rows, localDevice: meta?.key === 'device' ? meta.id : '', pushedUpTo: self.pushedUpTo, agreements };
}

type Action =
  | { kind: 'put'; store: SyncedStore; id: string; row: Encoded<SyncedStore>; rev: string }
  | { kind: 'delete'; store: SyncedStore; id: string; rev: string }
  | { kind: 'want-blob'; attachmentId: string; stored: unknown }
  | { kind: 'reminder-state'; id: string; state: ReminderState };

interface Prepared {
  /** The versions held after the merge, as they are to be stored. */
  merged: { store: string; id: string; stored: unknown }[];
  actions: Action[];
  derived: { id: string; settled: 0 | 1 | null; reminders: Parameters<typeof writeReminders>[2]; row: unknown; rev: string | undefined }[];
  conflicts: number;
}

const revOf = (row: unknown): string | undefined => {
  const rev: unknown = row && typeof row === 'object' ? Reflect.get(row, 'rev') : undefined;
  return typeof rev === 'string' ? rev : undefined;
};

async function prepare(touched: readonly Touched[], state: ReadState, now: number): Promise<Prepared> {
  const key = await syncRowKey(now);
  const merged: Prepared['merged'] = [];
  const mergedSiblings: Siblings[] = [];
  const actions: Action[] = [];
  let conflicts = 0;
  // The final records of the touched agreements and payments, for the derived data below.
  const finalAgreements = new Map<string, AgreementRecord | null>();
  const finalPayments = new Map<string, PaymentRecord | null>();
  for (const [i, { store, id, incoming }] of touched.entries()) {
    const siblings = mergeSiblings((await openHeld(key, state.held[i]))?.siblings ?? [], incoming);
    merged.push({ store, id, stored: await storedHeld(key, { store, id, siblings }) });
    mergedSiblings.push(siblings);
    const resolved = resolveHeld(store, siblings);
    if (store !== REMINDER_STATE && (resolved.conflicts.length > 0 || resolved.editedWhileDeleted)) conflicts += 1;
    const row = state.rows[i];
    const localRev = revOf(row);
    if (store === REMINDER_STATE) {
      const record = resolved.current?.record as ReminderState | undefined;
      if (record) actions.push({ kind: 'reminder-state', id, state: record });
      continue;
    }
    if (!isSyncedStore(store)) continue;
    // An edit made here while this sync ran, not gathered yet: it is pushed next time, over these versions.
    if (localRev && deviceOfRev(localRev) === state.localDevice && localRev > state.pushedUpTo) continue;
    const current = resolved.current;
    if (!current) {
      if (row !== undefined) actions.push({ kind: 'delete', store, id, rev: siblings.find((version) => version.deleted)?.rev ?? incoming[0]?.rev ?? '' });
      if (store === 'agreements') finalAgreements.set(id, null);
      if (store === 'payments') finalPayments.set(id, null);
      continue;
    }
    const combined = siblings.filter((version) => !version.deleted).length > 1 && store === 'sessionNotes';
    if (localRev === current.rev && !combined) continue;
    if (store === 'attachments') {
      const record = current.record as Record<string, unknown>;
      if (typeof record.blob === 'string') {
        const wanted: WantedBlob = { attachmentId: id, blob: record.blob, rev: current.rev, record };
        actions.push({ kind: 'want-blob', attachmentId: id, stored: await storedWanted(key, wanted) });
      }
      continue;
    }
    try {
      if (combined) {
        const existing = await CODECS.sessionNotes.openOne(row, now);
        if (existing && JSON.stringify(existing) === JSON.stringify(CODECS.sessionNotes.check(current.record))) continue;
      }
      if (store === 'agreements') {
        const record = CODECS.agreements.check(current.record);
        if (!record) continue;
        finalAgreements.set(id, record);
        continue; // sealed below with its settled flag
      }
      const sealed = await CODECS[store].seal(current.record, now);
      actions.push({ kind: 'put', store, id, row: sealed as Encoded<SyncedStore>, rev: current.rev });
      if (store === 'payments') finalPayments.set(id, CODECS.payments.check(current.record) ?? null);
    } catch (error) {
      // A record this build does not accept (a newer build wrote it): its versions stay held, the local copy as it was.
      console.warn(`Record ${store}/${id} from another device not applied`, error);
    }
  }

  const derived: Prepared['derived'] = [];
  if (state.agreements.length > 0) {
    const options = await withSavedSettings({ now });
    for (const { id, row, payments: paymentRows } of state.agreements) {
      const agreement = finalAgreements.has(id) ? finalAgreements.get(id) : await CODECS.agreements.openOne(row, now);
      const payments = (await CODECS.payments.open(paymentRows, now)).filter((payment) => !finalPayments.has(payment.id));
      for (const [paymentId, payment] of finalPayments) if (payment && payment.agreementId === id) payments.push({ ...payment, id: paymentId });
      if (!agreement) {
        derived.push({ id, settled: null, reminders: [], row: undefined, rev: undefined });
        continue;
      }
      const plan = planFor(agreement, payments, options);
      const touchedHere = finalAgreements.has(id);
      const index = touched.findIndex((entry) => entry.store === 'agreements' && entry.id === id);
      const rev = touchedHere ? resolveHeld('agreements', mergedSiblings[index] ?? []).current?.rev : revOf(row);
      const sealed = touchedHere ? await CODECS.agreements.seal(agreement, now, { settled: plan.settled }) : row;
      derived.push({ id, settled: plan.settled, reminders: plan.reminders, row: sealed, rev });
    }
  }
  return { merged, actions, derived, conflicts };
}

async function write(writer: Writer, prepared: Prepared, cursor: CursorRow): Promise<ApplyResult> {
  const { tx } = writer;
  let applied = 0;
  for (const { store, id, stored } of prepared.merged) await putHeld(tx, store, id, stored);
  for (const action of prepared.actions) {
    if (action.kind === 'put') {
      await writer.rewrite(action.store, action.row, action.rev);
      applied += 1;
    } else if (action.kind === 'delete') {
      // The deleting device's stamp: the tombstone is not news of this device to push back.
      await Promise.all([tx.objectStore(action.store).delete(action.id), tx.objectStore('tombstones').put({ key: `${action.store}/${action.id}`, store: action.store, id: action.id, rev: action.rev })]);
      if (action.store === 'attachments') await tx.objectStore('sync').delete(blobKey(action.id));
      applied += 1;
    } else if (action.kind === 'want-blob') {
      await tx.objectStore('sync').put({ key: blobKey(action.attachmentId), value: action.stored });
    }
  }
  for (const { id, settled, reminders, row, rev } of prepared.derived) {
    if (settled === null) {
      await writeReminders(tx, id, reminders);
      continue;
    }
    const current = await tx.objectStore('agreements').get(id);
    const changed = rev !== current?.rev || (current as { settled?: number }).settled !== settled;
    if (row && rev && changed) {
      const encoded = current?.rev === rev ? CODECS.agreements.patch(current, { settled }) : (row as Encoded<'agreements'>);
      await writer.rewrite('agreements', encoded, rev);
      if (rev !== current?.rev) applied += 1;
    }
    await writeReminders(tx, id, reminders);
    // The user's doings with this agreement's reminders, held from earlier syncs, on the reminders just planned.
    for (const held of await tx.objectStore('sync').getAll(prefixRange(recKey(REMINDER_STATE, `${id}:`)))) {
      const state = resolveHeld(REMINDER_STATE, parseRow(heldSchema, held)?.siblings ?? []).current?.record as ReminderState | undefined;
      if (state) applied += await applyReminderState(writer, parseRow(heldSchema, held)?.id ?? '', state);
    }
  }
  for (const action of prepared.actions) if (action.kind === 'reminder-state') applied += await applyReminderState(writer, action.id, action.state);
  await tx.objectStore('sync').put({ key: cursorKey(cursor.device), value: cursor });
  return { applied, conflicts: prepared.conflicts };
}

/** A reminder's state from another device, on the reminder planned here, if it is (still) there. */
async function applyReminderState(writer: Writer, id: string, state: ReminderState): Promise<number> {
  const store = writer.tx.objectStore('reminders');
  const parsed = reminderRecordSchema.safeParse(await store.get(id));
  if (!parsed.success) return 0;
  const reminder = parsed.data;
  if (reminder.pending === state.pending && reminder.fireAt === state.fireAt && reminder.notifiedAt === state.notifiedAt && (state.actedAt === undefined || reminder.actedAt === state.actedAt)) return 0;
  // A state this build cannot read (another build's, or damaged) leaves the reminder as it is.
  const next = reminderRecordSchema.safeParse({ ...reminder, ...state });
  if (!next.success) return 0;
  await store.put(next.data);
  return 1;
}

/** Applies a device's changes read after its cursor, and moves the cursor to `cursor`. */
export async function applyChanges(changes: readonly Change[], cursor: CursorRow, now: number): Promise<ApplyResult> {
  const touched = groupChanges(changes);
  return mutate({
    name: 'sync-apply',
    stores: [...STORES],
    now,
    read: (tx) => readState(tx, touched),
    prepare: (state) => prepare(touched, state, now),
    write: async (writer, prepared) => {
      await rememberPeers(writer.tx, cursor.device, changes);
      return write(writer, prepared, cursor);
    },
  });
}

/** Keeps what was seen of a device when nothing of it was applied (its info file's ETag, the time of a listing). */
export async function saveCursor(cursor: CursorRow, now: number): Promise<void> {
  await mutate({
    name: 'sync-cursor',
    stores: ['sync'],
    now,
    prepare: () => Promise.resolve(),
    write: async (writer) => {
      await writer.tx.objectStore('sync').put({ key: cursorKey(cursor.device), value: cursor });
    },
  });
}
