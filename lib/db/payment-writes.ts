import type { IDBPTransaction } from 'idb';
import type { PaymentCoverage } from '../domain/payments';
import type { IsoDate } from '../domain/dates';
import type { Fen } from '../domain/money';
import { deleteAttachmentsOfInTx } from './attachment-owners';
import { readThenWrite } from './fresh-write';
import type { AttachmentRecord } from './attachments';
import { paymentRecordSchema, type PaymentRecord } from './payments';
import type { AgreementTx, PlanOptions } from './save-agreement';
import type { RepayDbSchema } from './schema';
import { sealRecord } from './sealing';

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

type PaymentTx = IDBPTransaction<RepayDbSchema, ('agreements' | 'reminders' | 'payments' | 'attachments')[], IDBTransactionMode>;

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
 * read (a Blob in memory, not a File on disk). With the lock on, the payment and the image are
 * sealed between reading the agreement and writing (see readThenWrite).
 */
export async function recordPayment(payment: NewPayment, options: PlanOptions, receipt?: Blob): Promise<PaymentRecord> {
  const engine = await import('./save-agreement');
  const planOptions = await engine.withSavedSettings(options);
  const id = crypto.randomUUID();
  // Checked (size, type) before anything else: a refused image writes nothing.
  const attachment =
    receipt === undefined
      ? undefined
      : (await import('./attachments')).toAttachmentRecord({ ownerType: 'payment', ownerId: id, kind: 'receipt', blob: receipt, capturedAt: options.now });
  return readThenWrite(
    ['agreements', 'reminders', 'payments', 'attachments'],
    (tx) => engine.readAgreementRowsInTx(engineTx(tx), payment.agreementId),
    async (rows) => {
      const { agreement, payments: before } = await engine.openAgreementRows(rows);
      if (!agreement) throw new AgreementNotFound(payment.agreementId);
      const record = paymentRecordSchema.parse({ ...payment, id, dueDate: agreement.dueDate, recordedAt: options.now });
      const payments = [...before, record];
      const planned = engine.planAgreementReminders(agreement, payments, planOptions);
      const [paymentRow, attachmentRow] = await Promise.all([
        sealRecord('payments', record),
        attachment ? sealRecord('attachments', attachment) : Promise.resolve(undefined),
      ]);
      return { record, planned, paymentRow, attachmentRow, agreement, payments };
    },
    async (tx, { record, planned, paymentRow, attachmentRow, agreement, payments }, rows) => {
      await Promise.all([
        // The receipt first: an image the browser refuses outright leaves no other request behind.
        ...(attachmentRow ? [tx.objectStore('attachments').put(attachmentRow as AttachmentRecord)] : []),
        tx.objectStore('payments').put(paymentRow as PaymentRecord),
        engine.replaceRemindersInTx(engineTx(tx), payment.agreementId, planned),
        tx.objectStore('agreements').put(engine.afterPayments(rows.agreement, agreement, payments)),
      ]);
      return record;
    },
  );
}

/** Removes a payment recorded by mistake, with its receipt, and re-plans the agreement's reminders, all or nothing. */
export async function undoPayment(paymentId: string, options: PlanOptions): Promise<void> {
  const engine = await import('./save-agreement');
  const planOptions = await engine.withSavedSettings(options);
  await readThenWrite(
    ['agreements', 'reminders', 'payments', 'attachments'],
    async (tx) => {
      // The payment's agreement is plaintext on its row, sealed or not.
      const payment = (await tx.objectStore('payments').get(paymentId)) as { agreementId: string } | undefined;
      if (payment === undefined) return null;
      return { agreementId: payment.agreementId, ...(await engine.readAgreementRowsInTx(engineTx(tx), payment.agreementId)) };
    },
    async (rows) => {
      if (rows === null) return null;
      const { agreement, payments } = await engine.openAgreementRows(rows);
      if (!agreement) return null;
      const rest = payments.filter((p) => p.id !== paymentId);
      return { agreement, rest, planned: engine.planAgreementReminders(agreement, rest, planOptions) };
    },
    async (tx, prepared, rows) => {
      if (rows === null) return;
      const writes: Promise<unknown>[] = [tx.objectStore('payments').delete(paymentId), deleteAttachmentsOfInTx(tx, 'payment', paymentId)];
      if (prepared) {
        writes.push(
          engine.replaceRemindersInTx(engineTx(tx), rows.agreementId, prepared.planned),
          tx.objectStore('agreements').put(engine.afterPayments(rows.agreement, prepared.agreement, prepared.rest)),
        );
      }
      await Promise.all(writes);
    },
  );
}
