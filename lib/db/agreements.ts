import type { agreementStanding } from '../domain/agreement-dues';
import { openDatabase } from './database';
import type { PaymentRow } from './rows';
import { agreementCodec, type AgreementRecord } from './schema';
import { isSealed } from './sealing';
import { settledFlag } from './settled';

export async function listAgreements(now: number = Date.now()): Promise<AgreementRecord[]> {
  const db = await openDatabase();
  return agreementCodec.open(await db.getAllFromIndex('agreements', 'by-dueDate'), now);
}

/**
 * How many unpaid agreements fall due on or before `day` (overdue plus due today): the badge count.
 * The rows due are read on the due-date index. Works while locked: a row says in plaintext whether
 * it is settled (written with its payments; 1 also for an agreement replaced by another); only
 * when an older row lacks the flag are the payments read to judge it, and a sealed one without it
 * counts as due (a reminder too many is better than one missing).
 */
export async function countDueOnOrBefore(day: string): Promise<number> {
  const db = await openDatabase();
  const tx = db.transaction(['agreements', 'payments']);
  const due = await tx.objectStore('agreements').index('by-dueDate').getAll(IDBKeyRange.upperBound(day));
  const open = due.filter((row) => row.settled !== 1);
  const unflagged = open.filter((row) => row.settled === undefined);
  if (unflagged.length === 0) return open.length;
  // agreementId is plaintext on every payment row, sealed or not.
  const payments = await tx.objectStore('payments').getAll();
  const byAgreement = new Map<string, PaymentRow[]>();
  for (const payment of payments) byAgreement.set(payment.agreementId, [...(byAgreement.get(payment.agreementId) ?? []), payment]);
  const paidDue = unflagged.filter((row) => {
    // Rows as stored, unchecked: a badge count needs only dates and amounts, and a wrong row errs towards "due".
    if (isSealed(row) || !('kind' in row)) return false;
    const paid = (byAgreement.get(row.id) ?? []).filter((p): p is PaymentRow & StandingPayment => 'amountFen' in p);
    return paid.length > 0 && settledFlag(row, paid) === 1;
  }).length;
  return open.length - paidDue;
}

type StandingPayment = Parameters<typeof agreementStanding>[1][number];

export async function getAgreement(id: string, now: number = Date.now()): Promise<AgreementRecord | undefined> {
  const db = await openDatabase();
  return agreementCodec.openOne(await db.get('agreements', id), now);
}
