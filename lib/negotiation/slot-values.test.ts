import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { lockForTest, unlockedForTest } from '../keys/test-support';
import { LockedError } from '../keys/state';
import { resealStorage } from '../keys/sealed-storage';
import { loadTypedValues, saveTypedValues, valuesFromAgreement } from './slot-values';

describe('script figures', () => {
  it('takes what the agreement knows', () => {
    const agreement = { id: 'a', lender: '借呗', kind: 'installment' as const, amountFen: 3_600_000, dueDate: '2026-12-10', createdAt: 0, updatedAt: 0 };
    expect(valuesFromAgreement(agreement, 'zh-CN')).toEqual({ lender: '借呗', owed: '¥36,000.00', dueDate: '2026-12-10' });
    expect(valuesFromAgreement(undefined, 'en')).toEqual({});
  });

  it('remembers typed figures per agreement and ignores a damaged entry', async () => {
    await saveTypedValues('a', { monthly: '¥1,500', event: '公司裁员' });
    expect(await loadTypedValues('a')).toEqual({ monthly: '¥1,500', event: '公司裁员' });
    expect(await loadTypedValues('b')).toEqual({});
    await fakeBrowser.storage.local.set({ 'scriptValues:c': { monthly: 42 } });
    expect(await loadTypedValues('c')).toEqual({});
  });
});

describe('script figures with the lock on', () => {
  it('are stored sealed, read back, and refused while locked', async () => {
    await unlockedForTest();
    await saveTypedValues('a', { monthly: '¥1,500', event: '公司裁员' });
    const stored = JSON.stringify(await (await openDatabase()).getAll('scriptState'));
    expect(stored).not.toContain('公司裁员');
    expect(stored).not.toContain('1,500');
    expect(await loadTypedValues('a')).toEqual({ monthly: '¥1,500', event: '公司裁员' });
    await lockForTest();
    await expect(loadTypedValues('a')).rejects.toBeInstanceOf(LockedError);
    await expect(saveTypedValues('a', { monthly: '1' })).rejects.toBeInstanceOf(LockedError);
  });

  it('figures kept in extension storage before the lock are sealed there when it turns on, and read once unlocked', async () => {
    await fakeBrowser.storage.local.set({ 'scriptValues:a': { event: '生病住院' } });
    const key = await unlockedForTest();
    await resealStorage(['scriptValues:'], null, key);
    expect(JSON.stringify(await fakeBrowser.storage.local.get('scriptValues:a'))).not.toContain('生病住院');
    // Read once, they move into the database, sealed like the records.
    expect(await loadTypedValues('a')).toEqual({ event: '生病住院' });
    expect(await fakeBrowser.storage.local.get('scriptValues:a')).toEqual({});
    expect(JSON.stringify(await (await openDatabase()).getAll('scriptState'))).not.toContain('生病住院');
  });
});

describe('script figures when the lock is turned on and off', () => {
  it('are sealed with the records, and opened again', async () => {
    const { turnOnLock, turnOffLock } = await import('../lock/actions');
    await saveTypedValues('a', { event: '失业三个月' });
    await turnOnLock('a long enough passphrase', 15, Date.now(), { unsafeTestIterations: 1_000 });
    const rows = async () => JSON.stringify(await (await openDatabase()).getAll('scriptState'));
    expect(await rows()).not.toContain('失业三个月');
    expect(await loadTypedValues('a')).toEqual({ event: '失业三个月' });
    expect(await turnOffLock('a long enough passphrase', Date.now(), { unsafeTestIterations: 1_000 })).toEqual({ ok: true });
    expect(await rows()).toContain('失业三个月');
  });
});

describe('checklist ticks', () => {
  it('are kept per agreement', async () => {
    const { loadTicks, saveTicks } = await import('./ticks');
    await saveTicks('a', ['calm', 'agent']);
    expect(await loadTicks('a')).toEqual(['calm', 'agent']);
    expect(await loadTicks('b')).toEqual([]);
  });
});
