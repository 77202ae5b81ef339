import { openDatabase } from './database';
import { reportInvalid } from './invalid';
import { agreementRecordSchema } from './schema';
import {
  abortQuietly,
  planAgreementReminders,
  readPaymentsInTx,
  replaceRemindersInTx,
  withSavedSettings,
  type AgreementTx,
  type PlanOptions,
} from './save-agreement';

/**
 * Re-plans every agreement's reminders (after the reminder hour or lead times changed), in one
 * transaction: all agreements move to the new settings or none does. Reminders already shown
 * keep their state (see replaceRemindersInTx), so nothing is shown a second time. Agreements
 * themselves are not rewritten: their updatedAt stays. Returns how many were re-planned.
 */
export async function replanAllAgreements(options: PlanOptions): Promise<number> {
  const planOptions = await withSavedSettings(options);
  const db = await openDatabase();
  const tx: AgreementTx = db.transaction(['agreements', 'reminders', 'payments'], 'readwrite');
  try {
    const rows = await tx.objectStore('agreements').getAll();
    let count = 0;
    for (const row of rows) {
      const agreement = agreementRecordSchema.safeParse(row);
      if (!agreement.success) {
        reportInvalid('agreements', row, agreement.error);
        continue;
      }
      const payments = await readPaymentsInTx(tx, agreement.data.id);
      await replaceRemindersInTx(tx, agreement.data.id, planAgreementReminders(agreement.data, payments, planOptions));
      count += 1;
    }
    await tx.done;
    return count;
  } catch (error) {
    abortQuietly(tx);
    throw error;
  }
}
