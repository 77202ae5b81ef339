import * as z from 'zod/mini';
import { paymentSchema } from '../domain/payments';
import { openDatabase } from './database';
import { reportInvalid } from './invalid';
import { openRows } from './sealing';

/**
 * Payments recorded against agreements: the record and the read the popup's first screen needs.
 * Recording and undoing (payment-writes.ts) re-plan reminders with the milestone engine, and are
 * loaded only when the user does either.
 */

/** A payment the borrower recorded against an agreement's due date, as stored. */
export const paymentRecordSchema = z.extend(paymentSchema, {
  agreementId: z.string().check(z.minLength(1)),
  /** Epoch milliseconds: when it was entered, to tell apart two payments on the same day. */
  recordedAt: z.int().check(z.nonnegative()),
});
export type PaymentRecord = z.infer<typeof paymentRecordSchema>;

/** Every payment, by agreement, oldest first. */
export async function listPaymentsByAgreement(): Promise<Map<string, PaymentRecord[]>> {
  const db = await openDatabase();
  const rows = await openRows('payments', await db.getAll('payments'));
  const byAgreement = new Map<string, PaymentRecord[]>();
  for (const row of rows) {
    if (row === undefined) continue;
    const parsed = paymentRecordSchema.safeParse(row);
    if (!parsed.success) {
      reportInvalid('payments', row, parsed.error);
      continue;
    }
    const list = byAgreement.get(parsed.data.agreementId) ?? [];
    list.push(parsed.data);
    byAgreement.set(parsed.data.agreementId, list);
  }
  for (const list of byAgreement.values()) list.sort((a, b) => a.paidOn.localeCompare(b.paidOn) || a.recordedAt - b.recordedAt);
  return byAgreement;
}
