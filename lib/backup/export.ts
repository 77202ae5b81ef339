import { openDatabase } from '../db/database';
import { drainInbox } from '../evidence/capture';
import { encodeBlobs } from './blobs';
import { newBackupBody, sealBackup, type BackupDocument } from './format';
import { BACKUP_STORE_NAMES } from './stores';

/**
 * Reads every store in ONE read transaction (a consistent snapshot: no payment without its
 * agreement), and only then encodes Blobs and hashes, which are async and would let the
 * transaction close under us.
 */
export async function exportBackup(now: number): Promise<BackupDocument> {
  // Screenshots the background took while no side panel was open wait in its inbox: store them first,
  // so the backup holds everything the user saved (one that cannot be stored stays in the inbox).
  await drainInbox({ now });
  const db = await openDatabase();
  const tx = db.transaction(BACKUP_STORE_NAMES, 'readonly');
  const rows = await Promise.all(BACKUP_STORE_NAMES.map((name) => tx.objectStore(name).getAll()));
  await tx.done;
  const stores: Record<string, unknown[]> = {};
  for (const [index, name] of BACKUP_STORE_NAMES.entries()) {
    stores[name] = (await encodeBlobs(rows[index] ?? [])) as unknown[];
  }
  return sealBackup(newBackupBody(stores, now));
}

/** The file's text: indented, so a curious user can read it. */
export function serialiseBackup(document: BackupDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
