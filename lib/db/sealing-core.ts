import { LockedError, currentRecordKey } from '../keys/state';

/**
 * The sealing itself (loaded through ./sealing.ts only when needed). Records at rest with the lock on (docs/lock-design.md): each record keeps in plaintext only what
 * indexes, reminders and the badge need; the rest is one AES-GCM envelope, `sealed`, bound to
 * `store/id` so an envelope copied onto another record does not open. An image's bytes are a
 * second envelope, `sealedBlob`. A record without `sealed` is plaintext: reads accept both, so a
 * conversion cut short never strands data.
 *
 * Async (WebCrypto), so never inside a transaction: seal before one opens, open after it is done.
 * The crypto code is loaded only when a sealed record is met or the lock is on, so the first
 * screen of a user without the lock carries none of it.
 */

import { PLAIN_FIELDS } from './rows';
import { isSealed, type SealedStore } from './sealing';

export type { SealedStore };

type Row = Record<string, unknown>;

const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);

const aadOf = (store: SealedStore, id: unknown, part: 'record' | 'blob') => `repay-companion/${store}/${String(id)}/${part}`;

/** A record as stored with `key` (null: as it is). The image of an attachment is read here, outside any transaction. */
export async function sealWith(key: CryptoKey | null, store: SealedStore, record: Row): Promise<Row> {
  if (key === null) return record;
  const { seal } = await import('../crypto/envelope-core');
  const plain: Row = {};
  const secret: Row = {};
  for (const [field, value] of Object.entries(record)) {
    if ((PLAIN_FIELDS[store] as readonly string[]).includes(field)) plain[field] = value;
    else if (!(store === 'attachments' && field === 'blob')) secret[field] = value;
  }
  plain.sealed = await seal(key, JSON.stringify(secret), aadOf(store, record.id, 'record'));
  if (store === 'attachments' && record.blob instanceof Blob) {
    plain.sealedBlob = await seal(key, new Uint8Array(await record.blob.arrayBuffer()), aadOf(store, record.id, 'blob'));
  }
  return plain;
}

/** Why a stored row could not be opened (with the right key): it was changed or is not ours. */
export class UnreadableRecordError extends Error {
  constructor(
    readonly store: SealedStore,
    readonly id: string,
  ) {
    super(`A sealed record in "${store}" (${id}) cannot be opened.`);
    this.name = 'UnreadableRecordError';
  }
}

/** A stored row as a plain record (the schema checks it afterwards); a plaintext row comes back as it is. */
export async function openWith(key: CryptoKey | null, store: SealedStore, row: unknown): Promise<unknown> {
  if (!isRow(row) || !('sealed' in row)) return row;
  if (key === null) throw new LockedError();
  const { open, openText } = await import('../crypto/envelope-core');
  const { sealed, sealedBlob, ...plain } = row;
  const text = await openText(key, sealed, aadOf(store, row.id, 'record'));
  if (!text.ok) throw new UnreadableRecordError(store, String(row.id));
  let secret: unknown;
  try {
    secret = JSON.parse(text.value);
  } catch {
    throw new UnreadableRecordError(store, String(row.id));
  }
  if (!isRow(secret)) throw new UnreadableRecordError(store, String(row.id));
  const record: Row = { ...secret, ...plain };
  if (sealedBlob !== undefined) {
    const bytes = await open(key, sealedBlob, aadOf(store, row.id, 'blob'));
    if (!bytes.ok) throw new UnreadableRecordError(store, String(row.id));
    record.blob = new Blob([bytes.value], { type: typeof secret.mimeType === 'string' ? secret.mimeType : '' });
  }
  return record;
}

/** A record as it is to be stored at `now`: sealed while the lock is on. Throws LockedError while locked. */
export async function sealRecord(store: SealedStore, record: object, now: number): Promise<Row> {
  return sealWith(await currentRecordKey(now), store, { ...record });
}

/**
 * Stored rows made readable, in order. A row that does not open (changed on disk) is reported and
 * comes back as undefined, like a record that fails its schema. Throws LockedError when a row is
 * sealed and the lock is closed. Plaintext rows cost nothing: the key is not even asked for.
 */
export async function openRows(store: SealedStore, rows: readonly unknown[], now: number): Promise<unknown[]> {
  if (!rows.some(isSealed)) return [...rows];
  const key = await currentRecordKey(now);
  return Promise.all(
    rows.map(async (row) => {
      try {
        return await openWith(key, store, row);
      } catch (error) {
        if (error instanceof UnreadableRecordError) {
          console.warn(error.message);
          return undefined;
        }
        throw error;
      }
    }),
  );
}
