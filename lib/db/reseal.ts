import type { Codec } from './codec';
import { SEALED_STORES, type RecordOf, type RowOf, type SealedStore } from './rows';
import { agreementCodec, noteCodec } from './schema';
import { paymentCodec } from './payments';
import { scriptStateCodec } from './script-state';
import { sessionCodec, sessionNoteCodec } from './sessions';
import { attachmentCodec } from './attachments';
import { isSealed } from './sealing';
import { openWith, sealWith, UnreadableRecordError } from './sealing-core';
import { settledFlags } from './settled-flags';
import { mutate, type Writer } from './write';

type Rows = { [S in SealedStore]: RowOf<S>[] };
type Opened = { [S in SealedStore]: (Record<string, unknown> | undefined)[] };
type PendingWrite = (writer: Writer) => Promise<void>;

/**
 * Turning the lock on or off (docs/lock-design.md, "Turning it on or off"): every record of every
 * sealed store re-written with another key (`toKey`), or as plaintext (null). Reminders stay
 * plaintext and are not touched. A declared mutation: one read, the crypto outside any transaction,
 * then one write that first checks nothing changed meanwhile (another window saved: start over),
 * all or nothing. Rows keep their stamps: their content is unchanged, only its form.
 *
 * Rows may be mixed (plaintext and sealed) after an interrupted run or writes made during one;
 * each is opened on its own terms with `fromKey`. Rows already in the target form are not written
 * again (so a second run costs a read), except for an agreement's settled flag, refreshed from its
 * payments. A row that does not open is left exactly as it is.
 */
export async function resealAll(toKey: CryptoKey | null, fromKey: CryptoKey | null, now: number): Promise<void> {
  await mutate({
    name: toKey === null ? 'lock-off' : 'lock-on',
    stores: SEALED_STORES,
    now,
    read: async (tx) => {
      const all = await Promise.all(SEALED_STORES.map((store) => tx.objectStore(store).getAll()));
      return Object.fromEntries(SEALED_STORES.map((store, i) => [store, all[i] ?? []])) as Rows;
    },
    prepare: async (rows) => {
      const opened = {} as Opened;
      for (const store of SEALED_STORES) opened[store] = await Promise.all(rows[store].map((row) => openQuietly(fromKey, store, row)));
      const flags = settledFlags(
        opened.agreements.filter((row) => row !== undefined),
        opened.payments.filter((row) => row !== undefined),
      );
      const settledOf = (id: string) => {
        const settled = flags.get(id);
        return settled === undefined ? undefined : { settled };
      };
      const none = () => undefined;
      const keys = { toKey, fromKey };
      const writes = await Promise.all([
        convertStore(agreementCodec, rows.agreements, opened.agreements, settledOf, keys),
        convertStore(paymentCodec, rows.payments, opened.payments, none, keys),
        convertStore(noteCodec, rows.notes, opened.notes, none, keys),
        convertStore(sessionCodec, rows.sessions, opened.sessions, none, keys),
        convertStore(sessionNoteCodec, rows.sessionNotes, opened.sessionNotes, none, keys),
        convertStore(attachmentCodec, rows.attachments, opened.attachments, none, keys),
        convertStore(scriptStateCodec, rows.scriptState, opened.scriptState, none, keys),
      ]);
      return writes.flat();
    },
    write: async (writer, writes) => {
      await Promise.all(writes.map((write) => write(writer)));
    },
  });
}

async function openQuietly(key: CryptoKey | null, store: SealedStore, row: unknown): Promise<Record<string, unknown> | undefined> {
  try {
    const record = await openWith(key, store, row);
    return typeof record === 'object' && record !== null ? (record as Record<string, unknown>) : undefined;
  } catch (error) {
    if (!(error instanceof UnreadableRecordError)) throw error;
    // Unreadable with the key (changed on disk): keep it, it might be recovered some day.
    console.warn(`${error.message} It is left as it is.`);
    return undefined;
  }
}

/** The writes that bring one store to the target form; each row keeps its stamp. */
async function convertStore<S extends SealedStore>(
  codec: Codec<S>,
  rows: readonly RowOf<S>[],
  opened: readonly (Record<string, unknown> | undefined)[],
  plainOf: (id: string) => Partial<RecordOf<S>> | undefined,
  { toKey, fromKey }: { toKey: CryptoKey | null; fromKey: CryptoKey | null },
): Promise<PendingWrite[]> {
  const writes: PendingWrite[] = [];
  for (const [i, row] of rows.entries()) {
    const record = opened[i];
    if (record === undefined) continue;
    const plain = plainOf(String(record.id));
    // Already in the target form (sealed with this key, or plaintext): only a plaintext field (the
    // settled flag) may need refreshing, which needs no crypto.
    const done = toKey === null ? !isSealed(row) : toKey === fromKey && isSealed(row);
    if (done) {
      if (plain && Object.entries(plain).some(([field, value]) => Reflect.get(row, field) !== value)) {
        const patched = codec.converted({ ...row, ...plain });
        writes.push((writer) => writer.rewrite(codec.store, patched, row.rev));
      }
      continue;
    }
    // sealWith keeps the store's plaintext fields of a record that was checked when it was written.
    const converted = codec.converted((await sealWith(toKey, codec.store, { ...record, ...plain })) as RowOf<S>);
    writes.push((writer) => writer.rewrite(codec.store, converted, row.rev));
  }
  return writes;
}
