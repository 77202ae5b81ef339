import type { IDBPTransaction } from 'idb';
import type { Encoded } from './codec';
import { abortQuietly } from './fresh-write';
import { openDatabase } from './database';
import { formatRev, isDeviceId, newDeviceId, tick, type ClockState } from './hlc';
import { FIRST_SCREEN_BASIS_KEY, FIRST_SCREEN_VIEW_KEY, SYNCED_STORES, type RepayDbSchema, type RowOf, type SealedStore, type StoreName, type SyncedStore } from './rows';
import { noteDataChanged, pageStorage } from '../snapshot/popup-snapshot';

/**
 * The one write path. Every exported write of lib/db is a declared mutation, `mutate({...})`,
 * whose steps run in this order:
 * 1. validate and 2. seal: `prepare` turns records into rows through each store's codec
 *    (lib/db/codec.ts), outside any transaction, since WebCrypto is async;
 * 3. stamp: inside the write transaction every row put gets the next `rev` of this profile's
 *    hybrid logical clock (lib/db/hlc.ts), and every deletion leaves a tombstone;
 * 4. commit: one transaction, all or nothing; a change that reads first re-reads what it read
 *    and starts over if another window changed it meanwhile (lib/db/fresh-write.ts);
 * 5. announce: after the commit, once, to whoever listens: in a page the background is asked to
 *    re-arm its alarm and badge; in the background, reconcile runs directly (announceWith).
 * So no caller has to remember the background, and nothing is announced that did not commit.
 */

export type WriteTx = IDBPTransaction<RepayDbSchema, StoreName[], 'readwrite'>;
export type ReadTx = IDBPTransaction<RepayDbSchema, StoreName[], IDBTransactionMode>;

/** What a committed mutation changed, as announced. */
export interface Change {
  mutation: string;
  stores: readonly StoreName[];
}

export type Announcer = (change: Change) => void;

/** Changes the background must hear of at once: they move reminders, the next alarm or the badge. */
const REMINDER_STORES: ReadonlySet<StoreName> = new Set(['agreements', 'payments', 'reminders']);

const SYNCED_STORE_SET: ReadonlySet<StoreName> = new Set(SYNCED_STORES);

/** What the popup's first-screen view is made of (lib/db/first-screen-view.ts). */
const VIEW_STORES: ReadonlySet<StoreName> = new Set(['agreements', 'payments']);

/**
 * In a page: ask the background to reconcile (it re-arms its alarm and redraws the badge), and mark
 * the popup's kept first screen out of date (lib/snapshot/popup-snapshot.ts): these are the stores it shows.
 */
const askBackground: Announcer = (change) => {
  // No receiver (a test, the background restarting): the periodic sweep catches up.
  if (!change.stores.some((store) => REMINDER_STORES.has(store))) {
    // Only records reminders do not follow (a chat's notes, a screenshot): the background syncs them soon.
    if (change.stores.some((store) => SYNCED_STORE_SET.has(store))) {
      void import('../messaging/protocol').then(({ send }) => send('synced-data-changed', {})).catch(() => undefined);
    }
    return;
  }
  const storage = pageStorage();
  if (storage) noteDataChanged(storage);
  void import('../messaging/protocol').then(({ send }) => send('data-changed', {})).catch(() => undefined);
};

let announcer: Announcer = askBackground;

/** Who hears committed changes in this context (the background: its reconcile). Returns the previous one. */
export function announceWith(next: Announcer): Announcer {
  const previous = announcer;
  announcer = next;
  return previous;
}

/** Tests: back to a page's announcer, which every new context starts with. */
export function forgetAnnouncer(): void {
  announcer = askBackground;
}

function announce(change: Change): void {
  try {
    announcer(change);
  } catch (error) {
    // The change is committed whatever a listener does.
    console.warn('Announcing a change failed', error);
  }
}

/** This context's device id and clock as last read or written (see Writer.open). */
let remembered: { device: string; clock: ClockState | undefined } | null = null;

const later = (a: ClockState, b: ClockState) => a.wall > b.wall || (a.wall === b.wall && a.counter > b.counter);

/** Tests: forget what this context remembers of the clock, as a new page would. */
export function forgetRememberedClock(): void {
  remembered = null;
}

/** Stamps and writes rows inside a mutation's transaction. Only IndexedDB requests are awaited. */
export class Writer {
  private ticked = false;
  /** Whether any row was put or deleted through this writer. */
  private wrote = false;

  private constructor(
    readonly tx: WriteTx,
    private readonly device: string,
    private clock: ClockState | undefined,
    private readonly now: number,
  ) {}

  /**
   * A writer for `tx`. The device id and the clock are read from the meta store in the transaction
   * and remembered in this context. `atOnce` (a closing page's last save) uses what this context
   * remembers without reading, so the row is put before anything is awaited: Firefox does not keep
   * a closing page alive for a read. Another window may have moved the clock on meanwhile; the
   * wall time keeps those stamps apart, and the next ordinary write reads the clock again.
   */
  static async open(tx: WriteTx, now: number, atOnce = false): Promise<Writer> {
    if (atOnce && remembered) return new Writer(tx, remembered.device, remembered.clock, now);
    const meta = tx.objectStore('meta');
    const [device, clock] = await Promise.all([meta.get('device'), meta.get('clock')]);
    let id = device?.key === 'device' ? device.id : undefined;
    if (!isDeviceId(id)) {
      // Made once per profile (migration 6 does it; this covers a database that lost it).
      id = newDeviceId();
      await meta.put({ key: 'device', id });
    }
    const stored = clock?.key === 'clock' ? { wall: clock.wall, counter: clock.counter } : undefined;
    // Never behind what this context stamped itself (an at-once write may not have read the clock).
    const latest = remembered?.device === id && remembered.clock && (!stored || later(remembered.clock, stored)) ? remembered.clock : stored;
    return new Writer(tx, id, latest, now);
  }

  /** The next stamp of this profile's clock. */
  nextRev(): string {
    this.ticked = true;
    this.clock = tick(this.clock, this.now);
    return formatRev({ ...this.clock, device: this.device });
  }

  /** Stores a row from its codec, stamped now. */
  async put<S extends SyncedStore>(store: S, row: Encoded<S>): Promise<void> {
    await this.putRow(store, { ...row, rev: this.nextRev() });
  }

  /**
   * Stores a row from its codec with the stamp it had: the same content written in another form
   * (sealed with another key, or opened), which no other device needs to hear of.
   */
  async rewrite<S extends SealedStore>(store: S, row: Encoded<S>, rev: string | undefined): Promise<void> {
    await this.putRow(store, rev === undefined ? row : { ...row, rev });
  }

  private async putRow<S extends SealedStore>(store: S, row: RowOf<S>): Promise<void> {
    this.wrote = true;
    // RowOf<S> is the store's row type; TypeScript cannot see through the schema's index signature for a generic S.
    await this.tx.objectStore(store).put(row as RepayDbSchema[S]['value']);
  }

  /** Deletes a record and leaves its tombstone (store, id, rev), so another device can delete it too. */
  async delete(store: SyncedStore, id: string): Promise<void> {
    this.wrote = true;
    await Promise.all([this.tx.objectStore(store).delete(id), this.tx.objectStore('tombstones').put({ key: `${store}/${id}`, store, id, rev: this.nextRev() })]);
  }

  /**
   * Saves the clock with the transaction, and remembers it in this context. A change to what the
   * popup's first screen shows deletes its view and moves the view's basis in the same transaction
   * (lib/db/first-screen-view.ts): no view outlives a committed change, and a view being built from
   * rows read before it is not written; the background builds the next one after the announcement.
   * Other changes (a note, a session) leave the view as it is, and so does a mutation that found
   * nothing to write.
   */
  async finish(stores: readonly StoreName[] = []): Promise<void> {
    remembered = { device: this.device, clock: this.clock };
    const meta = this.tx.objectStore('meta');
    const viewStores = stores.some((store) => VIEW_STORES.has(store));
    await Promise.all([
      this.ticked && this.clock ? meta.put({ key: 'clock', ...this.clock }) : undefined,
      viewStores ? meta.delete(FIRST_SCREEN_VIEW_KEY) : undefined,
      viewStores && this.wrote ? meta.put({ key: FIRST_SCREEN_BASIS_KEY, change: crypto.randomUUID() }) : undefined,
    ]);
  }
}

export interface Mutation<R, P, T> {
  /** Its name, as announced. */
  name: string;
  /** Every store it reads or writes (meta and tombstones are added). */
  stores: readonly StoreName[];
  /** When it happens: stamps, and the lock's idle deadline, are judged at this time. */
  now: number;
  /** The rows it depends on, as stored: read, then read again before writing (see fresh-write.ts). Plain JSON-able values. */
  read?: (tx: ReadTx) => Promise<R>;
  /** Validation and sealing, through the codecs, outside any transaction. */
  prepare: (read: R) => Promise<P>;
  /** The writes, through the Writer: only IndexedDB requests are awaited. */
  write: (writer: Writer, prepared: P, read: R) => Promise<T>;
  /**
   * Commit without waiting for the end of the task: a page that is closing (the side panel's last
   * keystrokes) may not live to see an implicit commit. `write` must then issue every request
   * before its first await.
   */
  commitAtOnce?: boolean;
}

const ATTEMPTS = 5;

/** Another window kept changing the same records: nothing was written. */
export class ConcurrentChangeError extends Error {
  constructor() {
    super('The records changed while being saved; nothing was written.');
    this.name = 'ConcurrentChangeError';
  }
}

/** Runs a declared mutation: validate, seal, stamp, commit, announce (see the top of this file). */
export async function mutate<R, P, T>(mutation: Mutation<R, P, T>): Promise<T> {
  const stores: StoreName[] = [...new Set<StoreName>([...mutation.stores, 'meta', 'tombstones'])];
  const db = await openDatabase();
  const read = mutation.read;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    let seen: R | undefined;
    if (read) {
      const before = db.transaction(stores, 'readonly');
      seen = await read(before);
      await before.done;
    }
    const prepared = await mutation.prepare(seen as R);
    const tx = db.transaction(stores, 'readwrite');
    try {
      const current = read ? await read(tx) : (seen as R);
      if (read && JSON.stringify(current) !== JSON.stringify(seen)) {
        abortQuietly(tx);
        continue;
      }
      const writer = await Writer.open(tx, mutation.now, mutation.commitAtOnce);
      let result: T;
      if (mutation.commitAtOnce) {
        // Every request is issued before anything is awaited, then the commit: a page that closes
        // right after still has its write committed.
        const writing = mutation.write(writer, prepared, current);
        const finishing = writer.finish(mutation.stores);
        tx.commit();
        [result] = await Promise.all([writing, finishing]);
      } else {
        result = await mutation.write(writer, prepared, current);
        await writer.finish(mutation.stores);
      }
      await tx.done;
      announce({ mutation: mutation.name, stores: mutation.stores });
      return result;
    } catch (error) {
      abortQuietly(tx);
      throw error;
    }
  }
  throw new ConcurrentChangeError();
}
