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
  await withYearsReplanned('save-holiday-year', now, record.id, record);
  return record;
}

/**
 * Deletes the notice the user entered for `year` and re-plans every agreement's reminders without
 * it (the year's dates go back to the holiday table, or to Monday–Friday with the provisional mark
 * when the table does not cover it), in ONE transaction, as saving does. Returns false when there
 * was no such year stored: nothing was written.
 */
export async function deleteHolidayYear(year: number, now: number): Promise<boolean> {
  return withYearsReplanned('delete-holiday-year', now, String(year), null);
}

/**
 * Puts `record` in place of the year `id` (or deletes it, with null) and re-plans every agreement
 * with the years that result, in one transaction. False: a deletion found nothing to delete.
 */
async function withYearsReplanned(name: string, now: number, id: string, record: HolidayYearRecord | null): Promise<boolean> {
  const base = await withSavedSettings({ now });
  return mutate({
    name,
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
      const found = rows.years.some((row) => row.id === id);
      if (record === null && !found) return null;
      const [agreements, payments] = await Promise.all([agreementCodec.open(rows.agreements, now), paymentCodec.open(rows.payments, now)]);
      const others = rows.years.flatMap((row) => {
        const year = checkHolidayYearRow(row);
        return year && year.id !== id ? [year] : [];
      });
      const options = { ...base, milestones: { ...base.milestones, holidayYears: record ? [...others, record] : others } };
      const byAgreement = new Map<string, PaymentRecord[]>();
      for (const payment of payments) byAgreement.set(payment.agreementId, [...(byAgreement.get(payment.agreementId) ?? []), payment]);
      return agreements.map((agreement) => ({ id: agreement.id, planned: planAgreementReminders(agreement, byAgreement.get(agreement.id) ?? [], options) }));
    },
    write: async (writer, plans) => {
      if (plans === null) return false;
      const years = writer.tx.objectStore('holidayYears');
      await (record ? years.put(record) : years.delete(id));
      for (const { id: agreementId, planned } of plans) await replaceRemindersInTx(writer.tx, agreementId, planned);
      return true;
    },
  });
}
