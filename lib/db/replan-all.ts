import { readThenWrite } from './fresh-write';
import {
  agreementOf,
  paymentsOf,
  planAgreementReminders,
  replaceRemindersInTx,
  withSavedSettings,
  type PlanOptions,
} from './save-agreement';
import type { PaymentRecord } from './payments';
import { openRows } from './sealing';

/**
 * Re-plans every agreement's reminders (after the reminder hour or lead times changed), in one
 * transaction: all agreements move to the new settings or none does. Reminders already shown
 * keep their state (see replaceRemindersInTx), so nothing is shown a second time. Agreements
 * themselves are not rewritten: their updatedAt stays. Returns how many were re-planned.
 * With the lock on, the records are opened between reading them and writing the reminders.
 */
export async function replanAllAgreements(options: PlanOptions): Promise<number> {
  const planOptions = await withSavedSettings(options);
  return readThenWrite(
    ['agreements', 'reminders', 'payments'],
    async (tx) => {
      const [agreements, payments] = await Promise.all([tx.objectStore('agreements').getAll(), tx.objectStore('payments').getAll()]);
      return { agreements, payments };
    },
    async (rows) => {
      const [agreementRows, paymentRows] = await Promise.all([openRows('agreements', rows.agreements), openRows('payments', rows.payments)]);
      const byAgreement = new Map<string, PaymentRecord[]>();
      for (const payment of paymentsOf(paymentRows)) byAgreement.set(payment.agreementId, [...(byAgreement.get(payment.agreementId) ?? []), payment]);
      return agreementRows.flatMap((row) => {
        const agreement = agreementOf(row);
        return agreement ? [{ id: agreement.id, planned: planAgreementReminders(agreement, byAgreement.get(agreement.id) ?? [], planOptions) }] : [];
      });
    },
    async (tx, plans) => {
      for (const { id, planned } of plans) await replaceRemindersInTx(tx, id, planned);
      return plans.length;
    },
  );
}
