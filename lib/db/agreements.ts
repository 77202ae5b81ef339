import type { agreementStanding } from '../domain/agreement-dues';
import { forgetScriptState } from './script-state';
import { deleteAttachmentsOfInTx } from './attachment-owners';
import { openDatabase } from './database';
import { reportInvalid } from './invalid';
import { agreementRecordSchema, type AgreementRecord } from './schema';
import { isSealed, openRow, openRows } from './sealing';
import { settledFlag } from './settled';

export async function listAgreements(): Promise<AgreementRecord[]> {
  const db = await openDatabase();
  const rows = await openRows('agreements', await db.getAllFromIndex('agreements', 'by-dueDate'));
  return rows.flatMap((row) => {
    if (row === undefined) return [];
    const parsed = agreementRecordSchema.safeParse(row);
    if (parsed.success) return [parsed.data];
    reportInvalid('agreements', row, parsed.error);
    return [];
  });
}

/**
 * How many unpaid agreements fall due on or before `day` (overdue plus due today): the badge count.
 * Counted on the due-date index, then the paid ones among them taken away: only agreements with
 * payments can be paid, and a borrower has far fewer payments than agreements, so the cost follows
 * the payments, not the agreements due. Works while locked: a row says in plaintext whether it is
 * settled (written with its payments); an older row without the flag is judged from its payments,
 * and a sealed one without it counts as due (a reminder too many is better than one missing).
 */
export async function countDueOnOrBefore(day: string): Promise<number> {
  const db = await openDatabase();
  const tx = db.transaction(['agreements', 'payments']);
  const [dueCount, payments] = await Promise.all([
    tx.objectStore('agreements').index('by-dueDate').count(IDBKeyRange.upperBound(day)),
    // agreementId is plaintext on every payment row, sealed or not.
    tx.objectStore('payments').getAll() as Promise<unknown[]>,
  ]);
  const byAgreement = new Map<string, PaymentRow[]>();
  for (const payment of payments) {
    if (!isRow(payment) || typeof payment.agreementId !== 'string') continue;
    byAgreement.set(payment.agreementId, [...(byAgreement.get(payment.agreementId) ?? []), payment as unknown as PaymentRow]);
  }
  const rows: unknown[] = await Promise.all([...byAgreement.keys()].map((id) => tx.objectStore('agreements').get(id)));
  const paidDue = rows.filter((row) => {
    if (!isRow(row) || typeof row.dueDate !== 'string' || row.dueDate > day) return false;
    if (row.settled !== undefined) return row.settled === 1;
    // Rows as stored, unchecked: a badge count needs only dates and amounts, and a wrong row errs towards "due".
    return !isSealed(row) && settledFlag(row as AgreementRecord, byAgreement.get(String(row.id)) ?? []) === 1;
  }).length;
  return dueCount - paidDue;
}

type PaymentRow = Parameters<typeof agreementStanding>[1][number];

const isRow = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export async function getAgreement(id: string): Promise<AgreementRecord | undefined> {
  const db = await openDatabase();
  const row = await openRow('agreements', await db.get('agreements', id));
  if (row === undefined) return undefined;
  const parsed = agreementRecordSchema.safeParse(row);
  if (parsed.success) return parsed.data;
  reportInvalid('agreements', row, parsed.error);
  return undefined;
}

/** Removes agreements with their reminders, payments (and their receipts) and notes, all or nothing. */
async function deleteAgreements(doomed: readonly string[]): Promise<number> {
  const db = await openDatabase();
  const tx = db.transaction(['agreements', 'reminders', 'notes', 'payments', 'sessions', 'attachments'], 'readwrite');
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

/** Removes an agreement with its reminders, payments and notes, all or nothing. */
export async function deleteAgreement(id: string): Promise<void> {
  await deleteAgreements([id]);
}

/** Removes exactly the demo agreements (and what hangs on them); returns how many. */
export async function deleteDemoAgreements(): Promise<number> {
  // Which are demo is sealed with the lock on: read and open first, then delete in one transaction.
  const demo = (await listAgreements()).filter((a) => a.demo === true).map((a) => a.id);
  return deleteAgreements(demo);
}
