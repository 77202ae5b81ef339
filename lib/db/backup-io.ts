import type { PlannedReminder } from '../domain/reminder-plan';
import { attachmentCodec } from './attachments';
import { holidayYearRecordSchema } from './holiday-years';
import type { Codec } from './codec';
import { openDatabase } from './database';
import { paymentCodec } from './payments';
import { SYNCED_STORES, type BackedUpStore, type SealedStore, type SyncedStore } from './rows';
import { replaceRemindersInTx } from './save-agreement';
import { scriptStateCodec } from './script-state';
import { agreementCodec, noteCodec, reminderRecordSchema } from './schema';
import { openRows, requireUnlocked } from './sealing';
import { sessionCodec, sessionNoteCodec } from './sessions';
import { mutate } from './write';

/**
 * What a backup reads and writes (lib/backup), through the database's own path: the stores are
 * opened here only.
 */

type Row = Record<string, unknown>;
type Records = Record<BackedUpStore, Row[]>;

const isSealedStore = (name: BackedUpStore): name is SealedStore => name !== 'reminders' && name !== 'holidayYears';
const isSyncedStore = (name: BackedUpStore): name is SyncedStore => (SYNCED_STORES as readonly string[]).includes(name);

/** A stored record as a file holds it: without what this database derives or stamps (the settled flag, the stamp). */
function asExported(row: unknown): Row | undefined {
  if (typeof row !== 'object' || row === null) return undefined;
  return Object.fromEntries(Object.entries(row).filter(([field]) => field !== 'settled' && field !== 'rev'));
}

/**
 * Every record of the given stores from ONE read transaction (a consistent snapshot: no payment
 * without its agreement), opened after it is done, and not checked against today's schemas (the
 * backup checks them, and a row that fails must still show up). A sealed row that does not open
 * (changed on disk) is left out with a warning when `unreadable` is 'skip', kept as stored with 'keep'.
 * While locked with sealed rows: LockedError, nothing read.
 */
export async function readStoredRecords(names: readonly BackedUpStore[], now: number, unreadable: 'skip' | 'keep' = 'skip'): Promise<Records> {
  await requireUnlocked(now);
  const db = await openDatabase();
  const tx = db.transaction([...names], 'readonly');
  const rows: unknown[][] = await Promise.all(names.map((name) => tx.objectStore(name).getAll()));
  await tx.done;
  const out = {} as Records;
  for (const [i, name] of names.entries()) {
    const raw = rows[i] ?? [];
    const opened = isSealedStore(name) ? await openRows(name, raw, now) : raw;
    out[name] = opened.flatMap((row, j) => {
      const record = asExported(row ?? (unreadable === 'keep' ? raw[j] : undefined));
      return record ? [record] : [];
    });
  }
  return out;
}

export interface ImportWrite {
  mode: 'replace' | 'merge';
  /** Every record of the file, checked by the backup's schemas. */
  records: Records;
  /** Each agreement's settled flag after the import (the file's and, merging, the database's own). */
  settled: ReadonlyMap<string, 0 | 1>;
  /** Reminders planned for the file's agreements, written in the same transaction. */
  planned?: ReadonlyMap<string, readonly PlannedReminder[]>;
}

/**
 * Writes a checked backup in ONE transaction, all or nothing: "replace" empties every store first
 * (each record that goes leaves a tombstone), "merge" overwrites records with the same id and keeps
 * the rest. Records are checked and sealed (with the lock on) through their codecs before the
 * transaction opens, and stamped in it. Reminders: the file's are written, then the planned ones
 * replace them per agreement, keeping what was already shown. Merging, agreements only in the
 * database get their new settled flag. LockedError while locked, before anything is written.
 */
export async function writeImport({ mode, records, settled, planned }: ImportWrite, now: number): Promise<void> {
  const names = Object.keys(records) as BackedUpStore[];
  const fileAgreements = new Set(records.agreements.map((record) => String(record.id)));
  await mutate({
    name: mode === 'replace' ? 'import-replace' : 'import-merge',
    stores: names,
    now,
    prepare: async () => {
      await requireUnlocked(now);
      const sealed = await Promise.all(names.map((name) => encodeAll(name, records[name], settled, now)));
      return sealed.flat();
    },
    write: async (writer, writes) => {
      const { tx } = writer;
      if (mode === 'replace') {
        // What goes leaves a tombstone, unless the file brings it back.
        for (const name of names) {
          const incoming = new Set(records[name].map((record) => String(record.id)));
          const keys = await tx.objectStore(name).getAllKeys();
          if (isSyncedStore(name)) await Promise.all(keys.filter((key) => !incoming.has(key)).map((key) => writer.delete(name, key)));
          await tx.objectStore(name).clear();
        }
      }
      await Promise.all(writes.map((write) => write(writer)));
      if (planned) for (const [agreementId, reminders] of planned) await replaceRemindersInTx(tx, agreementId, reminders);
      if (mode === 'merge') {
        // The flag is plaintext on the row, so agreements only in the database need no key.
        const others = [...settled].filter(([id]) => !fileAgreements.has(id));
        const rows = await Promise.all(others.map(([id]) => tx.objectStore('agreements').get(id)));
        const updates: Promise<void>[] = [];
        for (const [i, row] of rows.entries()) {
          const flag = others[i]?.[1];
          if (row !== undefined && flag !== undefined && row.settled !== flag) updates.push(writer.put('agreements', agreementCodec.patch(row, { settled: flag })));
        }
        await Promise.all(updates);
      }
    },
  });
}

type PendingWrite = (writer: Parameters<Parameters<typeof mutate>[0]['write']>[0]) => Promise<void>;

async function encodeAll(name: BackedUpStore, rows: readonly Row[], settled: ReadonlyMap<string, 0 | 1>, now: number): Promise<PendingWrite[]> {
  if (name === 'reminders') {
    const reminders = rows.map((row) => reminderRecordSchema.parse(row));
    return reminders.map((reminder) => async (writer) => {
      await writer.tx.objectStore('reminders').put(reminder);
    });
  }
  if (name === 'holidayYears') {
    // Public dates, plaintext and unstamped (see holiday-years.ts).
    const years = rows.map((row) => holidayYearRecordSchema.parse(row));
    return years.map((year) => async (writer) => {
      await writer.tx.objectStore('holidayYears').put(year);
    });
  }
  if (name === 'agreements') {
    return Promise.all(
      rows.map(async (row) => {
        const flag = settled.get(String(row.id));
        const encoded = await agreementCodec.seal(row, now, flag === undefined ? undefined : { settled: flag });
        return (writer) => writer.put('agreements', encoded);
      }),
    );
  }
  if (name === 'notes') {
    // The v1 notes store is empty since version 3: a file that still has notes keeps them, unstamped.
    return Promise.all(
      rows.map(async (row) => {
        const encoded = await noteCodec.seal(row, now);
        return (writer) => writer.rewrite('notes', encoded, undefined);
      }),
    );
  }
  if (name === 'payments') return encodeSynced(paymentCodec, rows, now);
  if (name === 'sessions') return encodeSynced(sessionCodec, rows, now);
  if (name === 'sessionNotes') return encodeSynced(sessionNoteCodec, rows, now);
  if (name === 'scriptState') return encodeSynced(scriptStateCodec, rows, now);
  return encodeSynced(attachmentCodec, rows, now);
}

async function encodeSynced<S extends SyncedStore>(codec: Codec<S>, rows: readonly Row[], now: number): Promise<PendingWrite[]> {
  return Promise.all(
    rows.map(async (row) => {
      const encoded = await codec.seal(row, now);
      return (writer) => writer.put(codec.store, encoded);
    }),
  );
}

