import { readFirstScreenRows, type FirstScreenRows } from './first-screen-rows';
import { DB_NAME, DB_VERSION } from './version';

/**
 * The popup's database connection and its first screen's rows, asked for by its painter
 * (entrypoints/popup-snapshot.ts) before any of the page's modules is fetched. Opening IndexedDB
 * and a first read take the browser some 20–30 ms; asked for this early, that time passes while the
 * page's code loads instead of after it. The page's `openDatabase` (./database.ts) takes the
 * connection over and `readFirstScreenFromView` the rows, once each; without them they open and
 * read as usual.
 *
 * Only a database already at this build's version is opened here. A first start, or one that needs
 * its migrations, is left exactly as it was (the upgrade is aborted before any step, as
 * `openDatabase` does until it has loaded them): the page then opens it itself, with its migrations.
 * The rows are as the painter read them, in one transaction, some tens of milliseconds before the
 * page shows them: as if the popup had been opened that much sooner. A snapshot of them is kept
 * with the change noted before they were read (lib/snapshot/popup-snapshot.ts, noteTokenBeforeReads).
 * This file stays free of `idb` and of the schema: the painter that imports it must stay tiny.
 */

interface EarlyConnection {
  /** The open connection, or null when the database could not be opened at this version. */
  connection: Promise<IDBDatabase | null>;
  /** The first screen's rows, read at once on that connection; null when not asked for, or taken. */
  rows: Promise<FirstScreenRows | null> | null;
  /** Closed since (another context upgrades, or the browser closed it): not to be used. */
  closed: boolean;
  /** Handed over to `openDatabase` (or found closed): not to be handed over again. */
  taken: boolean;
}

/** Where the painter leaves it for the page's modules: one global, known to both builds by name. */
const SLOT = Symbol.for('repay-companion:early-connection');

type Holder = { [SLOT]?: EarlyConnection };

/**
 * The painter: asks for the connection now and, with `readFirstScreen`, for the first screen's rows
 * (./first-screen-rows.ts) as soon as it is open; `takeEarlyConnection` and `takeFirstScreenRows`
 * hand them over. Resolves once the browser has answered the request (for tests; the painter goes on).
 */
export function openEarly({ readFirstScreen }: { readFirstScreen: boolean }): Promise<void> {
  if (typeof indexedDB === 'undefined') return Promise.resolve();
  const early: EarlyConnection = { connection: Promise.resolve(null), rows: null, closed: false, taken: false };
  early.connection = new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(DB_NAME, DB_VERSION);
    } catch {
      resolve(null);
      return;
    }
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => {
      const db = request.result;
      const close = () => {
        early.closed = true;
        db.close();
      };
      // Until the page takes it over, nothing may hold up another context's upgrade.
      db.onversionchange = close;
      db.onclose = close;
      resolve(db);
    };
    // Aborted above, too new (the page reports it when it opens), or refused: the page opens itself.
    request.onerror = () => resolve(null);
  });
  // A failed read is the page's to make again: it reads the same rows itself.
  if (readFirstScreen) early.rows = early.connection.then((db) => (db ? readFirstScreenRows(db) : null)).catch(() => null);
  (globalThis as Holder)[SLOT] = early;
  return early.connection.then(() => undefined);
}

/**
 * The connection the painter opened, if it is open: the first caller takes it, later callers (and
 * pages without a painter) get null. Resolves once the painter's request is answered.
 */
export async function takeEarlyConnection(): Promise<IDBDatabase | null> {
  const early = (globalThis as Holder)[SLOT];
  if (!early || early.taken) return null;
  early.taken = true;
  const db = await early.connection;
  if (db === null || early.closed) return null;
  // The page's own handlers (./database.ts) take over from here.
  db.onversionchange = null;
  db.onclose = null;
  return db;
}

/** The first screen's rows the painter read, once: null when it did not read them, or they were taken. */
export function takeFirstScreenRows(): Promise<FirstScreenRows | null> | null {
  const early = (globalThis as Holder)[SLOT];
  const rows = early?.rows ?? null;
  if (early) early.rows = null;
  return rows;
}

/** Tests: drops what a painter left, closing its connection. */
export function forgetEarlyConnection(): void {
  const early = (globalThis as Holder)[SLOT];
  (globalThis as Holder)[SLOT] = undefined;
  void early?.connection.then((db) => db?.close());
}
