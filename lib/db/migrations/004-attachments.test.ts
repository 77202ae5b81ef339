import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import type { RepayDbSchema } from '../schema';
import { runMigrations } from './index';

const upgrade = (name: string, version: number) =>
  openDB<RepayDbSchema>(name, version, {
    upgrade: (d, oldVersion, newVersion, tx) => runMigrations(d, oldVersion, newVersion ?? version, tx),
  });

describe('migration 004: attachments', () => {
  it('upgrades a v3 database: adds the attachments store found by owner, keeps every session and note', async () => {
    const v3 = await upgrade('m004', 3);
    const session = {
      id: 's1',
      agreementId: null,
      lender: '借呗',
      channel: 'web-chat',
      startedAt: 1,
      agentName: '',
      ticket: '',
      confirmationAskedAt: null,
      confirmationReceivedAt: null,
      confirmationChannel: null,
      draft: '还没说完',
    } as const;
    const note = { id: 'n1', sessionId: 's1', at: 2, text: '同意分期', tags: ['offer' as const] };
    await v3.put('sessions', session);
    await v3.put('sessionNotes', note);
    v3.close();

    const v4 = await upgrade('m004', 4);
    expect(v4.version).toBe(4);
    expect([...v4.objectStoreNames].sort()).toEqual(['agreements', 'attachments', 'notes', 'payments', 'reminders', 'sessionNotes', 'sessions']);
    expect(await v4.getAll('sessions')).toEqual([session]);
    expect(await v4.getAll('sessionNotes')).toEqual([note]);
    const tx = v4.transaction('attachments');
    expect([...tx.store.indexNames]).toEqual(['by-owner']);
    expect(tx.store.index('by-owner').keyPath).toEqual(['ownerType', 'ownerId']);
    expect(tx.store.keyPath).toBe('id');
    expect(await v4.getAll('attachments')).toEqual([]);
    v4.close();
  });

  it('creates the whole v4 schema from nothing', async () => {
    const db = await upgrade('m004-fresh', 4);
    expect([...db.objectStoreNames]).toContain('attachments');
    db.close();
  });
});
