import { describe, expect, it, vi } from 'vitest';
import { localInstant } from '../domain/dates';
import { DEFAULT_REMINDER_SETTINGS, loadReminderSettings } from '../settings/reminder-settings';
import { listRemindersFor } from './reminders';
import { applyReminderSettings } from './replan-all';
import { saveAgreement } from './save-agreement';

const NOW = localInstant('2026-11-20', 10);

describe('saving the reminder settings', () => {
  it('keeps them and moves every agreement\u2019s reminders to the new hour', async () => {
    const a = await saveAgreement({ lender: '借呗', kind: 'extension', amountFen: 100_000, dueDate: '2026-12-15' }, { now: NOW });
    const saved = await applyReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, reminderHour: 20 }, NOW);
    expect((await loadReminderSettings()).reminderHour).toBe(20);
    expect(saved.reminderHour).toBe(20);
    for (const reminder of await listRemindersFor(a.id)) expect(new Date(reminder.fireAt).getHours()).toBe(20);
  });

  it('puts the old settings back when the reminders cannot be re-planned, so nothing changed is true', async () => {
    const a = await saveAgreement({ lender: '借呗', kind: 'extension', amountFen: 100_000, dueDate: '2026-12-15' }, { now: NOW });
    const before = await listRemindersFor(a.id);
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called back with its own `this`
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'reminders') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    await expect(applyReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, reminderHour: 20 }, NOW)).rejects.toMatchObject({ name: 'QuotaExceededError' });
    vi.restoreAllMocks();
    expect(await loadReminderSettings()).toEqual(DEFAULT_REMINDER_SETTINGS);
    expect(await listRemindersFor(a.id)).toEqual(before);
  });
});
