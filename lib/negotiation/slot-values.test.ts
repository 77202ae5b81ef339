import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
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

describe('checklist ticks', () => {
  it('are kept per agreement', async () => {
    const { loadTicks, saveTicks } = await import('./ticks');
    await saveTicks('a', ['calm', 'agent']);
    expect(await loadTicks('a')).toEqual(['calm', 'agent']);
    expect(await loadTicks('b')).toEqual([]);
  });
});
