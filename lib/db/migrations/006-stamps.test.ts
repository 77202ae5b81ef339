import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { parseRev } from '../hlc';
import type { RepayDbSchema } from '../rows';
import { saveAgreement } from '../save-agreement';
import { DB_NAME, openDatabase } from '../database';
import { runMigrations } from './index';

const upgrade = (name: string, version: number) =>
  openDB<RepayDbSchema>(name, version, {
    upgrade: (d, oldVersion, newVersion, tx) => runMigrations(d, oldVersion, newVersion ?? version, tx),
  });

const T = Date.UTC(2026, 10, 1);
const agreement = (id: string, updatedAt: number) => ({ id, lender: '借呗', kind: 'settlement', amountFen: 100, dueDate: '2026-12-15', createdAt: 1, updatedAt }) as const;

describe('migration 006: stamps and tombstones', () => {
  it('gives the profile a device id and every old row a stamp from when it last changed, sealed rows included', async () => {
    const v5 = await upgrade(DB_NAME, 5);
    await v5.put('agreements', agreement('plain', T));
    // A sealed row keeps its times in plaintext: no key is needed to stamp it.
    await v5.put('agreements', { id: 'sealed', dueDate: '2026-12-20', createdAt: 1, updatedAt: T + 5_000, sealed: { v: 1, alg: 'AES-GCM-256', iv: 'x', ct: 'y' } });
    await v5.put('payments', { id: 'p', agreementId: 'plain', dueDate: '2026-12-15', paidOn: '2026-11-02', amountFen: 50, coverage: 'partial', recordedAt: T + 1_000 });
    v5.close();

    const db = await openDatabase();
    const device = await db.get('meta', 'device');
    expect(device?.key === 'device' && /^[0-9a-f]{16}$/.test(device.id)).toBe(true);
    const revs = await Promise.all([db.get('agreements', 'plain'), db.get('agreements', 'sealed'), db.get('payments', 'p')]);
    expect(revs.map((row) => parseRev(row?.rev)?.wall)).toEqual([T, T + 5_000, T + 1_000]);
    expect(new Set(revs.map((row) => parseRev(row?.rev)?.device))).toEqual(new Set([device?.key === 'device' ? device.id : '']));
    // The sealed row is otherwise untouched.
    expect(await db.get('agreements', 'sealed')).toMatchObject({ sealed: { v: 1, alg: 'AES-GCM-256', iv: 'x', ct: 'y' } });
    expect(await db.count('tombstones')).toBe(0);
  });

  it('starts the clock after the latest old row, so the next change is stamped later even with the wall clock behind', async () => {
    const v5 = await upgrade(DB_NAME, 5);
    await v5.put('agreements', agreement('old', T + 86_400_000));
    v5.close();
    const saved = await saveAgreement({ lender: '花呗', kind: 'extension', amountFen: 100, dueDate: '2026-12-01' }, { now: T, hour: 9 });
    const db = await openDatabase();
    const [old, fresh] = await Promise.all([db.get('agreements', 'old'), db.get('agreements', saved.id)]);
    expect(String(fresh?.rev) > String(old?.rev)).toBe(true);
  });

  it('gives each profile its own device id', async () => {
    const a = await upgrade('profile-a', 6);
    const b = await upgrade('profile-b', 6);
    const [da, dbb] = await Promise.all([a.get('meta', 'device'), b.get('meta', 'device')]);
    expect(da).toBeDefined();
    expect(da).not.toEqual(dbb);
    a.close();
    b.close();
  });
});
