import { describe, expect, it } from 'vitest';
import { exportBackup, serialiseBackup } from '../backup/export';
import { importBackup } from '../backup/import';
import { localInstant } from '../domain/dates';
import { MADE_UP_2027 } from '../domain/holiday-year.test-data';
import { loadHolidayYears } from './holiday-years';
import { listRemindersFor } from './reminders';
import { saveAgreement, withSavedSettings } from './save-agreement';
import { deleteHolidayYear, HolidayYearRefused, saveHolidayYear } from './save-holiday-year';
import { allRows, markFirstReminderShown } from './test-support';

const NOW = localInstant('2026-12-06', 10);
const SETTLEMENT = { lender: '借呗', kind: 'settlement', amountFen: 100_000, dueDate: '2027-10-04' } as const;

const transferStep = async (id: string) => (await listRemindersFor(id)).find((r) => r.code === 'transfer-by');

describe('saving a year’s holidays typed from the notice', () => {
  it('stores the year and re-plans every agreement with it: the guessed steps are no longer provisional', async () => {
    const a = await saveAgreement(SETTLEMENT, { now: NOW });
    expect(await transferStep(a.id)).toMatchObject({ fireDate: '2027-10-01', provisional: true });

    const saved = await saveHolidayYear(MADE_UP_2027, NOW);
    expect(saved).toMatchObject({ id: '2027', year: 2027, savedAt: NOW });
    expect(await loadHolidayYears()).toEqual([saved]);
    expect(await transferStep(a.id)).toMatchObject({ fireDate: '2027-09-30', provisional: false });
    expect((await listRemindersFor(a.id)).some((r) => r.provisional)).toBe(false);

    // Everything planned afterwards uses it too, through the saved settings.
    const b = await saveAgreement({ ...SETTLEMENT, lender: '花呗' }, { now: NOW });
    expect(await transferStep(b.id)).toMatchObject({ fireDate: '2027-09-30', provisional: false });
    expect((await withSavedSettings({ now: NOW })).milestones?.holidayYears).toEqual([saved]);
  });

  it('keeps a reminder already shown as shown when it re-plans', async () => {
    const a = await saveAgreement({ ...SETTLEMENT, dueDate: '2026-12-20' }, { now: NOW });
    await markFirstReminderShown(a.id, NOW);
    const shown = (await listRemindersFor(a.id)).find((r) => r.pending === 0);
    if (!shown) throw new Error('no reminder shown');
    await saveHolidayYear(MADE_UP_2027, NOW + 1_000);
    expect((await listRemindersFor(a.id)).find((r) => r.id === shown.id)).toMatchObject({ pending: 0, notifiedAt: NOW });
  });

  it('refuses a notice with any bad entry and writes nothing', async () => {
    const a = await saveAgreement(SETTLEMENT, { now: NOW });
    const before = await allRows(true);
    const bad = { ...MADE_UP_2027, workdays: ['2027-09-26', '2027-09-29'] };
    await expect(saveHolidayYear(bad, NOW)).rejects.toEqual(new HolidayYearRefused([{ code: 'workday-not-weekend', day: '2027-09-29' }]));
    await expect(saveHolidayYear(bad, NOW)).rejects.toMatchObject({ problems: [{ code: 'workday-not-weekend', day: '2027-09-29' }] });
    expect(await allRows(true)).toEqual(before);
    expect(await transferStep(a.id)).toMatchObject({ provisional: true });
  });

  it('replaces a year typed again', async () => {
    await saveHolidayYear(MADE_UP_2027, NOW);
    await saveHolidayYear({ ...MADE_UP_2027, workdays: ['2027-02-20'] }, NOW + 1_000);
    expect((await loadHolidayYears()).map((y) => [y.id, y.workdays, y.savedAt])).toEqual([['2027', ['2027-02-20'], NOW + 1_000]]);
  });

  it('travels in a backup: restored into an empty profile, the reminders use it again', async () => {
    const a = await saveAgreement(SETTLEMENT, { now: NOW });
    const saved = await saveHolidayYear(MADE_UP_2027, NOW);
    const text = serialiseBackup(await exportBackup(NOW));
    const document = JSON.parse(text) as { stores: Record<string, unknown[]> };
    expect(document.stores.holidayYears).toEqual([saved]);

    // Back to no typed year (a file from before it was typed), then the backup restored.
    await importBackup(await withoutYears(document), 'replace', { now: NOW });
    expect(await loadHolidayYears()).toEqual([]);
    expect(await transferStep(a.id)).toMatchObject({ fireDate: '2027-10-01', provisional: true });

    await importBackup(text, 'replace', { now: NOW });
    expect(await loadHolidayYears()).toEqual([saved]);
    expect(await transferStep(a.id)).toMatchObject({ fireDate: '2027-09-30', provisional: false });
  });
});

/** The same backup without its holiday years, sealed again (a file from before the year was typed). */
async function withoutYears(document: { stores: Record<string, unknown[]> }): Promise<string> {
  const { newBackupBody, sealBackup } = await import('../backup/format');
  const stores = { ...document.stores, holidayYears: [] };
  return serialiseBackup(await sealBackup(newBackupBody(stores, NOW)));
}

describe('deleting a year typed from the notice', () => {
  it('removes the year and re-plans every agreement without it: the guessed steps are provisional again', async () => {
    const a = await saveAgreement(SETTLEMENT, { now: NOW });
    await saveHolidayYear(MADE_UP_2027, NOW);
    expect(await transferStep(a.id)).toMatchObject({ fireDate: '2027-09-30', provisional: false });

    expect(await deleteHolidayYear(2027, NOW + 1_000)).toBe(true);
    expect(await loadHolidayYears()).toEqual([]);
    expect(await transferStep(a.id)).toMatchObject({ fireDate: '2027-10-01', provisional: true });
    expect((await withSavedSettings({ now: NOW })).milestones?.holidayYears).toEqual([]);
  });

  it('keeps the other years and a reminder already shown as shown', async () => {
    const a = await saveAgreement({ ...SETTLEMENT, dueDate: '2026-12-20' }, { now: NOW });
    await saveHolidayYear(MADE_UP_2027, NOW);
    await markFirstReminderShown(a.id, NOW);
    const shown = (await listRemindersFor(a.id)).find((r) => r.pending === 0);
    if (!shown) throw new Error('no reminder shown');
    expect(await deleteHolidayYear(2027, NOW + 1_000)).toBe(true);
    expect((await listRemindersFor(a.id)).find((r) => r.id === shown.id)).toMatchObject({ pending: 0, notifiedAt: NOW });
  });

  it('writes nothing for a year that is not stored', async () => {
    await saveAgreement(SETTLEMENT, { now: NOW });
    await saveHolidayYear(MADE_UP_2027, NOW);
    const before = await allRows(false);
    expect(await deleteHolidayYear(2028, NOW + 1_000)).toBe(false);
    expect(await allRows(false)).toEqual(before);
  });
});
