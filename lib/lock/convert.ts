import { paymentRecordSchema, type PaymentRecord } from '../db/payments';
import { readThenWrite } from '../db/fresh-write';
import { agreementRecordSchema } from '../db/schema';
import { isSealed, type SealedStore } from '../db/sealing';
import { openWith, sealWith, UnreadableRecordError } from '../db/sealing-core';
import { settledFlag } from '../db/settled';
import { currentRecordKey } from '../keys/state';
import { INBOX_PREFIX } from '../evidence/inbox';
import { CUSTOM_LINE_PREFIX } from '../negotiation/custom-lines';
import { SCRIPT_VALUES_PREFIX } from '../db/script-state';
import { resealStorage } from '../keys/sealed-storage';

/**
 * Turning the lock on or off (docs/lock-design.md, "Turning it on or off"): every record of every
 * sealed store re-written with another key, or as plaintext. Reminders stay plaintext and are not
 * touched.
 *
 * One read transaction for everything, then the crypto outside any transaction, then ONE readwrite
 * transaction that first checks nothing changed meanwhile (lib/db/fresh-write.ts: another window
 * saved → start over) and writes every row: all or nothing. Rows may be mixed (plaintext and sealed)
 * after an interrupted run or writes made during one; each is opened on its own terms.
 */

export const CONVERTED_STORES = ['agreements', 'payments', 'notes', 'sessions', 'sessionNotes', 'attachments'] as const satisfies readonly SealedStore[];

type Row = Record<string, unknown>;
type Rows = Record<SealedStore, unknown[]>;

const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The `settled` flag of every agreement that parses, from its payments (both opened). */
export function settledFlags(agreements: readonly unknown[], payments: readonly unknown[]): Map<string, 0 | 1> {
  const byAgreement = new Map<string, PaymentRecord[]>();
  for (const row of payments) {
    const parsed = paymentRecordSchema.safeParse(row);
    if (!parsed.success) continue;
    byAgreement.set(parsed.data.agreementId, [...(byAgreement.get(parsed.data.agreementId) ?? []), parsed.data]);
  }
  const flags = new Map<string, 0 | 1>();
  for (const row of agreements) {
    const parsed = agreementRecordSchema.safeParse(row);
    if (!parsed.success) continue;
    try {
      flags.set(parsed.data.id, settledFlag(parsed.data, byAgreement.get(parsed.data.id) ?? []));
    } catch (error) {
      console.warn(`No settled flag for agreement ${parsed.data.id}`, error);
    }
  }
  return flags;
}

/**
 * Re-writes every record of the sealed stores with `toKey` (null: plaintext), in one transaction;
 * rows already in that form are not written again (so a second run costs a read).
 * `fromKey` opens rows that are already sealed (by default the current key; pass it when the
 * session was just written, as storage change events may not have reached this page yet). Each
 * agreement gets its plaintext `settled` flag. A row that does not open is left exactly as it is.
 */
export async function resealAll(toKey: CryptoKey | null, fromKey?: CryptoKey | null): Promise<void> {
  await resealRecords(toKey, fromKey);
  // What extension storage keeps of the same kind follows the records: the script tab's typed
  // figures and own lines, screenshots waiting for a panel.
  const from = fromKey === undefined ? await currentRecordKey().catch(() => null) : fromKey;
  await resealStorage([SCRIPT_VALUES_PREFIX, CUSTOM_LINE_PREFIX, INBOX_PREFIX], from, toKey);
}

async function resealRecords(toKey: CryptoKey | null, fromKey?: CryptoKey | null): Promise<void> {
  await readThenWrite(
    [...CONVERTED_STORES],
    async (tx) => {
      const all = await Promise.all(CONVERTED_STORES.map((store) => tx.objectStore(store).getAll()));
      return Object.fromEntries(CONVERTED_STORES.map((store, i) => [store, (all[i] ?? []) as unknown[]])) as Rows;
    },
    async (rows) => {
      const anySealed = CONVERTED_STORES.some((store) => rows[store].some(isSealed));
      const openingKey = fromKey !== undefined ? fromKey : anySealed ? await currentRecordKey() : null;
      const opened = {} as Record<SealedStore, (Row | undefined)[]>;
      for (const store of CONVERTED_STORES) {
        opened[store] = await Promise.all(
          rows[store].map(async (row) => {
            try {
              const record = await openWith(openingKey, store, row);
              return isRow(record) ? record : undefined;
            } catch (error) {
              if (!(error instanceof UnreadableRecordError)) throw error;
              console.warn(`${error.message} It is left as it is.`);
              return undefined;
            }
          }),
        );
      }
      const flags = settledFlags(
        opened.agreements.filter((row) => row !== undefined),
        opened.payments.filter((row) => row !== undefined),
      );
      // Per row: what to write, or null to leave it as it is.
      const converted = {} as Record<SealedStore, (Row | null)[]>;
      for (const store of CONVERTED_STORES) {
        converted[store] = await Promise.all(
          rows[store].map(async (row, i): Promise<Row | null> => {
            const record = opened[store][i];
            // Unreadable with the key (changed on disk): keep it, it might be recovered some day.
            if (!isRow(row) || record === undefined) return null;
            const flag = store === 'agreements' ? flags.get(String(record.id)) : undefined;
            // Already in the target form (sealed with this key, or plaintext): only the plaintext
            // flag may need refreshing, which needs no crypto.
            const done = toKey === null ? !isSealed(row) : toKey === openingKey && isSealed(row);
            if (done) return flag === undefined || row.settled === flag ? null : { ...row, settled: flag };
            return sealWith(toKey, store, flag === undefined ? record : { ...record, settled: flag });
          }),
        );
      }
      return converted;
    },
    async (tx, converted) => {
      const writes: Promise<unknown>[] = [];
      try {
        for (const store of CONVERTED_STORES) {
          // Each row keeps its id; the typed store wants its own record type, which sealed rows are not.
          for (const row of converted[store]) if (row !== null) writes.push(tx.objectStore(store).put(row as never));
        }
      } catch (error) {
        // A put that throws at once (full disk, a value that cannot be cloned): the transaction is
        // aborted by the caller, and the requests already queued fail with it, quietly.
        for (const write of writes) write.catch(() => undefined);
        throw error;
      }
      await Promise.all(writes);
    },
  );
}
