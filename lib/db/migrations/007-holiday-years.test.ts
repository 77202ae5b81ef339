import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import type { RepayDbSchema } from '../rows';
import { runMigrations } from './index';

const upgrade = (name: string, version: number) =>
  openDB<RepayDbSchema>(name, version, {
    upgrade: (d, oldVersion, newVersion, tx) => runMigrations(d, oldVersion, newVersion ?? version, tx),
  });

describe('migration 007: holiday years', () => {
  it('upgrades a v6 database: adds an empty holidayYears store keyed by id, keeps every agreement', async () => {
    const v6 = await upgrade('m007', 6);
    const agreement = { id: 'a1', lender: '借呗', kind: 'settlement', amountFen: 100, dueDate: '2027-01-04', createdAt: 1, updatedAt: 1, rev: 'r' } as const;
    await v6.put('agreements', agreement);
    expect([...v6.objectStoreNames]).not.toContain('holidayYears');
    v6.close();

    const v7 = await upgrade('m007', 7);
    expect(v7.version).toBe(7);
    expect([...v7.objectStoreNames]).toContain('holidayYears');
    expect(v7.transaction('holidayYears').store.keyPath).toBe('id');
    expect(await v7.getAll('holidayYears')).toEqual([]);
    expect(await v7.getAll('agreements')).toEqual([agreement]);
    v7.close();
  });

  it('creates the whole v7 schema from nothing', async () => {
    const db = await upgrade('m007-fresh', 7);
    expect([...db.objectStoreNames].sort()).toEqual(
      ['agreements', 'attachments', 'holidayYears', 'meta', 'notes', 'payments', 'reminders', 'scriptState', 'sessionNotes', 'sessions', 'tombstones'].sort(),
    );
    db.close();
  });
});
