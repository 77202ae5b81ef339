import { openDB, unwrap } from 'idb';
import { describe, expect, it } from 'vitest';
import { sessionNoteRecordSchema, sessionRecordSchema } from '../sessions';
import type { RepayDbSchema } from '../schema';
import { migratedSessionId } from './003-sessions';
import { runMigrations } from './index';

const upgrade = (name: string, version: number) =>
  openDB<RepayDbSchema>(name, version, {
    upgrade: (d, oldVersion, newVersion, tx) => runMigrations(d, oldVersion, newVersion ?? version, tx),
  });

describe('migration 003: sessions', () => {
  it('upgrades a v2 database: every v1 note becomes a session with one note, text kept exactly', async () => {
    const v2 = await upgrade('m003', 2);
    const agreement = { id: 'a1', lender: '借呗', kind: 'extension', amountFen: 123_456, dueDate: '2026-12-01', createdAt: 1, updatedAt: 2 } as const;
    const payment = { id: 'p1', agreementId: 'a1', amountFen: 100, paidOn: '2026-11-01', coverage: 'partial', recordedAt: 5 };
    const long = `客服工号 A123\n  同意分 6 期，每期 1,250 元 \u{1F600}\n${'x'.repeat(10_000)}`;
    await v2.put('agreements', agreement);
    // A payment as version 2 wrote it (before the dueDate field).
    unwrap(v2).transaction('payments', 'readwrite').objectStore('payments').put(payment);
    await v2.put('notes', { id: 'a1', text: long, updatedAt: 1_700_000_000_000 });
    await v2.put('notes', { id: 'general', text: '第一次联系', updatedAt: 1_700_000_100_000 });
    await v2.put('notes', { id: 'gone', text: '', updatedAt: 3 });
    v2.close();

    const v3 = await upgrade('m003', 3);
    expect(v3.version).toBe(3);
    expect([...v3.objectStoreNames].sort()).toEqual(['agreements', 'notes', 'payments', 'reminders', 'sessionNotes', 'sessions']);
    expect(await v3.getAll('agreements')).toEqual([agreement]);
    expect(await v3.getAll('payments')).toEqual([payment]);
    expect(await v3.getAll('notes')).toEqual([]);

    const sessions = await v3.getAll('sessions');
    expect(sessions).toHaveLength(2);
    for (const s of sessions) expect(sessionRecordSchema.safeParse(s).success).toBe(true);
    const a1 = sessions.find((s) => s.id === migratedSessionId('a1'));
    expect(a1).toMatchObject({ agreementId: 'a1', lender: '借呗', startedAt: 1_700_000_000_000 });
    expect(sessions.find((s) => s.id === migratedSessionId('general'))).toMatchObject({ agreementId: null, lender: '' });

    const a1Notes = await v3.getAllFromIndex('sessionNotes', 'by-session-at', IDBKeyRange.bound([migratedSessionId('a1'), 0], [migratedSessionId('a1'), Infinity]));
    expect(a1Notes).toHaveLength(1);
    expect(sessionNoteRecordSchema.parse(a1Notes[0]).text).toBe(long);
    expect(a1Notes[0]?.at).toBe(1_700_000_000_000);
    expect(sessionNoteRecordSchema.safeParse(a1Notes[0]).success).toBe(true);
    const all = await v3.getAll('sessionNotes');
    expect(all.map((n) => sessionNoteRecordSchema.parse(n).text).sort()).toEqual([long, '第一次联系'].sort());

    expect(await v3.countFromIndex('sessions', 'by-agreement', 'a1')).toBe(1);
    const tx = v3.transaction(['sessions', 'sessionNotes']);
    expect([...tx.objectStore('sessions').indexNames].sort()).toEqual(['by-agreement', 'by-startedAt']);
    expect(tx.objectStore('sessionNotes').index('by-session-at').keyPath).toEqual(['sessionId', 'at']);
    v3.close();
  });

  it('creates the whole v3 schema from nothing', async () => {
    const db = await upgrade('m003-fresh', 3);
    expect([...db.objectStoreNames].sort()).toEqual(['agreements', 'notes', 'payments', 'reminders', 'sessionNotes', 'sessions']);
    expect(await db.getAll('sessions')).toEqual([]);
    db.close();
  });
});
