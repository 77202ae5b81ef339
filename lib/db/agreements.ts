import { openDatabase } from './database';
import { reportInvalid } from './invalid';
import { agreementRecordSchema, type AgreementRecord } from './schema';

export async function listAgreements(): Promise<AgreementRecord[]> {
  const db = await openDatabase();
  const rows = await db.getAllFromIndex('agreements', 'by-dueDate');
  return rows.flatMap((row) => {
    const parsed = agreementRecordSchema.safeParse(row);
    if (parsed.success) return [parsed.data];
    reportInvalid('agreements', row, parsed.error);
    return [];
  });
}

/**
 * How many agreements fall due on or before `day` (overdue plus due today): the badge count.
 * Counted on the due-date index, so it costs the same with ten agreements or ten thousand.
 */
export async function countDueOnOrBefore(day: string): Promise<number> {
  const db = await openDatabase();
  return db.countFromIndex('agreements', 'by-dueDate', IDBKeyRange.upperBound(day));
}

export async function getAgreement(id: string): Promise<AgreementRecord | undefined> {
  const db = await openDatabase();
  const row = await db.get('agreements', id);
  if (row === undefined) return undefined;
  const parsed = agreementRecordSchema.safeParse(row);
  if (parsed.success) return parsed.data;
  reportInvalid('agreements', row, parsed.error);
  return undefined;
}

/** Removes an agreement with its reminders and notes, all or nothing. */
export async function deleteAgreement(id: string): Promise<void> {
  const db = await openDatabase();
  const tx = db.transaction(['agreements', 'reminders', 'notes'], 'readwrite');
  const reminderKeys = await tx.objectStore('reminders').index('by-agreement').getAllKeys(id);
  await Promise.all([
    tx.objectStore('agreements').delete(id),
    tx.objectStore('notes').delete(id),
    ...reminderKeys.map((key) => tx.objectStore('reminders').delete(key)),
    tx.done,
  ]);
}
