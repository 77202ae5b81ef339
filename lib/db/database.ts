import { openDB, wrap, type IDBPDatabase } from 'idb';
import { takeEarlyConnection } from './early-open';
import type { runMigrations } from './migrations';
import type { RepayDbSchema } from './schema';
import { DB_NAME, DB_VERSION } from './version';

export { DB_NAME };

/** An older build met a database written by a newer one: refuse rather than corrupt it. */
export class DatabaseTooNewError extends Error {
  constructor() {
    super('The stored data was written by a newer version of the extension.');
    this.name = 'DatabaseTooNewError';
  }
}

export type RepayDb = IDBPDatabase<RepayDbSchema>;

let connection: Promise<RepayDb> | null = null;

/** Opening found an older schema (or none) and no migrations were given: nothing was changed. */
class UpgradeNeeded extends Error {}

/**
 * Opens at DB_VERSION. Without `migrate`, a database that needs upgrading is left as it was (the
 * upgrade is aborted before any step) and UpgradeNeeded thrown, so that the steps' code is loaded
 * only when there is something to upgrade: pages open a current database far more often.
 */
async function openAt(migrate: typeof runMigrations | null): Promise<RepayDb> {
  const found = { upgradeNeeded: false };
  try {
    return await openDB<RepayDbSchema>(DB_NAME, DB_VERSION, {
      upgrade(db, oldVersion, newVersion, tx) {
        if (migrate) migrate(db, oldVersion, newVersion ?? DB_VERSION, tx);
        else {
          found.upgradeNeeded = true;
          // The abort is the point: its rejection of `done` is expected, and handled here.
          tx.done.catch(() => undefined);
          tx.abort();
        }
      },
      blocking(_current, _next, event) {
        (event.target as IDBDatabase).close();
        connection = null;
      },
      terminated() {
        connection = null;
      },
    });
  } catch (error) {
    if (found.upgradeNeeded) throw new UpgradeNeeded();
    throw error;
  }
}

/** The connection the popup's painter opened (./early-open.ts), with the handlers `openAt` gives its own. */
function adopt(db: IDBDatabase): RepayDb {
  db.addEventListener('versionchange', () => {
    db.close();
    connection = null;
  });
  db.addEventListener('close', () => {
    connection = null;
  });
  return wrap(db) as RepayDb;
}

async function open(): Promise<RepayDb> {
  const early = await takeEarlyConnection();
  if (early) return adopt(early);
  try {
    return await openAt(null);
  } catch (error) {
    if (!(error instanceof UpgradeNeeded)) throw error;
  }
  const { runMigrations } = await import('./migrations');
  return openAt(runMigrations);
}

/**
 * The one place that opens IndexedDB. Each surface (popup, side panel, background) holds one
 * connection; when another context upgrades the schema we close ours so the upgrade is not stuck,
 * and the next call reopens at the new version.
 */
export function openDatabase(): Promise<RepayDb> {
  connection ??= open().catch((error: unknown) => {
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
