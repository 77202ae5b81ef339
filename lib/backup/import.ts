import { DB_VERSION } from '../db/migrations';
import { readStoredRecords, writeImport } from '../db/backup-io';
import { holidayYearRecordSchema } from '../db/holiday-years';
import { paymentCodec, type PaymentRecord } from '../db/payments';
import { planAgreementReminders, ReminderPlanFailed, withSavedSettings, type PlanOptions } from '../db/save-agreement';
import { agreementCodec, type AgreementRecord } from '../db/schema';
import { settledFlag } from '../db/settled';
import { DEFAULT_REMINDER_HOUR, type PlannedReminder } from '../domain/reminder-plan';
import { BadBlobError, decodeBlobs, encodeBlobs } from './blobs';
import { canonicalJson } from './canonical';
import { checkRecord, fieldOf, type StoreRecord } from './checks';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, backupEnvelopeSchema, BackupError, checksumOf, MAX_BACKUP_BYTES } from './format';
import type * as z from 'zod/mini';
import { BACKUP_STORE_NAMES, BACKUP_STORES, type BackupStoreName } from './stores';

/**
 * Import is three steps, and only the last one writes:
 * 1. parseBackup checks the whole file (every record of every store, every day against DAY_RANGE,
 *    each agreement's details and plan, and that reminders can be planned for every agreement) and
 *    throws a BackupError naming the first problem;
 * 2. applyBackup plans every agreement's reminders with the current settings, outside any
 *    transaction (a record that cannot be planned refuses the import here, with nothing written);
 * 3. the database's write path (writeImport, lib/db/backup-io.ts) writes the records and those
 *    reminders in ONE transaction, so a failure (a full disk) leaves the database as it was: the
 *    records and their reminders land together, or nothing does.
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
  const { format, formatVersion, schemaVersion, exportedAt, stores: rawStores } = raw;
  if ((await checksumOf({ format, formatVersion, schemaVersion, exportedAt, stores: rawStores })) !== envelope.data.checksum) throw new BackupError({ code: 'checksum' });

  const stores: Record<string, StoreRecord[]> = Object.fromEntries(Object.keys(registry).map((name) => [name, []]));
  // The schema checked that stores is an object of arrays; read the file's own (a JSON own
  // `__proto__` key stays a key here, where a copy could turn it into a prototype).
  if (!isRecord(rawStores)) throw new BackupError({ code: 'malformed', field: 'stores' });
  for (const [store, rows] of Object.entries(rawStores)) {
    const schema = registry[store];
    const records = stores[store];
    if (!schema || !records) throw new BackupError({ code: 'unknown-store', store });
    if (!Array.isArray(rows)) throw new BackupError({ code: 'malformed', field: `stores.${store}` });
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
 * The database's records as a file would hold them: sealed ones opened (the key must be held), without
 * what the database derives or stamps. A row that does not open stays as stored, so it still counts
 * (as changed, or only in the database).
 */
async function readPlainRecords(names: readonly BackupStoreName[], now: number): Promise<StoreRecord[][]> {
  const records = await readStoredRecords(names, now, 'keep');
  return names.map((name) => records[name] as StoreRecord[]);
}

/** What an import would do, per store, compared with the database now. Writes nothing; LockedError while locked. */
export async function previewImport(backup: ValidBackup, now: number = Date.now()): Promise<ImportPreview> {
  const current = await readPlainRecords(BACKUP_STORE_NAMES, now);
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

/** The database's agreements and payments that pass their schemas (merging re-plans those only in the database too). */
async function currentAgreements(now: number): Promise<{ agreements: AgreementRecord[]; payments: PaymentRecord[] }> {
  const records = await readStoredRecords(['agreements', 'payments'], now);
  const valid = <T,>(record: T | undefined): T[] => (record === undefined ? [] : [record]);
  return { agreements: records.agreements.flatMap((row) => valid(agreementCodec.check(row))), payments: records.payments.flatMap((row) => valid(paymentCodec.check(row))) };
}

/**
 * Every agreement there will be after the import (the file's, and merging, those only in the
 * database), with its reminders planned and its settled flag, from the payments there will be.
 * Runs before anything is written: an agreement that cannot be planned refuses the import here.
 */
async function planImport(backup: ValidBackup, mode: ImportMode, options: PlanOptions) {
  const current = mode === 'merge' ? await currentAgreements(options.now) : { agreements: [], payments: [] };
  const fileAgreements = backup.stores.agreements as AgreementRecord[];
  const fileIds = new Set(fileAgreements.map((agreement) => agreement.id));
  const filePaymentIds = new Set(backup.stores.payments.map((payment) => payment.id));
  const payments = byAgreement([...current.payments.filter((p) => !filePaymentIds.has(p.id)), ...(backup.stores.payments as PaymentRecord[])]);
  const paymentsOf = (agreement: AgreementRecord) => payments.get(agreement.id) ?? [];
  const planned = new Map<string, PlannedReminder[]>();
  const settled = new Map<string, 0 | 1>();
  const add = (agreement: AgreementRecord, index: number | null) => {
    planned.set(agreement.id, planOrRefuse(agreement, paymentsOf(agreement), options, index));
    settled.set(agreement.id, settledFlag(agreement, paymentsOf(agreement)));
  };
  for (const [index, agreement] of fileAgreements.entries()) add(agreement, index);
  for (const agreement of current.agreements) if (!fileIds.has(agreement.id)) add(agreement, null);
  return { planned, settled };
}

/**
 * Writes a validated backup: "replace" empties every store first, "merge" overwrites records with
 * the same id and keeps the rest. Every agreement's reminders are planned with the current
 * settings (`options` fills in what the caller chose) BEFORE the database's write path
 * (lib/db/backup-io.ts) writes the records and those reminders in ONE transaction: all of it lands
 * or none of it. Throws a BackupError when a record cannot be planned, LockedError while locked,
 * before anything is written.
 */
export async function applyBackup(backup: ValidBackup, mode: ImportMode, options: Partial<PlanOptions> = {}): Promise<void> {
  const now = options.now ?? Date.now();
  const saved = await withSavedSettings({ ...options, now });
  // Reminders follow the holidays there will be after the import: the file's years, and merging, the database's others.
  const fileYears = backup.stores.holidayYears.map((record) => holidayYearRecordSchema.parse(record));
  const kept = mode === 'merge' ? (saved.milestones?.holidayYears ?? []).filter((year) => !fileYears.some((y) => y.year === year.year)) : [];
  const planOptions = { ...saved, milestones: { ...saved.milestones, holidayYears: [...kept, ...fileYears] } };
  const { planned, settled } = await planImport(backup, mode, planOptions);
  await writeImport({ mode, records: backup.stores, settled, planned }, now);
}

/** Checks the whole file, then writes it: a refused file (BackupError) changes nothing. */
export async function importBackup(text: string, mode: ImportMode, options: Partial<PlanOptions> = {}): Promise<ValidBackup> {
  const backup = await parseBackup(text, options);
  await applyBackup(backup, mode, options);
  return backup;
}
