import { readStoredRecords } from '../db/backup-io';
import { drainInbox } from '../evidence/capture';
import { encodeBlobs } from './blobs';
import { newBackupBody, sealBackup, type BackupDocument } from './format';
import { BACKUP_STORE_NAMES } from './stores';

/**
 * Reads every store in ONE read transaction (a consistent snapshot: no payment without its
 * agreement) through the database's own reader, which opens sealed records after it and leaves
 * out what the database derives or stamps (an agreement's settled flag, each record's stamp), so a
 * file is the same whether the lock was on or not. Blobs are encoded afterwards. While locked it
 * throws LockedError and changes nothing.
 */
export async function exportBackup(now: number): Promise<BackupDocument> {
  // Screenshots the background took while no side panel was open wait in its inbox: store them first,
  // so the backup holds everything the user saved (one that cannot be stored stays in the inbox).
  await drainInbox({ now });
  const records = await readStoredRecords(BACKUP_STORE_NAMES, now);
  const stores: Record<string, unknown[]> = {};
  for (const name of BACKUP_STORE_NAMES) stores[name] = (await encodeBlobs(records[name])) as unknown[];
  return sealBackup(newBackupBody(stores, now));
}

/** The file's text: indented, so a curious user can read it. */
export function serialiseBackup(document: BackupDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
