import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError, DB_NAME, openDatabase } from '../database';
import type { RepayDbSchema } from '../schema';
import { runMigrations } from './index';

const upgrade = (name: string, version: number) =>
  openDB<RepayDbSchema>(name, version, {
    upgrade: (d, oldVersion, newVersion, tx) => runMigrations(d, oldVersion, newVersion ?? version, tx),
  });

const agreement = (id: string, amountFen: number) => ({ id, lender: '借呗', kind: 'settlement', amountFen, dueDate: '2026-12-15', createdAt: 1, updatedAt: 2 }) as const;
const payment = (id: string, agreementId: string, amountFen: number) =>
  ({ id, agreementId, dueDate: '2026-12-15', paidOn: '2026-12-01', amountFen, coverage: 'partial', recordedAt: 3 }) as const;

describe('migration 005: the settled flag', () => {
  it('upgrades a v4 database: each agreement says whether it is paid, everything else stays', async () => {
    const v4 = await upgrade('m005', 4);
    await v4.put('agreements', agreement('paid', 100_000));
    await v4.put('agreements', agreement('half', 100_000));
    await v4.put('agreements', agreement('none', 100_000));
    // A record no rule can judge (an older bug) does not block the upgrade.
    await v4.put('agreements', { id: 'broken', lender: 'x' } as never);
    for (const p of [payment('p1', 'paid', 60_000), payment('p2', 'paid', 40_000), payment('p3', 'half', 50_000)]) await v4.put('payments', p);
    v4.close();

    const v5 = await upgrade('m005', 5);
    expect(v5.version).toBe(5);
    const rows = Object.fromEntries((await v5.getAll('agreements')).map((row) => [row.id, row as unknown as Record<string, unknown>]));
    expect(rows.paid).toEqual({ ...agreement('paid', 100_000), settled: 1 });
    expect(rows.half).toEqual({ ...agreement('half', 100_000), settled: 0 });
    expect(rows.none).toEqual({ ...agreement('none', 100_000), settled: 0 });
    expect(rows.broken).toMatchObject({ id: 'broken', lender: 'x' });
    expect(await v5.count('payments')).toBe(3);
    v5.close();
  });

  it('an older build meets a version-5 database with its "newer version" refusal, and changes nothing', async () => {
    const v5 = await upgrade(DB_NAME, 5);
    await v5.put('agreements', { ...agreement('a', 1), sealed: { v: 1 } } as never);
    v5.close();
    // What a version-4 build does when it opens the database.
    await expect(openDB(DB_NAME, 4)).rejects.toMatchObject({ name: 'VersionError' });
    const again = await openDatabase();
    expect(await again.count('agreements')).toBe(1);
    expect(DatabaseTooNewError.name).toBe('DatabaseTooNewError');
  });
});
