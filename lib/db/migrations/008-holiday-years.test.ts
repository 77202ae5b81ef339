import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import type { RepayDbSchema } from '../rows';
import { runMigrations } from './index';

const upgrade = (name: string, version: number) =>
  openDB<RepayDbSchema>(name, version, {
    upgrade: (d, oldVersion, newVersion, tx) => runMigrations(d, oldVersion, newVersion ?? version, tx),
  });

describe('migration 008: holiday years', () => {
  it('upgrades a v7 database: adds an empty holidayYears store keyed by id, keeps every agreement', async () => {
    const v7 = await upgrade('m008', 7);
    const agreement = { id: 'a1', lender: '借呗', kind: 'settlement', amountFen: 100, dueDate: '2027-01-04', createdAt: 1, updatedAt: 1, rev: 'r' } as const;
    await v7.put('agreements', agreement);
    expect([...v7.objectStoreNames]).not.toContain('holidayYears');
    v7.close();

    const v8 = await upgrade('m008', 8);
    expect(v8.version).toBe(8);
    expect([...v8.objectStoreNames]).toContain('holidayYears');
    expect(v8.transaction('holidayYears').store.keyPath).toBe('id');
    expect(await v8.getAll('holidayYears')).toEqual([]);
    expect(await v8.getAll('agreements')).toEqual([agreement]);
    v8.close();
  });

  it('creates the whole v8 schema from nothing', async () => {
    const db = await upgrade('m008-fresh', 8);
    expect([...db.objectStoreNames].sort()).toEqual(
      ['agreements', 'attachments', 'holidayYears', 'meta', 'notes', 'payments', 'reminders', 'scriptState', 'sessionNotes', 'sessions', 'sync', 'tombstones'].sort(),
    );
    db.close();
  });
});
