import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listRemindersFor } from '../db/reminders';
import { replanAllAgreements } from '../db/replan-all';
import { saveAgreement } from '../db/save-agreement';
import { localInstant } from '../domain/dates';
import { DEFAULT_MILESTONE_SETTINGS } from '../domain/milestones';
import { DEFAULT_REMINDER_HOUR } from '../domain/reminder-plan';
import { reconcile } from '../reminders/reconcile';
import {
  checkReminderSettings,
  DEFAULT_LEAD_TIMES,
  DEFAULT_REMINDER_SETTINGS,
  formatMinuteOfDay,
  loadReminderSettings,
  quietTimeChoices,
  parseReminderSettings,
  REMINDER_SETTINGS_KEY,
  saveReminderSettings,
} from './reminder-settings';

describe('reminder settings', () => {
  it('defaults agree with the milestone engine and the reminder plan', () => {
    for (const [key, value] of Object.entries(DEFAULT_LEAD_TIMES)) {
      expect(DEFAULT_MILESTONE_SETTINGS[key as keyof typeof DEFAULT_LEAD_TIMES], key).toBe(value);
    }
    expect(DEFAULT_REMINDER_SETTINGS.reminderHour).toBe(DEFAULT_REMINDER_HOUR);
    expect(DEFAULT_REMINDER_SETTINGS).toMatchObject({ quietHoursEnabled: true, quietStartMinute: 22 * 60, quietEndMinute: 8 * 60 });
  });

  it('reads nothing stored as the defaults', async () => {
    expect(await loadReminderSettings()).toEqual(DEFAULT_REMINDER_SETTINGS);
    expect(parseReminderSettings('garbage')).toEqual(DEFAULT_REMINDER_SETTINGS);
  });

  it('replaces each bad or missing value by its default, keeping the good ones', () => {
    const read = parseReminderSettings({
      reminderHour: 25,
      quietHoursEnabled: 'yes',
      quietStartMinute: 21 * 60,
      leadTimes: { contactDaysBefore: 10, transferHoursBefore: -1, decideMonthsBefore: 1.5 },
    });
    expect(read).toEqual({
      ...DEFAULT_REMINDER_SETTINGS,
      quietStartMinute: 21 * 60,
      leadTimes: { ...DEFAULT_LEAD_TIMES, contactDaysBefore: 10 },
    });
    // A deposit window that closes before it opens goes back to the default window.
    const window = parseReminderSettings({ leadTimes: { depositFromDaysBefore: 2, depositUntilDaysBefore: 6 } }).leadTimes;
    expect([window.depositFromDaysBefore, window.depositUntilDaysBefore]).toEqual([5, 3]);
  });

  it('extra lead days: the day before by default; a bad stored list falls back whole, a good one is kept', () => {
    expect(DEFAULT_REMINDER_SETTINGS.extraLeadDays).toEqual([1]);
    expect(parseReminderSettings({}).extraLeadDays).toEqual([1]);
    expect(parseReminderSettings({ extraLeadDays: [1, 7, 3] }).extraLeadDays).toEqual([7, 3, 1]);
    expect(parseReminderSettings({ extraLeadDays: [] }).extraLeadDays).toEqual([]);
    for (const bad of [[3, 3], [1.5], [91], [-1], '7, 3', null, [1, 2, 3, 4, 5, 6, 7, 8, 9]]) {
      expect(parseReminderSettings({ reminderHour: 20, extraLeadDays: bad }), JSON.stringify(bad)).toEqual({
        ...DEFAULT_REMINDER_SETTINGS,
        reminderHour: 20,
        extraLeadDays: [1],
      });
    }
  });

  it('saves and reads back through storage', async () => {
    const saved = await saveReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, reminderHour: 20, extraLeadDays: [3, 7] });
    expect(await fakeBrowser.storage.local.get(REMINDER_SETTINGS_KEY)).toEqual({ [REMINDER_SETTINGS_KEY]: saved });
    expect((await loadReminderSettings()).reminderHour).toBe(20);
    expect((await loadReminderSettings()).extraLeadDays).toEqual([7, 3]);
  });

  it('refuses, on the settings page, what would silence or garble reminders', () => {
    expect(checkReminderSettings(DEFAULT_REMINDER_SETTINGS)).toEqual([]);
    expect(checkReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, reminderHour: 23 })).toEqual(['hour-in-quiet-hours']);
    expect(checkReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, reminderHour: 7 })).toEqual(['hour-in-quiet-hours']);
    expect(checkReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, reminderHour: 8 })).toEqual([]);
    expect(checkReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, quietHoursEnabled: false, reminderHour: 23 })).toEqual([]);
    expect(checkReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, quietEndMinute: 22 * 60 })).toEqual(['quiet-hours-empty']);
    expect(
      checkReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, leadTimes: { ...DEFAULT_LEAD_TIMES, depositFromDaysBefore: 1 } }),
    ).toEqual(['deposit-window']);
  });

  it('writes times of day on 24 hours', () => {
    expect(formatMinuteOfDay(8 * 60 + 5)).toBe('08:05');
    expect(formatMinuteOfDay(22 * 60 + 30)).toBe('22:30');
    expect(formatMinuteOfDay(0)).toBe('00:00');
  });

  it('offers quiet-hours times every half hour, and a saved time between them too', () => {
    const halfHours = quietTimeChoices(22 * 60);
    expect(halfHours).toHaveLength(48);
    expect(halfHours.slice(0, 3).map(formatMinuteOfDay)).toEqual(['00:00', '00:30', '01:00']);
    expect(halfHours.at(-1)).toBe(23 * 60 + 30);
    const withSaved = quietTimeChoices(22 * 60 + 15);
    expect(withSaved).toHaveLength(49);
    expect(withSaved.slice(44, 47).map(formatMinuteOfDay)).toEqual(['22:00', '22:15', '22:30']);
  });
});

describe('saving agreements with the saved settings', () => {
  const fields = { lender: '网商贷', kind: 'extension' as const, amountFen: 100_00, dueDate: '2026-12-10' };
  const now = localInstant('2026-11-21', 10);

  it('plans at the saved hour and lead times when the caller gives none', async () => {
    await saveReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, reminderHour: 20, leadTimes: { ...DEFAULT_LEAD_TIMES, contactDaysBefore: 10 } });
    const saved = await saveAgreement(fields, { now });
    const contact = (await listRemindersFor(saved.id)).find((r) => r.code === 'contact-lender-if-short');
    expect(contact).toMatchObject({ fireDate: '2026-11-30', fireAt: localInstant('2026-11-30', 20) });
    const explicit = await saveAgreement(fields, { now, hour: 7, milestones: DEFAULT_LEAD_TIMES });
    expect((await listRemindersFor(explicit.id)).find((r) => r.code === 'pay')?.fireAt).toBe(localInstant('2026-12-10', 7));
  });

  it('re-plans every agreement after a change, keeping what was shown shown', async () => {
    const due = await saveAgreement({ ...fields, dueDate: '2026-11-21' }, { now });
    const later = await saveAgreement(fields, { now });
    expect((await reconcile(now)).shown).toBe(1);
    const updatedAt = later.updatedAt;

    await saveReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, reminderHour: 18, leadTimes: { ...DEFAULT_LEAD_TIMES, contactDaysBefore: 14 } });
    expect(await replanAllAgreements({ now: now + 60_000 })).toBe(2);

    const laterReminders = await listRemindersFor(later.id);
    expect(laterReminders.find((r) => r.code === 'contact-lender-if-short')).toMatchObject({
      fireDate: '2026-11-26',
      fireAt: localInstant('2026-11-26', 18),
      pending: 1,
    });
    expect(laterReminders.find((r) => r.code === 'pay')?.fireAt).toBe(localInstant('2026-12-10', 18));
    // The payment due today was shown at 10:00; the new hour (18:00) must not show it again today.
    const pay = (await listRemindersFor(due.id)).find((r) => r.code === 'pay');
    expect(pay?.notifiedAt).toBe(now);
    expect((await reconcile(localInstant('2026-11-21', 18, 30))).shown).toBe(0);
    const { getAgreement } = await import('../db/agreements');
    expect((await getAgreement(later.id))?.updatedAt).toBe(updatedAt);
  });
});
