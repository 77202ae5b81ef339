import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { closeDatabase, DatabaseTooNewError, DB_NAME, openDatabase } from './database';
import { DB_VERSION, MIGRATIONS } from './migrations';

describe('openDatabase', () => {
  it('opens at the version the migrations reach, once per context', async () => {
    const db = await openDatabase();
    expect(db.version).toBe(DB_VERSION);
    expect(DB_VERSION).toBe(MIGRATIONS.length);
    expect(await openDatabase()).toBe(db);
  });

  it('refuses a database written by a newer build instead of touching it', async () => {
    const newer = await openDB(DB_NAME, DB_VERSION + 1, {
      upgrade(db) {
        void db.createObjectStore('agreements', { keyPath: 'id' }).put({ id: 'keep-me' });
      },
    });
    newer.close();
    await expect(openDatabase()).rejects.toBeInstanceOf(DatabaseTooNewError);
    const check = await openDB(DB_NAME);
    expect(check.version).toBe(DB_VERSION + 1);
    expect(await check.get('agreements', 'keep-me')).toEqual({ id: 'keep-me' });
    check.close();
  });

  it('lets another context upgrade: the open connection steps aside', async () => {
    await openDatabase();
    const upgrading = await openDB(DB_NAME, DB_VERSION + 1);
    expect(upgrading.version).toBe(DB_VERSION + 1);
    upgrading.close();
    await closeDatabase();
  });
});
