import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveAgreement } from '../db/save-agreement';
import { lockForTest, unlockedForTest } from '../keys/test-support';
import { localInstant } from '../domain/dates';
import { ALARM_NEXT_DUE, ALARM_SWEEP } from '../browser/alarms';
import { reconcile, SUMMARY_NOTIFICATION_ID } from './reconcile';

const base = { kind: 'settlement' as const, amountFen: 880_00 };

describe('reconcile', () => {
  it('with nothing stored: no next alarm, the sweep only, an empty badge', async () => {
    const now = localInstant('2026-11-21', 10);
    expect(await reconcile(now)).toEqual({ shown: 0, nextFireAt: null });
    const alarms = await fakeBrowser.alarms.getAll();
    expect(alarms.map((a) => a.name)).toEqual([ALARM_SWEEP]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('arms the next-due alarm at the soonest pending reminder, never more than two alarms', async () => {
    const now = localInstant('2026-11-21', 10);
    for (let i = 0; i < 50; i += 1) {
      await saveAgreement({ ...base, lender: `L${i}`, dueDate: `2027-01-${String((i % 28) + 1).padStart(2, '0')}` }, { now });
    }
    await saveAgreement({ ...base, lender: 'soon', dueDate: '2026-11-26' }, { now });
    await reconcile(now);
    await reconcile(now);
    const alarms = await fakeBrowser.alarms.getAll();
    expect(alarms).toHaveLength(2);
    // 'soon' is in its deposit window already (shown now); its transfer-by day is next.
    expect((await fakeBrowser.alarms.get(ALARM_NEXT_DUE))?.scheduledTime).toBe(localInstant('2026-11-24', 9));
  });

  it('shows a due reminder once, with the lender and amount in the UI language', async () => {
    const now = localInstant('2026-11-21', 10);
    const a = await saveAgreement({ ...base, lender: '网商贷', dueDate: '2026-11-21' }, { now });
    expect((await reconcile(now)).shown).toBe(1);
    expect((await reconcile(now + 1000)).shown).toBe(0);
    const shown = fakeBrowser.notifications.getAllCreateOptions();
    expect(Object.keys(shown)).toEqual([`reminder:${a.id}`]);
    expect(shown[`reminder:${a.id}`]).toMatchObject({ title: '网商贷：今天到期', message: expect.stringContaining('¥880.00') });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
  });

  it('folds reminders missed while the browser was closed into one summary that says so', async () => {
    const saved = localInstant('2026-11-01', 10);
    await saveAgreement({ ...base, lender: 'A', dueDate: '2026-11-10' }, { now: saved });
    await saveAgreement({ ...base, lender: 'B', dueDate: '2026-11-12' }, { now: saved });
    const result = await reconcile(localInstant('2026-11-21', 10));
    // Every step of both due dates was missed: one notification says so. (The default extra
    // reminder the day before is claimed too, but adds nothing to the day itself shown with it.)
    expect(result.shown).toBe(12);
    const shown = fakeBrowser.notifications.getAllCreateOptions();
    expect(Object.keys(shown)).toEqual([SUMMARY_NOTIFICATION_ID]);
    expect(shown[SUMMARY_NOTIFICATION_ID]).toEqual(
      expect.objectContaining({ title: '浏览器关闭期间，有12件事需要你处理', message: 'A：¥880.00，已逾期11天\nB：¥880.00，已逾期9天' }),
    );
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
  });

  it('while locked, the summary names no lender and no amount', async () => {
    const saved = localInstant('2026-11-01', 10);
    await unlockedForTest(saved);
    await saveAgreement({ ...base, lender: 'A', dueDate: '2026-11-10' }, { now: saved });
    await saveAgreement({ ...base, lender: 'B', dueDate: '2026-11-12' }, { now: saved });
    await lockForTest();
    await reconcile(localInstant('2026-11-21', 10));
    const summary = fakeBrowser.notifications.getAllCreateOptions()[SUMMARY_NOTIFICATION_ID];
    expect(summary?.message).toBe('打开还款协商助手，查看要做什么、何时完成。');
  });
});
