import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PANEL_AGREEMENT_KEY, PANEL_SCRIPT_KEY } from '../browser/side-panel';
import { lockForTest, unlockedForTest } from '../keys/test-support';
import { LockedError } from '../keys/state';
import { AFFORDABLE_MONTHLY_KEY, loadAffordableMonthly, saveAffordableMonthly, handAskToChat } from './affordable-monthly';
import { loadTypedValues, saveTypedValues } from './slot-values';

describe('the monthly amount one can pay', () => {
  it('is remembered, and nothing is read from a damaged or missing entry', async () => {
    expect(await loadAffordableMonthly()).toBeNull();
    await saveAffordableMonthly(150_050);
    expect(await loadAffordableMonthly()).toBe(150_050);
    await fakeBrowser.storage.local.set({ [AFFORDABLE_MONTHLY_KEY]: { fen: 'a lot' } });
    expect(await loadAffordableMonthly()).toBeNull();
  });

  it('refuses what is not a positive amount in fen, keeping the last one', async () => {
    await saveAffordableMonthly(90_000);
    await expect(saveAffordableMonthly(0)).rejects.toThrow();
    await expect(saveAffordableMonthly(1.5)).rejects.toThrow();
    expect(await loadAffordableMonthly()).toBe(90_000);
  });

  it('is sealed with the lock on and refused while locked', async () => {
    await unlockedForTest();
    await saveAffordableMonthly(123_456);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(AFFORDABLE_MONTHLY_KEY))).not.toContain('123456');
    expect(await loadAffordableMonthly()).toBe(123_456);
    await lockForTest();
    await expect(loadAffordableMonthly()).rejects.toBeInstanceOf(LockedError);
  });
});

describe('use in the chat', () => {
  it('puts the monthly figure and the periods into the agreement’s script figures, keeping the others, then asks the panel for the installments script', async () => {
    await saveTypedValues('a1', { event: '公司裁员', monthly: '¥9' }, 1);
    await handAskToChat('a1', { monthly: '¥250.00', periods: '12' }, 2);
    expect(await loadTypedValues('a1', 3)).toEqual({ event: '公司裁员', monthly: '¥250.00', periods: '12' });
    expect(await fakeBrowser.storage.local.get([PANEL_AGREEMENT_KEY, PANEL_SCRIPT_KEY])).toEqual({
      [PANEL_AGREEMENT_KEY]: 'a1',
      [PANEL_SCRIPT_KEY]: 'installments',
    });
  });

  it('tells the panel nothing when the figures cannot be saved (locked)', async () => {
    await unlockedForTest();
    await lockForTest();
    await expect(handAskToChat('a1', { monthly: '¥250.00', periods: '12' }, 2)).rejects.toBeInstanceOf(LockedError);
    expect(await fakeBrowser.storage.local.get([PANEL_AGREEMENT_KEY, PANEL_SCRIPT_KEY])).toEqual({});
  });
});
