import { FIRST_SCREEN_BASIS_KEY, FIRST_SCREEN_VIEW_KEY } from './rows';

/**
 * The stored rows the popup's first screen is made of (lib/db/first-screen-view.ts), read as they
 * are, in one transaction: the view and the basis it must match, then the rows the view names, their
 * payments and their reminders. Nothing here checks or opens them; `readFirstScreenFromView` does.
 *
 * Written against IndexedDB itself, without `idb` or the schemas, because the popup's painter
 * (entrypoints/popup-snapshot.ts, through ./early-open.ts) runs it before any of the page's modules
 * has loaded, and must stay tiny. The page runs the same function when there was no early read.
 */
export interface FirstScreenRows {
  /** The basis row (undefined: no change to agreements or payments so far). */
  basis: unknown;
  /** The view's row as stored, or undefined. */
  stored: unknown;
  /** The ids the view names, in its order (none when the view is missing or not based on `basis`). */
  ids: string[];
  /** `agreements[i]` is the row of `ids[i]`, undefined when it is gone. */
  agreements: unknown[];
  /** `payments[i]` and `reminders[i]` are `ids[i]`'s, from their by-agreement indexes. */
  payments: unknown[][];
  reminders: unknown[][];
}

/** The basis as a view records it. */
export const basisText = (row: unknown): string => JSON.stringify(row ?? null);

const STORES = ['meta', 'agreements', 'payments', 'reminders'];

/** The ids a stored view names, if it is a view based on `basis` at all (the rest is checked later). */
function namedIds(stored: unknown, basis: unknown): string[] {
  if (typeof stored !== 'object' || stored === null) return [];
  const row = stored as { key?: unknown; basedOn?: unknown; view?: { rowIds?: unknown } };
  if (row.key !== FIRST_SCREEN_VIEW_KEY || row.basedOn !== basisText(basis)) return [];
  const ids = row.view?.rowIds;
  return Array.isArray(ids) && ids.every((id) => typeof id === 'string') ? ids : [];
}

export function readFirstScreenRows(db: IDBDatabase): Promise<FirstScreenRows> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORES, 'readonly');
    const store = (name: string) => tx.objectStore(name);
    const rows: FirstScreenRows = { basis: undefined, stored: undefined, ids: [], agreements: [], payments: [], reminders: [] };
    const basis = store('meta').get(FIRST_SCREEN_BASIS_KEY);
    const stored = store('meta').get(FIRST_SCREEN_VIEW_KEY);
    // Requests are answered in the order they were made: the view's answer comes after the basis.
    stored.onsuccess = () => {
      rows.basis = basis.result;
      rows.stored = stored.result;
      rows.ids = namedIds(stored.result, basis.result);
      for (const [i, id] of rows.ids.entries()) {
        store('agreements').get(id).onsuccess = (event) => (rows.agreements[i] = (event.target as IDBRequest<unknown>).result);
        store('payments').index('by-agreement').getAll(id).onsuccess = (event) => (rows.payments[i] = (event.target as IDBRequest<unknown[]>).result);
        store('reminders').index('by-agreement').getAll(id).onsuccess = (event) => (rows.reminders[i] = (event.target as IDBRequest<unknown[]>).result);
      }
    };
    tx.oncomplete = () => resolve(rows);
    tx.onerror = () => reject(tx.error ?? new Error('The first screen could not be read.'));
    tx.onabort = () => reject(tx.error ?? new Error('The first screen could not be read.'));
  });
}
