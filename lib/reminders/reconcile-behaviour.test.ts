import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listRemindersFor } from '../db/reminders';
import { saveAgreement } from '../db/save-agreement';
import { localInstant } from '../domain/dates';
import { REMINDER_SETTINGS_KEY } from '../settings/reminder-settings';
import { markReminderDone, reminderOfNotification, snoozeReminderFor } from './actions';
import { ALARM_NEXT_DUE } from '../browser/alarms';
import { NOTIFICATION_PREFIX, reconcile, SUMMARY_NOTIFICATION_ID } from './reconcile';

/** The title a notification was created with (the fake's overloaded signature hides the options). */
const titleOf = (options: unknown) => (typeof options === 'object' && options !== null && 'title' in options ? String(options.title) : '');

const base = { kind: 'settlement' as const, amountFen: 500_00 };

// These tests follow the milestones' own reminders; the extra ones before a due date (the settings'
// extraLeadDays) have their own tests in reconcile-lead-days.test.ts.
beforeEach(async () => {
  await fakeBrowser.storage.local.set({ [REMINDER_SETTINGS_KEY]: { extraLeadDays: [] } });
});
const at = (day: string, hour: number, minute = 0) => localInstant(day, hour, minute);

async function nextAlarm(): Promise<number | undefined> {
  return (await fakeBrowser.alarms.get(ALARM_NEXT_DUE))?.scheduledTime;
}

function titles(): string[] {
  return Object.values(fakeBrowser.notifications.getAllCreateOptions()).map((n) => n.title);
}

describe('reconcile: exactly once', () => {
  it('repeated and concurrent reconciles show each reminder once', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    const a = await saveAgreement({ ...base, lender: '网商贷', dueDate: '2026-11-21' }, { now: at('2026-11-20', 12) });
    const results = await Promise.all([1, 2, 3].map(() => reconcile(at('2026-11-21', 9))));
    expect(results.map((r) => r.shown).sort()).toEqual([0, 0, 1]);
    expect((await reconcile(at('2026-11-21', 9, 30))).shown).toBe(0);
    expect(create).toHaveBeenCalledTimes(1);
    expect(create.mock.calls[0]?.[0]).toBe(`${NOTIFICATION_PREFIX}${a.id}`);
  });

  it('reminders falling due together while the browser runs: one summary in the ordinary words', async () => {
    const saved = at('2026-11-20', 12);
    await saveAgreement({ ...base, lender: 'A', dueDate: '2026-11-21' }, { now: saved });
    await saveAgreement({ ...base, lender: 'B', dueDate: '2026-11-21' }, { now: saved });
    expect((await reconcile(at('2026-11-21', 9, 0) + 800, 'alarm')).shown).toBe(2);
    expect(Object.keys(fakeBrowser.notifications.getAllCreateOptions())).toEqual([SUMMARY_NOTIFICATION_ID]);
    expect(titles()).toEqual(['有2条还款提醒需要处理']);
  });

  it('a reminder for a date the user just entered in the past is not "missed while closed"', async () => {
    const now = at('2026-11-21', 10);
    await saveAgreement({ ...base, lender: 'A', dueDate: '2026-11-10' }, { now });
    await saveAgreement({ ...base, lender: 'B', dueDate: '2026-11-12' }, { now });
    expect((await reconcile(now, 'data-changed')).shown).toBe(2);
    expect(titles()).toEqual(['有2条还款提醒需要处理']);
  });
});

describe('reconcile: quiet hours', () => {
  it('shows nothing inside them and arms the alarm for their end, then shows it once', async () => {
    await saveAgreement({ ...base, lender: '借呗', dueDate: '2026-11-21' }, { now: at('2026-11-20', 12) });
    // Snoozed into the night: 21:30 + 1 h falls inside 22:00–08:00.
    const [pay] = (await listRemindersFor((await reminderAgreement()) ?? '')).filter((r) => r.code === 'pay');
    if (!pay) throw new Error('no pay reminder');
    await reconcile(at('2026-11-21', 9));
    expect(await snoozeReminderFor(pay.id, 'hour', at('2026-11-21', 21, 30))).toBe(at('2026-11-21', 22, 30));
    const night = await reconcile(at('2026-11-21', 21, 31));
    expect(night.nextFireAt).toBe(at('2026-11-22', 8));
    expect(await nextAlarm()).toBe(at('2026-11-22', 8));
    fakeBrowser.notifications.resetState();
    expect((await reconcile(at('2026-11-21', 22, 30))).shown).toBe(0);
    expect((await reconcile(at('2026-11-22', 3))).shown).toBe(0);
    expect(await nextAlarm()).toBe(at('2026-11-22', 8));
    expect(titles()).toEqual([]);
    expect((await reconcile(at('2026-11-22', 8))).shown).toBe(1);
    expect((await reconcile(at('2026-11-22', 8, 1))).shown).toBe(0);
    expect(titles()).toEqual(['借呗：已逾期1天']);
  });

  it('follows the saved quiet hours, and none when switched off', async () => {
    await fakeBrowser.storage.local.set({
      [REMINDER_SETTINGS_KEY]: { reminderHour: 9, quietHoursEnabled: true, quietStartMinute: 8 * 60, quietEndMinute: 10 * 60, extraLeadDays: [] },
    });
    await saveAgreement({ ...base, lender: 'A', dueDate: '2026-11-21' }, { now: at('2026-11-20', 12) });
    expect((await reconcile(at('2026-11-21', 9, 5))).shown).toBe(0);
    expect(await nextAlarm()).toBe(at('2026-11-21', 10));
    await fakeBrowser.storage.local.set({ [REMINDER_SETTINGS_KEY]: { quietHoursEnabled: false, extraLeadDays: [] } });
    expect((await reconcile(at('2026-11-21', 9, 6))).shown).toBe(1);
  });
});

async function reminderAgreement(): Promise<string | undefined> {
  const { listAgreements } = await import('../db/agreements');
  return (await listAgreements())[0]?.id;
}

describe('reconcile: overdue payments repeat daily', () => {
  it('once a day at the reminder hour until marked done', async () => {
    const agreement = await saveAgreement({ ...base, lender: '花呗', dueDate: '2026-11-21' }, { now: at('2026-11-20', 12) });
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    expect((await reconcile(at('2026-11-21', 9))).shown).toBe(1);
    expect(await nextAlarm()).toBe(at('2026-11-22', 9));
    expect((await reconcile(at('2026-11-21', 18))).shown).toBe(0);
    const day2 = await Promise.all([reconcile(at('2026-11-22', 9)), reconcile(at('2026-11-22', 9, 1))]);
    expect(day2.map((r) => r.shown).sort()).toEqual([0, 1]);
    expect((await reconcile(at('2026-11-22', 23, 59))).shown).toBe(0);
    expect((await reconcile(at('2026-11-23', 9))).shown).toBe(1);
    expect(create.mock.calls.map((call: unknown[]) => titleOf(call[1]))).toEqual(['花呗：今天到期', '花呗：已逾期1天', '花呗：已逾期2天']);

    const reminderId = await reminderOfNotification(`${NOTIFICATION_PREFIX}${agreement.id}`);
    expect(reminderId).toBe(`${agreement.id}:pay:2026-11-21`);
    expect(await markReminderDone(reminderId ?? '', at('2026-11-23', 10))).toBe(true);
    expect((await reconcile(at('2026-11-24', 9))).shown).toBe(0);
    // The credit-report steps (4th day overdue) are separate reminders and still come.
    expect((await reconcile(at('2026-11-25', 9))).shown).toBe(2);
    expect((await reconcile(at('2026-11-26', 9))).shown).toBe(0);
  });

  it('editing an overdue agreement does not show the payment again the same day', async () => {
    const saved = await saveAgreement({ ...base, lender: '花呗', dueDate: '2026-11-21' }, { now: at('2026-11-20', 12) });
    expect((await reconcile(at('2026-11-22', 9))).shown).toBe(1);
    await saveAgreement({ ...base, lender: '花呗（改）', dueDate: '2026-11-21' }, { now: at('2026-11-22', 10), id: saved.id });
    expect((await reconcile(at('2026-11-22', 10, 1), 'data-changed')).shown).toBe(0);
    expect((await reconcile(at('2026-11-23', 9))).shown).toBe(1);
  });
});

describe('reconcile: snooze and buttons', () => {
  it('snooze 1 h shows it again an hour later, once; tomorrow at the reminder hour too', async () => {
    const agreement = await saveAgreement({ ...base, lender: '白条', dueDate: '2026-12-20' }, { now: at('2026-12-12', 12) });
    const shownAt = at('2026-12-13', 9);
    expect((await reconcile(shownAt)).shown).toBe(1); // contact the lender, 7 days before
    const id = (await reminderOfNotification(`${NOTIFICATION_PREFIX}${agreement.id}`)) ?? '';
    expect(id).toBe(`${agreement.id}:contact-lender-if-short:2026-12-13`);
    const notification = fakeBrowser.notifications.getAllCreateOptions()[`${NOTIFICATION_PREFIX}${agreement.id}`];
    expect(notification?.buttons?.map((b) => b.title)).toEqual(['已处理', '1小时后再提醒']);

    const snoozedAt = at('2026-12-13', 9, 10);
    expect(await snoozeReminderFor(id, 'hour', snoozedAt)).toBe(snoozedAt + 3_600_000);
    expect((await reconcile(snoozedAt + 1)).nextFireAt).toBe(snoozedAt + 3_600_000);
    expect((await reconcile(snoozedAt + 3_599_000)).shown).toBe(0);
    expect((await reconcile(snoozedAt + 3_600_000)).shown).toBe(1);
    expect((await reconcile(snoozedAt + 3_700_000)).shown).toBe(0);

    expect(await snoozeReminderFor(id, 'tomorrow', at('2026-12-13', 11))).toBe(at('2026-12-14', 9));
    expect((await reconcile(at('2026-12-14', 8, 59))).shown).toBe(0);
    expect((await reconcile(at('2026-12-14', 9))).shown).toBe(1);
    expect(await snoozeReminderFor('gone', 'hour', at('2026-12-14', 9))).toBeNull();
  });

  it('never holds more than the next-due alarm and the sweep', async () => {
    const now = at('2026-11-21', 10);
    for (let i = 0; i < 30; i += 1) {
      await saveAgreement({ ...base, lender: `L${i}`, dueDate: `2026-11-${String((i % 9) + 21).padStart(2, '0')}` }, { now });
    }
    for (const hour of [10, 11, 23]) await reconcile(at('2026-11-22', hour));
    expect((await fakeBrowser.alarms.getAll()).map((a) => a.name).sort()).toEqual([ALARM_NEXT_DUE, 'sweep']);
  });
});
