import * as z from 'zod/mini';
import { paymentSchema } from '../domain/payments';
import { defineCodec } from './codec';
import { openDatabase } from './database';

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

/** Payments as stored and read back (lib/db/codec.ts). */
export const paymentCodec = defineCodec('payments', paymentRecordSchema);

/** Every payment, by agreement, oldest first. */
export async function listPaymentsByAgreement(now: number = Date.now()): Promise<Map<string, PaymentRecord[]>> {
  const db = await openDatabase();
  const byAgreement = new Map<string, PaymentRecord[]>();
  for (const payment of await paymentCodec.open(await db.getAll('payments'), now)) {
    const list = byAgreement.get(payment.agreementId) ?? [];
    list.push(payment);
    byAgreement.set(payment.agreementId, list);
  }
  for (const list of byAgreement.values()) list.sort((a, b) => a.paidOn.localeCompare(b.paidOn) || a.recordedAt - b.recordedAt);
  return byAgreement;
}
