import { openDatabase } from '../db/database';
import { openRows, type SealedStore } from '../db/sealing';
import { drainInbox } from '../evidence/capture';
import { currentRecordKey } from '../keys/state';
import { encodeBlobs } from './blobs';
import { newBackupBody, sealBackup, type BackupDocument } from './format';
import { BACKUP_STORE_NAMES, type BackupStoreName } from './stores';

/** Stores whose records are sealed while the lock is on (reminders never are). */
export const SEALED_BACKUP_STORES: ReadonlySet<BackupStoreName> = new Set<SealedStore>(['agreements', 'payments', 'notes', 'sessions', 'sessionNotes', 'attachments']);

type Row = Record<string, unknown>;

/**
 * Stored rows as the plain records a backup holds: opened when sealed (the key must be held), and
 * without an agreement's `settled` flag, which the database derives from the payments. So a file
 * is the same whether the lock was on or not. A row that does not open is left out (and reported).
 */
export async function plainRecords(store: BackupStoreName, rows: readonly unknown[]): Promise<Row[]> {
  const opened = SEALED_BACKUP_STORES.has(store) ? await openRows(store as SealedStore, rows) : rows;
  return opened.flatMap((record) => (typeof record === 'object' && record !== null ? [withoutSettled(store, record as Row)] : []));
}

/** An agreement's record without the `settled` flag the database keeps for the badge; others as they are. */
export function withoutSettled(store: BackupStoreName, record: Row): Row {
  if (store !== 'agreements' || !('settled' in record)) return record;
  const rest = { ...record };
  delete rest.settled;
  return rest;
}

/**
 * Reads every store in ONE read transaction (a consistent snapshot: no payment without its
 * agreement), and only then opens sealed records, encodes Blobs and hashes, which are async and
 * would let the transaction close under us. While locked it throws LockedError and changes nothing.
 */
export async function exportBackup(now: number): Promise<BackupDocument> {
  await currentRecordKey();
  // Screenshots the background took while no side panel was open wait in its inbox: store them first,
  // so the backup holds everything the user saved (one that cannot be stored stays in the inbox).
  await drainInbox({ now });
  const db = await openDatabase();
  const tx = db.transaction(BACKUP_STORE_NAMES, 'readonly');
  const rows = await Promise.all(BACKUP_STORE_NAMES.map((name) => tx.objectStore(name).getAll()));
  await tx.done;
  const stores: Record<string, unknown[]> = {};
  for (const [index, name] of BACKUP_STORE_NAMES.entries()) {
    stores[name] = (await encodeBlobs(await plainRecords(name, rows[index] ?? []))) as unknown[];
  }
  return sealBackup(newBackupBody(stores, now));
}

/** The file's text: indented, so a curious user can read it. */
export function serialiseBackup(document: BackupDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
