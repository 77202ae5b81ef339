import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_NAME, openDatabase } from '../database';
import type { RepayDbSchema } from '../rows';
import { runMigrations } from './index';

const upgrade = (name: string, version: number) =>
  openDB<RepayDbSchema>(name, version, {
    upgrade: (d, oldVersion, newVersion, tx) => runMigrations(d, oldVersion, newVersion ?? version, tx),
  });

const agreement = { id: 'a1', lender: '借呗', kind: 'settlement', amountFen: 100, dueDate: '2026-12-15', createdAt: 1, updatedAt: 2, rev: '2026-11-01T00:00:00.000Z-0000-0123456789abcdef' } as const;

describe('migration 007: sync bookkeeping', () => {
  it('adds an empty sync store and leaves every version-6 row, stamp and tombstone as it was', async () => {
    const v6 = await upgrade(DB_NAME, 6);
    await v6.put('agreements', agreement);
    await v6.put('tombstones', { key: 'payments/p1', store: 'payments', id: 'p1', rev: agreement.rev });
    const meta = await v6.getAll('meta');
    v6.close();

    const db = await openDatabase();
    expect(db.objectStoreNames.contains('sync')).toBe(true);
    expect(await db.count('sync')).toBe(0);
    expect(await db.getAll('agreements')).toEqual([agreement]);
    expect(await db.getAll('tombstones')).toEqual([{ key: 'payments/p1', store: 'payments', id: 'p1', rev: agreement.rev }]);
    expect(await db.getAll('meta')).toEqual(meta);
  });
});
