import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import type { RepayDbSchema } from '../schema';
import { runMigrations } from './index';

describe('migration 001: initial schema', () => {
  it('creates the three stores with their indexes from nothing', async () => {
    const db = await openDB<RepayDbSchema>('m001', 1, {
      upgrade: (d, oldVersion, newVersion, tx) => runMigrations(d, oldVersion, newVersion ?? 1, tx),
    });
    expect([...db.objectStoreNames].sort()).toEqual(['agreements', 'notes', 'reminders']);
    const tx = db.transaction(['agreements', 'reminders']);
    expect([...tx.objectStore('agreements').indexNames]).toEqual(['by-dueDate']);
    expect([...tx.objectStore('reminders').indexNames].sort()).toEqual(['by-agreement', 'by-pending-fireAt']);
    expect(tx.objectStore('reminders').index('by-pending-fireAt').keyPath).toEqual(['pending', 'fireAt']);
    db.close();
  });
});
