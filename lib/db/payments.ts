import * as z from 'zod/mini';
import { paymentSchema, type PaymentCoverage } from '../domain/payments';
import type { IsoDate } from '../domain/dates';
import type { Fen } from '../domain/money';
import { openDatabase } from './database';
import { reportInvalid } from './invalid';
import type { PlanOptions } from './save-agreement';
import { agreementRecordSchema } from './schema';

/**
 * Payments recorded against agreements. Reading is cheap and used by the popup's first screen;
 * writing re-plans the agreement's reminders with the milestone engine and the saved reminder
 * settings, both loaded only then (before the transaction opens).
 */

/** A payment the borrower recorded against an agreement's due date, as stored. */
export const paymentRecordSchema = z.extend(paymentSchema, {
  agreementId: z.string().check(z.minLength(1)),
  /** Epoch milliseconds: when it was entered, to tell apart two payments on the same day. */
  recordedAt: z.int().check(z.nonnegative()),
});
export type PaymentRecord = z.infer<typeof paymentRecordSchema>;

export interface NewPayment {
  agreementId: string;
  amountFen: Fen;
  paidOn: IsoDate;
  coverage: PaymentCoverage;
}

/** The agreement was deleted (in another window) while the payment form was open. */
export class AgreementNotFound extends Error {
  constructor(readonly agreementId: string) {
    super(`No agreement ${agreementId}`);
    this.name = 'AgreementNotFound';
  }
}

/** Every payment, by agreement, oldest first. */
export async function listPaymentsByAgreement(): Promise<Map<string, PaymentRecord[]>> {
  const db = await openDatabase();
  const rows = await db.getAll('payments');
  const byAgreement = new Map<string, PaymentRecord[]>();
  for (const row of rows) {
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

/**
 * Records a payment against the agreement's due date and re-plans its reminders, in one
 * transaction: a fully paid due date loses its "pay" and "overdue" reminders at the same moment the
 * payment is stored, never one without the other.
 */
export async function recordPayment(payment: NewPayment, options: PlanOptions): Promise<PaymentRecord> {
  const engine = await import('./save-agreement');
  const planOptions = await engine.withSavedSettings(options);
  const db = await openDatabase();
  const tx = db.transaction(['agreements', 'reminders', 'payments'], 'readwrite');
  try {
    const row = await tx.objectStore('agreements').get(payment.agreementId);
    const agreement = agreementRecordSchema.safeParse(row);
    if (!agreement.success) throw new AgreementNotFound(payment.agreementId);
    const record = paymentRecordSchema.parse({
      ...payment,
      id: crypto.randomUUID(),
      dueDate: agreement.data.dueDate,
      recordedAt: options.now,
    });
    const payments = [...(await engine.readPaymentsInTx(tx, payment.agreementId)), record];
    const planned = engine.planAgreementReminders(agreement.data, payments, planOptions);
    await Promise.all([tx.objectStore('payments').put(record), engine.replaceRemindersInTx(tx, payment.agreementId, planned)]);
    await tx.done;
    return record;
  } catch (error) {
    engine.abortQuietly(tx);
    throw error;
  }
}

/** Removes a payment recorded by mistake and re-plans the agreement's reminders, all or nothing. */
export async function undoPayment(paymentId: string, options: PlanOptions): Promise<void> {
  const engine = await import('./save-agreement');
  const planOptions = await engine.withSavedSettings(options);
  const db = await openDatabase();
  const tx = db.transaction(['agreements', 'reminders', 'payments'], 'readwrite');
  try {
    const payment = await tx.objectStore('payments').get(paymentId);
    if (payment === undefined) {
      await tx.done;
      return;
    }
    const agreement = agreementRecordSchema.safeParse(await tx.objectStore('agreements').get(payment.agreementId));
    const writes: Promise<unknown>[] = [tx.objectStore('payments').delete(paymentId)];
    if (agreement.success) {
      const rest = (await engine.readPaymentsInTx(tx, payment.agreementId)).filter((p) => p.id !== paymentId);
      const planned = engine.planAgreementReminders(agreement.data, rest, planOptions);
      writes.push(engine.replaceRemindersInTx(tx, payment.agreementId, planned));
    }
    await Promise.all(writes);
    await tx.done;
  } catch (error) {
    engine.abortQuietly(tx);
    throw error;
  }
}
