import { DB_VERSION } from '../db/migrations';
import { openDatabase } from '../db/database';
import { BadBlobError, decodeBlobs, encodeBlobs } from './blobs';
import { canonicalJson } from './canonical';
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

/** What an import would do, per store, compared with the database now. Writes nothing. */
export async function previewImport(backup: ValidBackup): Promise<ImportPreview> {
  const db = await openDatabase();
  const tx = db.transaction(BACKUP_STORE_NAMES, 'readonly');
  const current = await Promise.all(BACKUP_STORE_NAMES.map((name) => tx.objectStore(name).getAll()));
  await tx.done;
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
 * Writes a validated backup: "replace" empties every store first, "merge" overwrites records with
 * the same id and keeps the rest. One transaction: all of it lands or none of it. Reminders should
 * be re-planned afterwards (replanAllAgreements) and the background told ('data-changed').
 */
export async function applyBackup(backup: ValidBackup, mode: ImportMode): Promise<void> {
  const db = await openDatabase();
  const tx = db.transaction(BACKUP_STORE_NAMES, 'readwrite');
  const writes: Promise<unknown>[] = [];
  try {
    for (const name of BACKUP_STORE_NAMES) {
      const store = tx.objectStore(name);
      if (mode === 'replace') writes.push(store.clear());
      // The typed store wants its own record type; each record passed that store's schema in parseBackup.
      for (const record of backup.stores[name]) writes.push(store.put(record as never));
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
