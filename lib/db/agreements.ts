import type { IDBPTransaction } from 'idb';
import { agreementStanding } from '../domain/agreement-dues';
import { forgetScriptState } from '../negotiation/script-keys';
import { deleteAttachmentsOfInTx } from './attachment-owners';
import { openDatabase, type RepayDb } from './database';
import { reportInvalid } from './invalid';
import { agreementRecordSchema, type AgreementRecord, type RepayDbSchema } from './schema';

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
 * How many unpaid agreements fall due on or before `day` (overdue plus due today): the badge count.
 * Read on the due-date index, so the cost follows the few that are due, not the number stored.
 */
export async function countDueOnOrBefore(day: string): Promise<number> {
  const db = await openDatabase();
  const tx = db.transaction(['agreements', 'payments']);
  // Count on the index, then take away the due ones already paid: a borrower has far fewer
  // payments than agreements, so the cost follows the payments, not the agreements due.
  const [dueCount, payments] = await Promise.all([
    tx.objectStore('agreements').index('by-dueDate').count(IDBKeyRange.upperBound(day)),
    tx.objectStore('payments').getAll(),
  ]);
  const byAgreement = new Map<string, typeof payments>();
  for (const payment of payments) byAgreement.set(payment.agreementId, [...(byAgreement.get(payment.agreementId) ?? []), payment]);
  const paid = await Promise.all([...byAgreement.keys()].map((id) => tx.objectStore('agreements').get(id)));
  const paidDue = paid.filter(
    (agreement) => agreement !== undefined && agreement.dueDate <= day && agreementStanding(agreement, byAgreement.get(agreement.id) ?? []).state === 'paid',
  ).length;
  return dueCount - paidDue;
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

/** Removes agreements with their reminders, payments (and their receipts) and notes, all or nothing. */
async function deleteAgreements(ids: (db: RepayDb, tx: DeleteTx) => Promise<string[]>): Promise<number> {
  const db = await openDatabase();
  const tx: DeleteTx = db.transaction(['agreements', 'reminders', 'notes', 'payments', 'sessions', 'attachments'], 'readwrite');
  const doomed = await ids(db, tx);
  for (const id of doomed) {
    const [reminderKeys, paymentKeys, sessions] = await Promise.all([
      tx.objectStore('reminders').index('by-agreement').getAllKeys(id),
      tx.objectStore('payments').index('by-agreement').getAllKeys(id),
      tx.objectStore('sessions').index('by-agreement').getAll(id),
    ]);
    await Promise.all([
      tx.objectStore('agreements').delete(id),
      tx.objectStore('notes').delete(id),
      ...reminderKeys.map((key) => tx.objectStore('reminders').delete(key)),
      ...paymentKeys.map((key) => tx.objectStore('payments').delete(key)),
      ...paymentKeys.map((key) => deleteAttachmentsOfInTx(tx, 'payment', key)),
      // A talk with a lender stays on record (it may be evidence): it becomes a general session.
      ...sessions.map((session) => tx.objectStore('sessions').put({ ...session, agreementId: null })),
    ]);
  }
  await tx.done;
  // The script tab's figures and ticks for them are of no use any more (and name amounts).
  await forgetScriptState(doomed).catch((error: unknown) => console.warn('Script figures not removed', error));
  return doomed.length;
}

type DeleteTx = IDBPTransaction<RepayDbSchema, ('agreements' | 'reminders' | 'notes' | 'payments' | 'sessions' | 'attachments')[], 'readwrite'>;

/** Removes an agreement with its reminders, payments and notes, all or nothing. */
export async function deleteAgreement(id: string): Promise<void> {
  await deleteAgreements(() => Promise.resolve([id]));
}

/** Removes exactly the demo agreements (and what hangs on them); returns how many. */
export async function deleteDemoAgreements(): Promise<number> {
  return deleteAgreements(async (_db, tx) => {
    const all = await tx.objectStore('agreements').getAll();
    return all.filter((a) => a.demo === true).map((a) => a.id);
  });
}
