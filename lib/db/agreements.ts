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
    tx.objectStore('payments').getAll(),
  ]);
  const byAgreement = new Map<string, PaymentRow[]>();
  for (const payment of payments) byAgreement.set(payment.agreementId, [...(byAgreement.get(payment.agreementId) ?? []), payment]);
  const rows = await Promise.all([...byAgreement.keys()].map((id) => tx.objectStore('agreements').get(id)));
  const paidDue = rows.filter((row) => {
    if (row === undefined || row.dueDate > day) return false;
    if (row.settled !== undefined) return row.settled === 1;
    // Rows as stored, unchecked: a badge count needs only dates and amounts, and a wrong row errs towards "due".
    if (isSealed(row) || !('kind' in row)) return false;
    const paid = (byAgreement.get(row.id) ?? []).filter((p): p is PaymentRow & StandingPayment => 'amountFen' in p);
    return settledFlag(row, paid) === 1;
  }).length;
  return dueCount - paidDue;
}

type StandingPayment = Parameters<typeof agreementStanding>[1][number];

export async function getAgreement(id: string, now: number = Date.now()): Promise<AgreementRecord | undefined> {
  const db = await openDatabase();
  return agreementCodec.openOne(await db.get('agreements', id), now);
}
