import { checkHolidayYear, type HolidayYearDraft, type HolidayYearProblem } from '../domain/holiday-year';
import { toIsoDate } from '../domain/dates';
import { checkHolidayYearRow, holidayYearRecordSchema, type HolidayYearRecord } from './holiday-years';
import { paymentCodec, type PaymentRecord } from './payments';
import { planAgreementReminders, replaceRemindersInTx, withSavedSettings } from './save-agreement';
import { agreementCodec } from './schema';
import { mutate } from './write';

/** The notice was refused: nothing was stored. `problems` name each entry at fault. */
export class HolidayYearRefused extends Error {
  constructor(readonly problems: readonly HolidayYearProblem[]) {
    super(`The holiday notice was refused: ${problems.map((p) => p.code).join(', ')}`);
    this.name = 'HolidayYearRefused';
  }
}

/**
 * Checks a year's notice as typed, then stores it and re-plans every agreement's reminders with
 * it, in ONE transaction: the year and the reminders that follow from it land together or not at
 * all. Reminders already shown keep their state (replaceRemindersInTx). A refused notice throws
 * HolidayYearRefused before anything is read or written.
 */
export async function saveHolidayYear(draft: HolidayYearDraft, now: number): Promise<HolidayYearRecord> {
  const checked = checkHolidayYear(draft, toIsoDate(now));
  if (!checked.ok) throw new HolidayYearRefused(checked.error);
  const record = holidayYearRecordSchema.parse({ ...checked.value, id: String(checked.value.year), savedAt: now });
  const base = await withSavedSettings({ now });
  return mutate({
    name: 'save-holiday-year',
    stores: ['holidayYears', 'agreements', 'payments', 'reminders'],
    now,
    read: async (tx) => {
      const [agreements, payments, years] = await Promise.all([
        tx.objectStore('agreements').getAll(),
        tx.objectStore('payments').getAll(),
        tx.objectStore('holidayYears').getAll(),
      ]);
      return { agreements, payments, years };
    },
    prepare: async (rows) => {
      const [agreements, payments] = await Promise.all([agreementCodec.open(rows.agreements, now), paymentCodec.open(rows.payments, now)]);
      const others = rows.years.flatMap((row) => {
        const year = checkHolidayYearRow(row);
        return year && year.id !== record.id ? [year] : [];
      });
      const options = { ...base, milestones: { ...base.milestones, holidayYears: [...others, record] } };
      const byAgreement = new Map<string, PaymentRecord[]>();
      for (const payment of payments) byAgreement.set(payment.agreementId, [...(byAgreement.get(payment.agreementId) ?? []), payment]);
      return agreements.map((agreement) => ({ id: agreement.id, planned: planAgreementReminders(agreement, byAgreement.get(agreement.id) ?? [], options) }));
    },
    write: async (writer, plans) => {
      await writer.tx.objectStore('holidayYears').put(record);
      for (const { id, planned } of plans) await replaceRemindersInTx(writer.tx, id, planned);
      return record;
    },
  });
}
