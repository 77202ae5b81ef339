import { DB_VERSION } from '../db/migrations';
import { openDatabase } from '../db/database';
import { openRows, type SealedStore } from '../db/sealing';
import { sealWith } from '../db/sealing-core';
import { settledFlags } from '../lock/convert';
import { currentRecordKey } from '../keys/state';
import { BadBlobError, decodeBlobs, encodeBlobs } from './blobs';
import { canonicalJson } from './canonical';
import { SEALED_BACKUP_STORES, withoutSettled } from './export';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, backupEnvelopeSchema, BackupError, MAX_BACKUP_BYTES, sealBackup } from './format';
import type * as z from 'zod/mini';
import { BACKUP_STORE_NAMES, BACKUP_STORES, type BackupStoreName } from './stores';

/**
 * Import is two steps with nothing written in between: parseBackup checks the whole file (every
 * record of every store) and throws a BackupError naming the first problem; applyBackup then
 * writes it in ONE readwrite transaction, so a failure (a full disk) leaves the database as it was.
 */

type StoreRecord = { id: string } & Record<string, unknown>;

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

function fieldOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(root)';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function parseBackup(text: string): Promise<ValidBackup> {
  return parseBackupWith(text, BACKUP_STORES);
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
  const envelope = backupEnvelopeSchema.safeParse(raw);
  if (!envelope.success) throw new BackupError({ code: 'malformed', field: fieldOf(envelope.error.issues[0]?.path ?? []) });
  const sealed = await sealBackup(envelope.data);
  if (sealed.checksum !== envelope.data.checksum) throw new BackupError({ code: 'checksum' });

  const stores: Record<string, StoreRecord[]> = Object.fromEntries(Object.keys(registry).map((name) => [name, []]));
  for (const [store, rows] of Object.entries(envelope.data.stores)) {
    const schema = Object.hasOwn(registry, store) ? registry[store] : undefined;
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
      const record = parsed.data as StoreRecord;
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

/**
 * Every agreement's `settled` flag once the import is done: from the file's payments ("replace"),
 * or from the file's over the database's ("merge", which also covers agreements only in the
 * database that the file's payments belong to).
 */
async function settledAfterImport(backup: ValidBackup, mode: ImportMode): Promise<Map<string, 0 | 1>> {
  if (mode === 'replace') return settledFlags(backup.stores.agreements, backup.stores.payments);
  const [agreements = [], payments = []] = await readPlainRecords(['agreements', 'payments']);
  const merge = (stored: StoreRecord[], incoming: StoreRecord[]) => {
    const ids = new Set(incoming.map((record) => record.id));
    return [...stored.filter((record) => !ids.has(record.id)), ...incoming];
  };
  return settledFlags(merge(agreements, backup.stores.agreements), merge(payments, backup.stores.payments));
}

/**
 * Writes a validated backup: "replace" empties every store first, "merge" overwrites records with
 * the same id and keeps the rest. Records are sealed with the current key (the lock on) BEFORE the
 * one transaction: all of it lands or none of it. Each agreement gets its `settled` flag from the
 * payments. LockedError while locked, before anything is written. Reminders should be re-planned
 * afterwards (replanAllAgreements) and the background told ('data-changed').
 */
export async function applyBackup(backup: ValidBackup, mode: ImportMode): Promise<void> {
  const key = await currentRecordKey();
  const flags = await settledAfterImport(backup, mode);
  const fileAgreements = new Set(backup.stores.agreements.map((record) => record.id));
  const prepared = {} as Record<BackupStoreName, Record<string, unknown>[]>;
  for (const name of BACKUP_STORE_NAMES) {
    const records = backup.stores[name].map((record) => {
      const flag = name === 'agreements' ? flags.get(record.id) : undefined;
      return flag === undefined ? record : { ...record, settled: flag };
    });
    prepared[name] = SEALED_BACKUP_STORES.has(name) ? await Promise.all(records.map((record) => sealWith(key, name as SealedStore, record))) : records;
  }
  const db = await openDatabase();
  const tx = db.transaction(BACKUP_STORE_NAMES, 'readwrite');
  const writes: Promise<unknown>[] = [];
  try {
    // Merging: agreements only in the database whose payments the file changes get their new flag.
    // The flag is plaintext on the row, so no crypto is needed here, only IndexedDB requests.
    const others = mode === 'merge' ? [...flags].filter(([id]) => !fileAgreements.has(id)) : [];
    const otherRows = await Promise.all(others.map(([id]) => tx.objectStore('agreements').get(id)));
    for (const name of BACKUP_STORE_NAMES) {
      const store = tx.objectStore(name);
      if (mode === 'replace') writes.push(store.clear());
      // The typed store wants its own record type; each record passed that store's schema in parseBackup.
      for (const record of prepared[name]) writes.push(store.put(record as never));
    }
    for (const [index, row] of otherRows.entries()) {
      const flag = others[index]?.[1];
      if (row !== undefined && flag !== undefined && (row as { settled?: unknown }).settled !== flag) {
        writes.push(tx.objectStore('agreements').put({ ...row, settled: flag } as never));
      }
    }
    // A failed request (QuotaExceededError) aborts the transaction, and done rejects with it.
    await Promise.all([...writes, tx.done]);
  } catch (error) {
    // A request can also throw at once (a value that cannot be cloned): without the abort, the
    // clears and puts already queued would commit on their own, half an import.
    for (const write of writes) write.catch(() => undefined);
    tx.done.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      // Already aborted by the failed request.
    }
    throw error;
  }
}

/** Checks the whole file, then writes it: a refused file (BackupError) changes nothing. */
export async function importBackup(text: string, mode: ImportMode): Promise<ValidBackup> {
  const backup = await parseBackup(text);
  await applyBackup(backup, mode);
  return backup;
}
