import { openDB, unwrap } from 'idb';
import { describe, expect, it } from 'vitest';
import { countDueOnOrBefore } from '../agreements';
import { DB_NAME, openDatabase } from '../database';
import type { RepayDbSchema } from '../schema';
import { runMigrations } from './index';

const upgrade = (name: string, version: number) =>
  openDB<RepayDbSchema>(name, version, {
    upgrade: (d, oldVersion, newVersion, tx) => runMigrations(d, oldVersion, newVersion ?? version, tx),
  });

const agreement = (id: string, amountFen: number) => ({ id, lender: '借呗', kind: 'settlement', amountFen, dueDate: '2026-12-15', createdAt: 1, updatedAt: 2 }) as const;
const payment = (id: string, agreementId: string, amountFen: number) =>
  ({ id, agreementId, dueDate: '2026-12-15', paidOn: '2026-12-01', amountFen, coverage: 'partial', recordedAt: 3 }) as const;

describe('migration 005: the lock', () => {
  it('upgrades a v4 database with every record as it was', async () => {
    const v4 = await upgrade('m005', 4);
    await v4.put('agreements', agreement('paid', 100_000));
    await v4.put('payments', payment('p1', 'paid', 100_000));
    v4.close();
    const v5 = await upgrade('m005', 5);
    expect(v5.version).toBe(5);
    expect(await v5.getAll('agreements')).toEqual([agreement('paid', 100_000)]);
    expect(await v5.getAll('payments')).toEqual([payment('p1', 'paid', 100_000)]);
    v5.close();
  });

  it('an older build meets a version-5 database with its "newer version" refusal, and changes nothing', async () => {
    const v5 = await upgrade(DB_NAME, 5);
    // A sealed row as version 5 writes it (the envelope's content does not matter here).
    unwrap(v5).transaction('agreements', 'readwrite').objectStore('agreements').put({ ...agreement('a', 1), sealed: { v: 1 } });
    v5.close();
    // What a version-4 build does when it opens the database (lib/db/database.ts turns it into DatabaseTooNewError).
    await expect(openDB(DB_NAME, 4)).rejects.toMatchObject({ name: 'VersionError' });
    const again = await openDatabase();
    expect(await again.count('agreements')).toBe(1);
  });

  it('the badge judges an agreement saved before the flag existed from its payments', async () => {
    const v4 = await upgrade(DB_NAME, 4);
    await v4.put('agreements', agreement('paid', 100_000));
    await v4.put('agreements', agreement('open', 100_000));
    await v4.put('payments', payment('p1', 'paid', 100_000));
    v4.close();
    expect(await countDueOnOrBefore('2026-12-31')).toBe(1);
  });
});
