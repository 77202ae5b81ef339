import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDatabase } from '../db/database';
import { deleteAgreement } from '../db/delete-agreements';
import { saveAgreement } from '../db/save-agreement';
import { exportBackup } from '../backup/export';
import { localInstant } from '../domain/dates';
import { loadTicks, saveTicks, sessionChecklistScope } from './ticks';
import { loadTypedValues, saveTypedValues } from './slot-values';

const NOW = localInstant('2026-11-20', 10);

describe('the script tab\u2019s state, kept with the records', () => {
  it('keeps typed figures per agreement and ticks per session in the database, each without touching the other', async () => {
    await saveTypedValues('a1', { monthly: '¥1,500', periods: '12' }, NOW);
    await saveTicks(sessionChecklistScope('s1'), ['stay-calm', 'ask-writing'], NOW);
    await saveTypedValues('a1', { monthly: '¥1,200' }, NOW + 1);
    expect(await loadTypedValues('a1', NOW)).toEqual({ monthly: '¥1,200' });
    expect(await loadTicks(sessionChecklistScope('s1'), NOW)).toEqual(['stay-calm', 'ask-writing']);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('moves what extension storage kept before version 6 into the database on first read', async () => {
    await fakeBrowser.storage.local.set({ 'scriptValues:a2': { event: '工资晚发' }, 'checklist:session:s2': ['stay-calm'] });
    expect(await loadTypedValues('a2', NOW)).toEqual({ event: '工资晚发' });
    expect(await loadTicks(sessionChecklistScope('s2'), NOW)).toEqual(['stay-calm']);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await (await openDatabase()).count('scriptState')).toBe(2);
    // And stays there.
    expect(await loadTypedValues('a2', NOW)).toEqual({ event: '工资晚发' });
  });

  it('is carried by backups, and goes with its agreement', async () => {
    const a = await saveAgreement({ lender: '借呗', kind: 'extension', amountFen: 100_000, dueDate: '2026-12-15' }, { now: NOW, hour: 9 });
    await saveTypedValues(a.id, { monthly: '¥800' }, NOW);
    const backup = await exportBackup(NOW);
    expect(backup.stores.scriptState).toEqual([{ id: a.id, figures: { monthly: '¥800' }, updatedAt: NOW }]);
    await deleteAgreement(a.id, NOW + 1);
    expect(await loadTypedValues(a.id, NOW)).toEqual({});
    expect((await (await openDatabase()).getAll('tombstones')).map((t) => t.key)).toContain(`scriptState/${a.id}`);
  });
});
