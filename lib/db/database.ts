import { openDB, type IDBPDatabase } from 'idb';
import { DB_VERSION, runMigrations } from './migrations';
import type { RepayDbSchema } from './schema';

export const DB_NAME = 'repay-companion';

/** An older build met a database written by a newer one: refuse rather than corrupt it. */
export class DatabaseTooNewError extends Error {
  constructor() {
    super('The stored data was written by a newer version of the extension.');
    this.name = 'DatabaseTooNewError';
  }
}

export type RepayDb = IDBPDatabase<RepayDbSchema>;

let connection: Promise<RepayDb> | null = null;

/**
 * The one place that opens IndexedDB. Each surface (popup, side panel, background) holds one
 * connection; when another context upgrades the schema we close ours so the upgrade is not stuck,
 * and the next call reopens at the new version.
 */
export function openDatabase(): Promise<RepayDb> {
  connection ??= openDB<RepayDbSchema>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion, newVersion, tx) {
      runMigrations(db, oldVersion, newVersion ?? DB_VERSION, tx);
    },
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
      connection = null;
    },
    terminated() {
      connection = null;
    },
  }).catch((error: unknown) => {
    connection = null;
    if (error instanceof DOMException && error.name === 'VersionError') throw new DatabaseTooNewError();
    throw error;
  });
  return connection;
}

/** Closes this context's connection (tests, and before deleting the database). */
export async function closeDatabase(): Promise<void> {
  const current = connection;
  connection = null;
  if (current) (await current).close();
}
