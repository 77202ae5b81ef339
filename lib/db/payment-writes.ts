import type { PaymentCoverage } from '../domain/payments';
import type { IsoDate } from '../domain/dates';
import type { Fen } from '../domain/money';
import { deleteAttachmentsOfInTx } from './attachment-owners';
import { paymentCodec, paymentRecordSchema, type PaymentRecord } from './payments';
import type { PlanOptions } from './save-agreement';
import { mutate } from './write';

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

/**
 * Records a payment against the agreement's due date (a plan's first unpaid period) and re-plans
 * its reminders, in one transaction: a fully paid due date loses its "pay" and "overdue" reminders at the same moment the
 * payment is stored, never one without the other. A receipt image, when given, is stored in the
 * same transaction: a full disk or a refused image keeps neither. Pass the image's bytes already
 * read (a Blob in memory, not a File on disk). With the lock on, the payment and the image are
 * sealed between reading the agreement and writing (see mutate in lib/db/write.ts).
 */
export async function recordPayment(payment: NewPayment, options: PlanOptions, receipt?: Blob): Promise<PaymentRecord> {
  const engine = await import('./save-agreement');
  const planOptions = await engine.withSavedSettings(options);
  const { now } = options;
  const id = crypto.randomUUID();
  // Checked (size, type) before anything else: a refused image writes nothing.
  const attachments = receipt === undefined ? undefined : await import('./attachments');
  const attachment = receipt === undefined ? undefined : attachments?.toAttachmentRecord({ ownerType: 'payment', ownerId: id, kind: 'receipt', blob: receipt, capturedAt: now });
  return mutate({
    name: 'record-payment',
    stores: ['agreements', 'reminders', 'payments', 'attachments'],
    now,
    read: (tx) => engine.readAgreementRowsInTx(tx, payment.agreementId),
    prepare: async (rows) => {
      const { agreement, payments: before } = await engine.openAgreementRows(rows, now);
      if (!agreement) throw new AgreementNotFound(payment.agreementId);
      const record = paymentRecordSchema.parse({ ...payment, id, dueDate: agreement.dueDate, recordedAt: now });
      const payments = [...before, record];
      const planned = engine.planAgreementReminders(agreement, payments, planOptions);
      const [paymentRow, attachmentRow] = await Promise.all([
        paymentCodec.seal(record, now),
        attachment && attachments ? attachments.attachmentCodec.seal(attachment, now) : Promise.resolve(undefined),
      ]);
      return { record, planned, paymentRow, attachmentRow, agreement, payments };
    },
    write: async (writer, { record, planned, paymentRow, attachmentRow, agreement, payments }, rows) => {
      if (rows.agreement === undefined) throw new AgreementNotFound(payment.agreementId);
      await Promise.all([
        // The receipt first: an image the browser refuses outright leaves no other request behind.
        ...(attachmentRow ? [writer.put('attachments', attachmentRow)] : []),
        writer.put('payments', paymentRow),
        engine.replaceRemindersInTx(writer.tx, payment.agreementId, planned),
        writer.put('agreements', engine.afterPayments(rows.agreement, agreement, payments)),
      ]);
      return record;
    },
  });
}

/** Removes a payment recorded by mistake, with its receipt, and re-plans the agreement's reminders, all or nothing. */
export async function undoPayment(paymentId: string, options: PlanOptions): Promise<void> {
  const engine = await import('./save-agreement');
  const planOptions = await engine.withSavedSettings(options);
  const { now } = options;
  await mutate({
    name: 'undo-payment',
    stores: ['agreements', 'reminders', 'payments', 'attachments'],
    now,
    read: async (tx) => {
      // The payment's agreement is plaintext on its row, sealed or not.
      const payment = await tx.objectStore('payments').get(paymentId);
      if (payment === undefined) return null;
      return { agreementId: payment.agreementId, ...(await engine.readAgreementRowsInTx(tx, payment.agreementId)) };
    },
    prepare: async (rows) => {
      if (rows === null) return null;
      const { agreement, payments } = await engine.openAgreementRows(rows, now);
      if (!agreement) return null;
      const rest = payments.filter((p) => p.id !== paymentId);
      return { agreement, rest, planned: engine.planAgreementReminders(agreement, rest, planOptions) };
    },
    write: async (writer, prepared, rows) => {
      if (rows === null) return;
      const writes: Promise<unknown>[] = [writer.delete('payments', paymentId), deleteAttachmentsOfInTx(writer, 'payment', paymentId)];
      if (prepared && rows.agreement) {
        writes.push(
          engine.replaceRemindersInTx(writer.tx, rows.agreementId, prepared.planned),
          writer.put('agreements', engine.afterPayments(rows.agreement, prepared.agreement, prepared.rest)),
        );
      }
      await Promise.all(writes);
    },
  });
}
