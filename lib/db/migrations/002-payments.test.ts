import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import type { RepayDbSchema } from '../schema';
import { runMigrations } from './index';

const upgrade = (name: string, version: number) =>
  openDB<RepayDbSchema>(name, version, {
    upgrade: (d, oldVersion, newVersion, tx) => runMigrations(d, oldVersion, newVersion ?? version, tx),
  });

describe('migration 002: payments', () => {
  it('upgrades a v1 database: adds the payments store, keeps every agreement, reminder and note', async () => {
    const v1 = await upgrade('m002', 1);
    expect([...v1.objectStoreNames].sort()).toEqual(['agreements', 'notes', 'reminders']);
    const agreement = { id: 'a1', lender: '借呗', kind: 'extension', amountFen: 123_456, dueDate: '2026-12-01', createdAt: 1, updatedAt: 2 } as const;
    const reminder = {
      id: 'a1:pay:2026-12-01',
      agreementId: 'a1',
      code: 'pay',
      dueDate: '2026-12-01',
      fireDate: '2026-12-01',
      provisional: false,
      fireAt: 1_800_000_000_000,
      pending: 0,
      notifiedAt: 1_700_000_000_000,
    } as const;
    const note = { id: 'a1', text: '客服工号 A123', updatedAt: 3 };
    await v1.put('agreements', agreement);
    await v1.put('reminders', reminder);
    await v1.put('notes', note);
    v1.close();

    const v2 = await upgrade('m002', 2);
    expect(v2.version).toBe(2);
    expect([...v2.objectStoreNames].sort()).toEqual(['agreements', 'notes', 'payments', 'reminders']);
    expect(await v2.getAll('agreements')).toEqual([agreement]);
    expect(await v2.getAll('reminders')).toEqual([reminder]);
    expect(await v2.getAll('notes')).toEqual([note]);
    // The old indexes still answer.
    expect(await v2.getAllFromIndex('reminders', 'by-pending-fireAt', IDBKeyRange.bound([0, 0], [0, Infinity]))).toHaveLength(1);
    expect(await v2.countFromIndex('agreements', 'by-dueDate', '2026-12-01')).toBe(1);

    const tx = v2.transaction('payments');
    expect([...tx.objectStore('payments').indexNames]).toEqual(['by-agreement']);
    expect(tx.objectStore('payments').index('by-agreement').keyPath).toBe('agreementId');
    expect(await v2.getAll('payments')).toEqual([]);
    v2.close();
  });

  it('creates the whole v2 schema from nothing', async () => {
    const db = await upgrade('m002-fresh', 2);
    expect([...db.objectStoreNames].sort()).toEqual(['agreements', 'notes', 'payments', 'reminders']);
    db.close();
  });
});
