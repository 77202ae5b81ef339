import { DB_VERSION } from '../db/migrations';
import { openDatabase } from '../db/database';
import type { PaymentRecord } from '../db/payments';
import { agreementOf, paymentsOf, planAgreementReminders, ReminderPlanFailed, withSavedSettings, type PlanOptions } from '../db/save-agreement';
import { reminderRecordSchema, type AgreementRecord, type ReminderRecord } from '../db/schema';
import { openRows, type SealedStore } from '../db/sealing';
import { sealWith } from '../db/sealing-core';
import { settledFlag } from '../db/settled';
import { currentDueDate } from '../domain/agreement-dues';
import { DEFAULT_REMINDER_HOUR, type PlannedReminder } from '../domain/reminder-plan';
import { currentRecordKey } from '../keys/state';
import { BadBlobError, decodeBlobs, encodeBlobs } from './blobs';
import { canonicalJson } from './canonical';
import { checkRecord, fieldOf, type StoreRecord } from './checks';
import { SEALED_BACKUP_STORES, withoutSettled } from './export';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, backupEnvelopeSchema, BackupError, MAX_BACKUP_BYTES, sealBackup, type BackupBody } from './format';
import type * as z from 'zod/mini';
import { BACKUP_STORE_NAMES, BACKUP_STORES, type BackupStoreName } from './stores';

/**
 * Import is three steps, and only the last one writes:
 * 1. parseBackup checks the whole file (every record of every store, every day against DAY_RANGE,
 *    each agreement's details and plan, and that reminders can be planned for every agreement) and
 *    throws a BackupError naming the first problem;
 * 2. applyBackup prepares every row to write, outside any transaction: it re-plans every
 *    agreement's reminders with the current settings and seals records while the lock is on (a
 *    record that cannot be planned refuses the import here, with nothing written);
 * 3. writeImport writes those rows in ONE readwrite transaction, so a failure (a full disk) leaves
 *    the database as it was: the records and their reminders land together, or nothing does.
 */

export type { StoreRecord };

const MAX_ID_LENGTH = 256;

/** A file that passed every check: records decoded (Blobs restored) and parsed by their schemas. */
export interface ValidBackup {
  schemaVersion: number;
  exportedAt: number;
  stores: Record<BackupStoreName, StoreRecord[]>;
}

export type ImportMode = 'replace' | 'merge';

export interface StoreChanges {
  added: number;
  changed: number;
  unchanged: number;
  /** Records in the database but not in the file: deleted by "replace all", kept by "merge". */
  onlyInDatabase: number;
}

export type ImportPreview = Record<BackupStoreName, StoreChanges>;

export interface ParseOptions {
  /** The time planning is checked at (reminders already past are dropped): now, unless a test says. */
  now?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function parseBackup(text: string, options: ParseOptions = {}): Promise<ValidBackup> {
  const backup: ValidBackup = await parseBackupWith(text, BACKUP_STORES);
  checkPlanning(backup, options.now ?? Date.now());
  return backup;
}

/** parseBackup against any registry of stores (tests prove the Blob path with a store of images). */
export async function parseBackupWith(
  text: string,
  registry: Readonly<Record<string, z.ZodMiniType>>,
): Promise<{ schemaVersion: number; exportedAt: number; stores: Record<string, StoreRecord[]> }> {
  // UTF-16 length is a lower bound of the UTF-8 size: enough to refuse absurd files early.
  if (text.length > MAX_BACKUP_BYTES) throw new BackupError({ code: 'too-large', bytes: text.length });
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new BackupError({ code: 'not-json' });
  }
  if (!isRecord(raw) || raw.format !== BACKUP_FORMAT) throw new BackupError({ code: 'not-backup' });
  // Versions first: a newer file's layout may differ, so its other fields mean nothing to us.
  if (typeof raw.formatVersion === 'number' && raw.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupError({ code: 'format-too-new', version: raw.formatVersion });
  }
  if (typeof raw.schemaVersion === 'number' && raw.schemaVersion > DB_VERSION) {
    throw new BackupError({ code: 'schema-too-new', version: raw.schemaVersion });
  }
  // Store names from the parsed JSON itself: JSON.parse makes "__proto__" an own key, which a
  // schema's copy of the object would lose. Every key is looked up as an own key only.
  if (isRecord(raw.stores)) {
    for (const store of Object.keys(raw.stores)) if (!Object.hasOwn(registry, store)) throw new BackupError({ code: 'unknown-store', store });
  }
  const envelope = backupEnvelopeSchema.safeParse(raw);
  if (!envelope.success) throw new BackupError({ code: 'malformed', field: fieldOf(envelope.error.issues[0]?.path ?? []) });
  for (const field of Object.keys(raw)) {
    if (!Object.hasOwn(backupEnvelopeSchema.shape, field)) throw new BackupError({ code: 'malformed', field });
  }
  // The checksum covers the file as parsed, not the schema's copy of it.
  const body = raw as unknown as BackupBody;
  const sealed = await sealBackup(body);
  if (sealed.checksum !== envelope.data.checksum) throw new BackupError({ code: 'checksum' });

  const stores: Record<string, StoreRecord[]> = Object.fromEntries(Object.keys(registry).map((name) => [name, []]));
  for (const [store, rows] of Object.entries(body.stores)) {
    const schema = registry[store];
    const records = stores[store];
    if (!schema || !records) throw new BackupError({ code: 'unknown-store', store });
    const seen = new Set<string>();
    for (const [index, row] of rows.entries()) {
      let decoded: unknown;
      try {
        decoded = decodeBlobs(row);
      } catch (error) {
        if (error instanceof BadBlobError) throw new BackupError({ code: 'invalid-record', store, index, field: fieldOf(error.path) });
        throw error;
      }
      const parsed = schema.safeParse(decoded);
      if (!parsed.success) {
        throw new BackupError({ code: 'invalid-record', store, index, field: fieldOf(parsed.error.issues[0]?.path ?? []) });
      }
      const record = checkRecord(store, index, decoded, parsed.data as StoreRecord);
      // Every store is keyed by id; a key this long is no id we ever wrote.
      if (typeof record.id !== 'string' || record.id.length === 0 || record.id.length > MAX_ID_LENGTH) {
        throw new BackupError({ code: 'invalid-record', store, index, field: 'id' });
      }
      if (seen.has(record.id)) throw new BackupError({ code: 'duplicate-id', store, id: record.id });
      seen.add(record.id);
      records.push(record);
    }
  }
  return { schemaVersion: envelope.data.schemaVersion, exportedAt: envelope.data.exportedAt, stores };
}

function byAgreement(payments: readonly PaymentRecord[]): Map<string, PaymentRecord[]> {
  const map = new Map<string, PaymentRecord[]>();
  for (const payment of payments) map.set(payment.agreementId, [...(map.get(payment.agreementId) ?? []), payment]);
  return map;
}

/** The field of a file's agreement that planning refused, for the message. */
function unplannableField(agreement: AgreementRecord, reason: ReminderPlanFailed['reason']): string {
  if (reason.code === 'invalid-due') {
    if (reason.field === 'doneOn') return 'payments';
    if (reason.field === 'role') return 'kind';
    return agreement.plan ? `plan.dues.${String(reason.index)}.date` : 'dueDate';
  }
  return 'dueDate';
}

/**
 * Plans one agreement's reminders. A refusal that is about the record becomes a BackupError naming
 * it (`index` in the file, or the lender of one already in the database); one that is not (the
 * clock, the settings) stays a ReminderPlanFailed. Either way nothing has been written.
 */
function planOrRefuse(agreement: AgreementRecord, payments: readonly PaymentRecord[], options: PlanOptions, index: number | null): PlannedReminder[] {
  try {
    return planAgreementReminders(agreement, payments, options);
  } catch (error) {
    if (!(error instanceof ReminderPlanFailed) || !['invalid-due', 'out-of-range'].includes(error.reason.code)) throw error;
    if (index === null) throw new BackupError({ code: 'unplannable-existing', lender: agreement.lender });
    throw new BackupError({ code: 'unplannable', store: 'agreements', index, field: unplannableField(agreement, error.reason) });
  }
}

/** Every agreement of the file can have its reminders planned, with the file's payments (default settings). */
function checkPlanning(backup: ValidBackup, now: number): void {
  const payments = byAgreement(backup.stores.payments as PaymentRecord[]);
  const options: PlanOptions = { now, hour: DEFAULT_REMINDER_HOUR, milestones: {}, leadDays: [] };
  for (const [index, agreement] of (backup.stores.agreements as AgreementRecord[]).entries()) {
    planOrRefuse(agreement, payments.get(agreement.id) ?? [], options, index);
  }
}

/**
 * The database's rows as plain records, in order: sealed ones opened (the key must be held), an
 * agreement without its derived `settled` flag (a file never has it). A row that does not open
 * stays as stored, so it still counts (as changed, or only in the database).
 */
async function readPlainRecords(names: readonly BackupStoreName[]): Promise<StoreRecord[][]> {
  const db = await openDatabase();
  const tx = db.transaction(names, 'readonly');
  const rows = await Promise.all(names.map((name) => tx.objectStore(name).getAll()));
  await tx.done;
  return Promise.all(
    names.map(async (name, index) => {
      const raw = (rows[index] ?? []) as unknown[];
      const opened = SEALED_BACKUP_STORES.has(name) ? await openRows(name as SealedStore, raw) : raw;
      return opened.map((record, i) => withoutSettled(name, (record ?? raw[i]) as StoreRecord) as StoreRecord);
    }),
  );
}

/** What an import would do, per store, compared with the database now. Writes nothing; LockedError while locked. */
export async function previewImport(backup: ValidBackup): Promise<ImportPreview> {
  await currentRecordKey();
  const current = await readPlainRecords(BACKUP_STORE_NAMES);
  const preview = {} as ImportPreview;
  for (const [index, name] of BACKUP_STORE_NAMES.entries()) {
    // Compared in their encoded form, so a changed screenshot counts as a change (reads are done:
    // reading Blob bytes here cannot close a transaction under us).
    const rows = (await encodeBlobs(current[index] ?? [])) as StoreRecord[];
    const existing = new Map(rows.map((row) => [row.id, canonicalJson(row)]));
    const changes: StoreChanges = { added: 0, changed: 0, unchanged: 0, onlyInDatabase: 0 };
    const incomingIds = new Set<string>();
    for (const record of backup.stores[name]) {
      incomingIds.add(record.id);
      const before = existing.get(record.id);
      if (before === undefined) changes.added += 1;
      else if (before === canonicalJson(await encodeBlobs(record))) changes.unchanged += 1;
      else changes.changed += 1;
    }
    for (const id of existing.keys()) if (!incomingIds.has(id)) changes.onlyInDatabase += 1;
    preview[name] = changes;
  }
  return preview;
}

/** What merging needs from the database: agreements (row as stored, and record), payments, reminders. */
interface Current {
  agreements: { row: Record<string, unknown>; record: AgreementRecord }[];
  payments: PaymentRecord[];
  reminders: ReminderRecord[];
}

const NOTHING: Current = { agreements: [], payments: [], reminders: [] };

/**
 * Read in one transaction, then opened (the key must be held). A row that does not open or fails
 * its schema is reported and left out: it is not re-planned, and stays as it is.
 */
async function readCurrent(): Promise<Current> {
  const db = await openDatabase();
  const tx = db.transaction(['agreements', 'payments', 'reminders'], 'readonly');
  const [agreementRows, paymentRows, reminderRows] = await Promise.all([
    tx.objectStore('agreements').getAll(),
    tx.objectStore('payments').getAll(),
    tx.objectStore('reminders').getAll(),
  ]);
  await tx.done;
  const [agreements, payments] = await Promise.all([openRows('agreements', agreementRows), openRows('payments', paymentRows)]);
  return {
    agreements: agreementRows.flatMap((row, index) => {
      const record = agreementOf(agreements[index]);
      return record ? [{ row: row as unknown as Record<string, unknown>, record }] : [];
    }),
    payments: paymentsOf(payments),
    reminders: reminderRows.flatMap((row) => {
      const parsed = reminderRecordSchema.safeParse(row);
      return parsed.success ? [parsed.data] : [];
    }),
  };
}

/** Everything an import writes, ready as stored: the write transaction does nothing else. */
export interface ImportWrites {
  /** "Replace all": every store is emptied first. */
  clear: boolean;
  /**
   * The rows to put, per store: sealed while the lock is on, agreements with what the database
   * derives from the payments, and reminders as planned for every agreement.
   */
  rows: Record<BackupStoreName, unknown[]>;
  /** Merging: reminders of re-planned agreements that are no longer planned. */
  deleteReminders: string[];
}

/**
 * Prepares every row of the import, outside any transaction. Every agreement there will be (the
 * file's, and merging, those only in the database) gets its reminders planned with the current
 * settings; one that cannot be planned refuses the import here, before anything is written.
 */
async function prepareImport(backup: ValidBackup, mode: ImportMode, options: PlanOptions, key: CryptoKey | null): Promise<ImportWrites> {
  const current = mode === 'merge' ? await readCurrent() : NOTHING;
  const fileAgreements = backup.stores.agreements as AgreementRecord[];
  const fileReminders = backup.stores.reminders as ReminderRecord[];
  const fileIds = new Set(fileAgreements.map((agreement) => agreement.id));
  const filePaymentIds = new Set(backup.stores.payments.map((payment) => payment.id));
  const payments = byAgreement([...current.payments.filter((p) => !filePaymentIds.has(p.id)), ...(backup.stores.payments as PaymentRecord[])]);
  const others = current.agreements.filter(({ record }) => !fileIds.has(record.id));
  const paymentsOf = (agreement: AgreementRecord) => payments.get(agreement.id) ?? [];

  const planned = new Map<string, PlannedReminder[]>();
  for (const [index, agreement] of fileAgreements.entries()) planned.set(agreement.id, planOrRefuse(agreement, paymentsOf(agreement), options, index));
  for (const { record } of others) planned.set(record.id, planOrRefuse(record, paymentsOf(record), options, null));

  // What the database derives from the payments: a plan's first unpaid period, the settled flag.
  const derived = (agreement: AgreementRecord) => ({
    dueDate: agreement.plan ? currentDueDate(agreement, paymentsOf(agreement)) : agreement.dueDate,
    settled: settledFlag(agreement, paymentsOf(agreement)),
  });
  const agreementRows: unknown[] = await Promise.all(fileAgreements.map((agreement) => sealWith(key, 'agreements', { ...agreement, ...derived(agreement) })));
  // Merging: an agreement only in the database whose payments the file changes. Both fields are
  // plaintext on its row, so a sealed row is updated without its key.
  for (const { row, record } of others) {
    const fields = derived(record);
    if (row.dueDate !== fields.dueDate || row.settled !== fields.settled) agreementRows.push({ ...row, ...fields });
  }

  // A planned reminder keeps where the one it replaces stood if that was shown for the same due
  // date (done, repeating, snoozed), as replaceRemindersInTx does: an import never nags twice.
  const previous = new Map([...current.reminders, ...fileReminders].map((reminder) => [reminder.id, reminder]));
  const reminders: ReminderRecord[] = [];
  for (const [agreementId, plans] of planned) {
    for (const plan of plans) {
      const old = previous.get(plan.id);
      const shown = old !== undefined && old.agreementId === agreementId && old.notifiedAt !== null && old.dueDate === plan.dueDate;
      reminders.push(
        reminderRecordSchema.parse(shown ? { ...plan, fireAt: old.fireAt, pending: old.pending, notifiedAt: old.notifiedAt } : { ...plan, pending: 1, notifiedAt: null }),
      );
    }
  }
  // A reminder of no agreement there will be is kept as the file has it.
  for (const reminder of fileReminders) if (!planned.has(reminder.agreementId)) reminders.push(reminder);
  const written = new Set(reminders.map((reminder) => reminder.id));
  const deleteReminders = current.reminders.filter((r) => planned.has(r.agreementId) && !written.has(r.id)).map((r) => r.id);

  const rows = {} as Record<BackupStoreName, unknown[]>;
  for (const name of BACKUP_STORE_NAMES) {
    if (name === 'agreements') rows[name] = agreementRows;
    else if (name === 'reminders') rows[name] = reminders;
    else if (SEALED_BACKUP_STORES.has(name)) rows[name] = await Promise.all(backup.stores[name].map((record) => sealWith(key, name as SealedStore, record)));
    else rows[name] = backup.stores[name];
  }
  return { clear: mode === 'replace', rows, deleteReminders };
}

/**
 * The import's only write: rows fully prepared by prepareImport (checked, planned, sealed), in ONE
 * readwrite transaction in which only IndexedDB requests are awaited. If any request fails (a full
 * disk), the transaction aborts and nothing is written.
 */
async function writeImport(writes: ImportWrites): Promise<void> {
  const db = await openDatabase();
  const tx = db.transaction(BACKUP_STORE_NAMES, 'readwrite');
  const requests: Promise<unknown>[] = [];
  try {
    for (const name of BACKUP_STORE_NAMES) {
      const store = tx.objectStore(name);
      if (writes.clear) requests.push(store.clear());
      else if (name === 'reminders') for (const id of writes.deleteReminders) requests.push(store.delete(id));
      // The typed store wants its own row type; every row was checked against its schema before.
      for (const row of writes.rows[name]) requests.push(store.put(row as never));
    }
    // A failed request (QuotaExceededError) aborts the transaction, and done rejects with it.
    await Promise.all([...requests, tx.done]);
  } catch (error) {
    // A request can also throw at once (a value that cannot be cloned): without the abort, the
    // clears and puts already queued would commit on their own, half an import.
    for (const request of requests) request.catch(() => undefined);
    tx.done.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      // Already aborted by the failed request.
    }
    throw error;
  }
}

/**
 * Writes a validated backup: "replace" empties every store first, "merge" overwrites records with
 * the same id and keeps the rest. Every agreement's reminders are planned with the current
 * settings (`options` fills in what the caller chose) and records are sealed (the lock on) BEFORE
 * the one transaction, so the records and their reminders land together or nothing is written.
 * Throws LockedError while locked, a BackupError when a record cannot be planned, before anything
 * is written. The background should be told afterwards ('data-changed').
 */
export async function applyBackup(backup: ValidBackup, mode: ImportMode, options: Partial<PlanOptions> = {}): Promise<void> {
  const key = await currentRecordKey();
  const planOptions = await withSavedSettings({ ...options, now: options.now ?? Date.now() });
  await writeImport(await prepareImport(backup, mode, planOptions, key));
}

/** Checks the whole file, then writes it: a refused file (BackupError) changes nothing. */
export async function importBackup(text: string, mode: ImportMode, options: Partial<PlanOptions> = {}): Promise<ValidBackup> {
  const backup = await parseBackup(text, options);
  await applyBackup(backup, mode, options);
  return backup;
}
