import type { IDBPTransaction } from 'idb';
import type { PaymentCoverage } from '../domain/payments';
import type { IsoDate } from '../domain/dates';
import type { Fen } from '../domain/money';
import { deleteAttachmentsOfInTx } from './attachment-owners';
import { openDatabase } from './database';
import { paymentRecordSchema, type PaymentRecord } from './payments';
import type { AgreementTx, PlanOptions } from './save-agreement';
import { agreementRecordSchema, type RepayDbSchema } from './schema';

/**
 * Recording a payment and undoing one: each re-plans the agreement's reminders in the same
 * transaction, with the milestone engine and the saved reminder settings loaded before it opens.
 */

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

type PaymentTx = IDBPTransaction<RepayDbSchema, ('agreements' | 'reminders' | 'payments' | 'attachments')[], 'readwrite'>;

/**
 * The engine's helpers take a transaction over its three stores; a payment's transaction also
 * holds its receipt's store. Sound: it has every store they touch (idb's types cannot say "at least").
 */
const engineTx = (tx: PaymentTx) => tx as unknown as AgreementTx;


/**
 * Records a payment against the agreement's due date (a plan's first unpaid period) and re-plans
 * its reminders, in one transaction: a fully paid due date loses its "pay" and "overdue" reminders at the same moment the
 * payment is stored, never one without the other. A receipt image, when given, is stored in the
 * same transaction: a full disk or a refused image keeps neither. Pass the image's bytes already
 * read (a Blob in memory, not a File on disk), since nothing but IndexedDB may be awaited inside.
 */
export async function recordPayment(payment: NewPayment, options: PlanOptions, receipt?: Blob): Promise<PaymentRecord> {
  const engine = await import('./save-agreement');
  const planOptions = await engine.withSavedSettings(options);
  const id = crypto.randomUUID();
  // Checked (size, type) before the transaction opens: a refused image writes nothing.
  const attachment =
    receipt === undefined
      ? undefined
      : (await import('./attachments')).toAttachmentRecord({ ownerType: 'payment', ownerId: id, kind: 'receipt', blob: receipt, capturedAt: options.now });
  const db = await openDatabase();
  const tx: PaymentTx = db.transaction(['agreements', 'reminders', 'payments', 'attachments'], 'readwrite');
  try {
    const row = await tx.objectStore('agreements').get(payment.agreementId);
    const agreement = agreementRecordSchema.safeParse(row);
    if (!agreement.success) throw new AgreementNotFound(payment.agreementId);
    const record = paymentRecordSchema.parse({
      ...payment,
      id,
      dueDate: agreement.data.dueDate,
      recordedAt: options.now,
    });
    const payments = [...(await engine.readPaymentsInTx(engineTx(tx), payment.agreementId)), record];
    const planned = engine.planAgreementReminders(agreement.data, payments, planOptions);
    await Promise.all([
      // The receipt first: an image the browser refuses outright leaves no other request behind.
      ...(attachment ? [tx.objectStore('attachments').put(attachment)] : []),
      tx.objectStore('payments').put(record),
      engine.replaceRemindersInTx(engineTx(tx), payment.agreementId, planned),
      engine.moveToCurrentPeriodInTx(engineTx(tx), agreement.data, payments),
    ]);
    await tx.done;
    return record;
  } catch (error) {
    engine.abortQuietly(engineTx(tx));
    throw error;
  }
}

/** Removes a payment recorded by mistake, with its receipt, and re-plans the agreement's reminders, all or nothing. */
export async function undoPayment(paymentId: string, options: PlanOptions): Promise<void> {
  const engine = await import('./save-agreement');
  const planOptions = await engine.withSavedSettings(options);
  const db = await openDatabase();
  const tx: PaymentTx = db.transaction(['agreements', 'reminders', 'payments', 'attachments'], 'readwrite');
  try {
    const payment = await tx.objectStore('payments').get(paymentId);
    if (payment === undefined) {
      await tx.done;
      return;
    }
    const agreement = agreementRecordSchema.safeParse(await tx.objectStore('agreements').get(payment.agreementId));
    const writes: Promise<unknown>[] = [tx.objectStore('payments').delete(paymentId), deleteAttachmentsOfInTx(tx, 'payment', paymentId)];
    if (agreement.success) {
      const rest = (await engine.readPaymentsInTx(engineTx(tx), payment.agreementId)).filter((p) => p.id !== paymentId);
      const planned = engine.planAgreementReminders(agreement.data, rest, planOptions);
      writes.push(engine.replaceRemindersInTx(engineTx(tx), payment.agreementId, planned), engine.moveToCurrentPeriodInTx(engineTx(tx), agreement.data, rest));
    }
    await Promise.all(writes);
    await tx.done;
  } catch (error) {
    engine.abortQuietly(engineTx(tx));
    throw error;
  }
}
