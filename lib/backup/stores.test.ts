import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { BACKUP_STORE_NAMES } from './stores';

describe('backup store registry', () => {
  it('covers every store of the database, each keyed by id', async () => {
    const db = await openDatabase();
    // A store missing here would be silently left out of every backup: add it to lib/backup/stores.ts.
    // Only this profile's own bookkeeping (its device id and clock, its tombstones, sync's state) stays out.
    expect([...BACKUP_STORE_NAMES].sort()).toEqual([...db.objectStoreNames].filter((name) => name !== 'meta' && name !== 'tombstones' && name !== 'sync').sort());
    const tx = db.transaction(BACKUP_STORE_NAMES);
    for (const name of BACKUP_STORE_NAMES) expect(tx.objectStore(name).keyPath).toBe('id');
  });
});
