import type * as z from 'zod/mini';
import { reportInvalid } from './invalid';
import type { Plain, RecordOf, RowOf, SealedStore } from './rows';
import { openRows, sealRecord } from './sealing';

declare const encoded: unique symbol;

/**
 * A row that went through its store's codec: checked against the store's schema, then sealed
 * while the lock is on. The write path (lib/db/write.ts) puts nothing else, so no caller can store
 * an unchecked record or plaintext beside sealed rows.
 */
export type Encoded<S extends SealedStore> = RowOf<S> & { readonly [encoded]: S };

/**
 * One per store: opens and checks rows on the way out, checks and seals records on the way in.
 * Rows are opened only after their transaction is done, and records sealed before one opens:
 * WebCrypto is async and would let IndexedDB commit a transaction under us.
 */
export interface Codec<S extends SealedStore> {
  readonly store: S;
  /** Rows as checked records, in order; undefined where a row does not open or fails its schema (reported). */
  openEach: (rows: readonly unknown[], now: number) => Promise<(RecordOf<S> | undefined)[]>;
  /** Rows as checked records; those that do not open or fail their schema are reported and left out. */
  open: (rows: readonly unknown[], now: number) => Promise<RecordOf<S>[]>;
  openOne: (row: unknown, now: number) => Promise<RecordOf<S> | undefined>;
  /** Checks one stored row, already opened (or plaintext). */
  check: (row: unknown) => RecordOf<S> | undefined;
  /**
   * The row to store for `record`: checked (a ZodError throws before anything is written), then
   * sealed with the key held at `now` (LockedError while locked). `plain` adds fields the store
   * keeps readable beside the record (an agreement's settled flag).
   */
  seal: (record: unknown, now: number, plain?: Partial<RecordOf<S>>) => Promise<Encoded<S>>;
  /**
   * A stored row with some of its readable fields changed (an agreement's due date and settled
   * flag after a payment, a session's link): no key needed, so it works on sealed rows too. A
   * plaintext row is checked again as a whole.
   */
  patch: (row: RowOf<S>, fields: Partial<Pick<RecordOf<S>, Plain<S> & keyof RecordOf<S>>>) => Encoded<S>;
  /**
   * The same record in another form (sealed with another key, or opened) when the lock is turned
   * on or off. Not checked again: a row that fails today's schema is carried over whole rather than
   * left sealed with a key that is about to be forgotten.
   */
  converted: (row: RowOf<S>) => Encoded<S>;
}

export function defineCodec<S extends SealedStore>(store: S, schema: z.ZodMiniType<RecordOf<S>>): Codec<S> {
  const check = (row: unknown): RecordOf<S> | undefined => {
    if (row === undefined) return undefined;
    const parsed = schema.safeParse(row);
    if (parsed.success) return parsed.data;
    reportInvalid(store, row, parsed.error);
    return undefined;
  };
  const openEach = async (rows: readonly unknown[], now: number) => (await openRows(store, rows, now)).map(check);
  return {
    store,
    check,
    openEach,
    open: async (rows, now) => (await openEach(rows, now)).filter((record): record is RecordOf<S> => record !== undefined),
    openOne: async (row, now) => (row === undefined ? undefined : (await openEach([row], now))[0]),
    seal: async (record, now, plain) => {
      const checked = schema.parse(record);
      // The one place a record becomes a row: sealRecord keeps exactly the store's plaintext fields.
      return (await sealRecord(store, plain ? { ...checked, ...plain } : checked, now)) as Encoded<S>;
    },
    patch: (row, fields) => {
      const patched = { ...row, ...fields };
      if (!('sealed' in patched)) schema.parse(patched);
      return patched as Encoded<S>;
    },
    converted: (row) => row as Encoded<S>,
  };
}
