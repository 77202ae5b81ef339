import { browser } from 'wxt/browser';

const LAST_BACKUP_KEY = 'lastBackupAt';
/** After this long without a backup the data page reminds the user to make one. */
export const BACKUP_REMINDER_DAYS = 30;

/** When the user last exported a backup (epoch ms), or null if never. */
export async function loadLastBackupAt(): Promise<number | null> {
  const stored = await browser.storage.local.get(LAST_BACKUP_KEY);
  const value = stored[LAST_BACKUP_KEY];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export async function saveLastBackupAt(at: number): Promise<void> {
  await browser.storage.local.set({ [LAST_BACKUP_KEY]: at });
}

/** A backup is due when there has never been one or the last is older than the reminder period. */
export function isBackupDue(lastBackupAt: number | null, now: number): boolean {
  return lastBackupAt === null || now - lastBackupAt > BACKUP_REMINDER_DAYS * 24 * 60 * 60 * 1000;
}
