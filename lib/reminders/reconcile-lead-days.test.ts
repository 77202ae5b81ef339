import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getAgreement } from '../db/agreements';
import { listRemindersFor } from '../db/reminders';
import { replanAllAgreements } from '../db/replan-all';
import { saveAgreement } from '../db/save-agreement';
import { localInstant } from '../domain/dates';
import { DEFAULT_REMINDER_SETTINGS, saveReminderSettings } from '../settings/reminder-settings';
import { NOTIFICATION_PREFIX, reconcile, SUMMARY_NOTIFICATION_ID } from './reconcile';

const at = (day: string, hour: number, minute = 0) => localInstant(day, hour, minute);
// Due Monday 2026-11-30: contact the lender 11-23, deposit from 11-25, transfer Friday 11-27
// (48 h before is a Saturday), pay 11-30.
const fields = { lender: '借呗', kind: 'settlement' as const, amountFen: 2_000_00, dueDate: '2026-11-30' };

function shown() {
  return fakeBrowser.notifications.getAllCreateOptions();
}

describe('extra reminders before a due date, from saving to the notification', () => {
  it('plans the settings’ lead days, skips a day taken by a milestone, and shows each on its day', async () => {
    await saveReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, quietHoursEnabled: false, extraLeadDays: [4, 3, 1] });
    const saved = await saveAgreement(fields, { now: at('2026-11-20', 10) });
    const reminders = await listRemindersFor(saved.id);
    // 3 days before is Friday 11-27, the transfer day: one notification that day, not two.
    expect(reminders.filter((r) => r.code === 'due-soon').map((r) => [r.id, r.fireDate])).toEqual([
      [`${saved.id}:due-soon:2026-11-30:4`, '2026-11-26'],
      [`${saved.id}:due-soon:2026-11-30:1`, '2026-11-29'],
    ]);
    // Each day at the reminder hour, what is shown: never two on one day.
    const byDay: [string, string[]][] = [];
    for (let day = 21; day <= 30; day += 1) {
      const now = at(`2026-11-${day}`, 9);
      await reconcile(now);
      const codes = (await listRemindersFor(saved.id)).filter((r) => r.notifiedAt === now).map((r) => r.code);
      if (codes.length > 0) byDay.push([`11-${day}`, codes]);
    }
    expect(byDay).toEqual([
      ['11-23', ['contact-lender-if-short']],
      ['11-25', ['deposit-and-check-debit']],
      ['11-26', ['due-soon']],
      ['11-27', ['transfer-by']],
      ['11-29', ['due-soon']],
      ['11-30', ['pay']],
    ]);
    expect(shown()[`${NOTIFICATION_PREFIX}${saved.id}`]?.title).toBe('借呗：今天到期');
  });

  it('exactly one missed while the browser was closed: shown as itself, with its own words', async () => {
    await saveReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, quietHoursEnabled: false, extraLeadDays: [4] });
    const saved = await saveAgreement(fields, { now: at('2026-11-20', 10) });
    expect((await reconcile(at('2026-11-23', 9))).shown).toBe(1);
    expect((await reconcile(at('2026-11-25', 9))).shown).toBe(1);
    fakeBrowser.notifications.resetState();
    // Closed from the 25th until the evening of the 26th: the 4-days-before reminder was missed.
    expect((await reconcile(at('2026-11-26', 18), 'start')).shown).toBe(1);
    expect(Object.keys(shown())).toEqual([`${NOTIFICATION_PREFIX}${saved.id}`]);
    expect(shown()[`${NOTIFICATION_PREFIX}${saved.id}`]).toMatchObject({
      title: '借呗：还有4天到期',
      message: '请在2026-11-30当天或之前向借呗还款¥2,000.00。',
    });
  });

  it('several missed while the browser was closed: one summary that says so', async () => {
    await saveReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, quietHoursEnabled: false, extraLeadDays: [4] });
    const saved = await saveAgreement(fields, { now: at('2026-11-20', 10) });
    expect((await reconcile(at('2026-11-23', 9))).shown).toBe(1);
    fakeBrowser.notifications.resetState();
    // Closed from the 23rd to the evening of the 27th: deposit (25th), 4 days before (26th), transfer
    // (27th). The extra reminder adds nothing to the two steps of the same payment shown with it.
    expect((await reconcile(at('2026-11-27', 18), 'start')).shown).toBe(2);
    expect(Object.keys(shown())).toEqual([SUMMARY_NOTIFICATION_ID]);
    expect(shown()[SUMMARY_NOTIFICATION_ID]?.title).toBe('浏览器关闭期间，有2件事需要你处理');
    // Claimed all the same: it never comes later.
    const soon = (await listRemindersFor(saved.id)).find((r) => r.code === 'due-soon');
    expect(soon).toMatchObject({ pending: 0, notifiedAt: at('2026-11-27', 18) });
    expect((await reconcile(at('2026-11-28', 9))).shown).toBe(0);
  });

  it('a payment missed together with its extra reminders: shown as itself, once', async () => {
    await saveReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, quietHoursEnabled: false, extraLeadDays: [4, 1] });
    const saved = await saveAgreement(fields, { now: at('2026-11-20', 10) });
    await reconcile(at('2026-11-27', 9));
    fakeBrowser.notifications.resetState();
    // Closed from the 27th to the evening of the 30th: 1 day before (29th) and the day itself.
    expect((await reconcile(at('2026-11-30', 18), 'start')).shown).toBe(1);
    expect(Object.keys(shown())).toEqual([`${NOTIFICATION_PREFIX}${saved.id}`]);
    expect(shown()[`${NOTIFICATION_PREFIX}${saved.id}`]?.title).toBe('借呗：今天到期');
  });

  it('only extra reminders of one due date missed: the latest one says it', async () => {
    await saveReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, quietHoursEnabled: false, extraLeadDays: [12, 11] });
    const other = await saveAgreement({ ...fields, lender: '花呗', dueDate: '2026-12-20' }, { now: at('2026-12-01', 10) });
    expect((await listRemindersFor(other.id)).filter((r) => r.code === 'due-soon').map((r) => r.fireDate)).toEqual(['2026-12-08', '2026-12-09']);
    await reconcile(at('2026-12-07', 9));
    fakeBrowser.notifications.resetState();
    expect((await reconcile(at('2026-12-09', 18), 'start')).shown).toBe(1);
    expect(shown()[`${NOTIFICATION_PREFIX}${other.id}`]?.title).toBe('花呗：还有11天到期');
  });

  it('a new list in the settings re-plans every agreement, keeping what was shown shown', async () => {
    await saveReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, quietHoursEnabled: false, extraLeadDays: [4] });
    const saved = await saveAgreement(fields, { now: at('2026-11-20', 10) });
    await reconcile(at('2026-11-26', 9));
    const before = (await listRemindersFor(saved.id)).find((r) => r.code === 'due-soon');
    expect(before).toMatchObject({ fireDate: '2026-11-26', pending: 0, notifiedAt: at('2026-11-26', 9) });

    await saveReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, quietHoursEnabled: false, reminderHour: 8, extraLeadDays: [4, 1] });
    expect(await replanAllAgreements({ now: at('2026-11-26', 10) })).toBe(1);
    const after = (await listRemindersFor(saved.id)).filter((r) => r.code === 'due-soon');
    expect(after.map((r) => [r.fireDate, r.pending, r.notifiedAt])).toEqual([
      ['2026-11-26', 0, at('2026-11-26', 9)],
      ['2026-11-29', 1, null],
    ]);
    expect(after[1]?.fireAt).toBe(at('2026-11-29', 8));
    expect((await reconcile(at('2026-11-26', 11))).shown).toBe(0);

    await saveReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, quietHoursEnabled: false, extraLeadDays: [] });
    await replanAllAgreements({ now: at('2026-11-26', 12) });
    expect((await listRemindersFor(saved.id)).filter((r) => r.code === 'due-soon')).toEqual([]);
  });
});

describe('reminders switched off for one agreement', () => {
  it('removes its pending reminders at save, shows nothing, and still counts it on the badge', async () => {
    await saveReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, quietHoursEnabled: false });
    const now = at('2026-11-20', 10);
    const saved = await saveAgreement({ ...fields, dueDate: '2026-11-21' }, { now });
    expect((await listRemindersFor(saved.id)).length).toBeGreaterThan(0);

    await saveAgreement({ ...fields, dueDate: '2026-11-21', reminders: { off: true } }, { now: now + 1000, id: saved.id });
    expect(await listRemindersFor(saved.id)).toEqual([]);
    // An edit from a form that does not show the reminder fields keeps them off.
    await saveAgreement({ ...fields, lender: '借呗（改）', dueDate: '2026-11-21' }, { now: now + 2000, id: saved.id });
    expect((await getAgreement(saved.id))?.reminders).toEqual({ off: true });
    expect(await listRemindersFor(saved.id)).toEqual([]);
    // Re-planning after a settings change does not bring them back.
    await replanAllAgreements({ now: now + 3000 });
    expect(await listRemindersFor(saved.id)).toEqual([]);

    expect((await reconcile(at('2026-11-21', 9), 'start')).shown).toBe(0);
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');

    // Switched back on: planned again from today.
    await saveAgreement({ ...fields, dueDate: '2026-11-21', reminders: {} }, { now: at('2026-11-21', 9, 30), id: saved.id });
    expect((await listRemindersFor(saved.id)).map((r) => r.code)).toEqual(['pay', 'check-credit-report', 'credit-report-risk']);
  });
});
