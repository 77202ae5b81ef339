import { loadReminderSettings, saveReminderSettings, type ReminderSettings } from '../settings/reminder-settings';
import { paymentCodec, type PaymentRecord } from './payments';
import { planAgreementReminders, replaceRemindersInTx, withSavedSettings, type PlanOptions } from './save-agreement';
import { agreementCodec } from './schema';
import { mutate } from './write';

/**
 * Re-plans every agreement's reminders (after the reminder hour or lead times changed), in one
 * transaction: all agreements move to the new settings or none does. Reminders already shown
 * keep their state (see replaceRemindersInTx), so nothing is shown a second time. Agreements
 * themselves are not rewritten: their updatedAt and stamps stay. Returns how many were re-planned.
 * With the lock on, the records are opened between reading them and writing the reminders.
 */
export async function replanAllAgreements(options: PlanOptions): Promise<number> {
  const planOptions = await withSavedSettings(options);
  const { now } = options;
  return mutate({
    name: 'replan-all',
    stores: ['agreements', 'reminders', 'payments'],
    now,
    read: async (tx) => {
      const [agreements, payments] = await Promise.all([tx.objectStore('agreements').getAll(), tx.objectStore('payments').getAll()]);
      return { agreements, payments };
    },
    prepare: async (rows) => {
      const [agreements, payments] = await Promise.all([agreementCodec.open(rows.agreements, now), paymentCodec.open(rows.payments, now)]);
      const byAgreement = new Map<string, PaymentRecord[]>();
      for (const payment of payments) byAgreement.set(payment.agreementId, [...(byAgreement.get(payment.agreementId) ?? []), payment]);
      return agreements.map((agreement) => ({ id: agreement.id, planned: planAgreementReminders(agreement, byAgreement.get(agreement.id) ?? [], planOptions) }));
    },
    write: async (writer, plans) => {
      for (const { id, planned } of plans) await replaceRemindersInTx(writer.tx, id, planned);
      return plans.length;
    },
  });
}

/**
 * The reminder settings saved and every agreement re-planned with them: what the settings page's
 * Save does. If re-planning fails, the settings go back to what they were, so the page can say
 * truthfully that nothing changed.
 */
export async function applyReminderSettings(settings: ReminderSettings, now: number): Promise<ReminderSettings> {
  const previous = await loadReminderSettings();
  const saved = await saveReminderSettings(settings);
  try {
    await replanAllAgreements({ now, hour: saved.reminderHour, milestones: saved.leadTimes, leadDays: saved.extraLeadDays });
  } catch (error) {
    await saveReminderSettings(previous);
    throw error;
  }
  return saved;
}
