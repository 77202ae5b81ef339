import { open, openText, seal } from '../../crypto/envelope-core';
import type { Envelope } from '../../crypto/envelope';
import { currentRecordKey, lockKnownOff } from '../../keys/state';

/**
 * Sync's bookkeeping rows that copy records — the versions held of each record (`rec/…`), the
 * segment waiting to be sent (`self.pending`), an attachment waiting for its image (`blob/…`) —
 * are sealed with the lock's key while the lock is on, as the records themselves are
 * (docs/lock-design.md). What stays readable is what the engine checks inside a transaction: keys,
 * stamps, segment numbers, blob names. The reminder states held stay plaintext, as the reminders
 * they restate do (the background shows reminders while the lock is closed).
 *
 * Async (WebCrypto), so never inside a transaction: open after reading, seal before writing. Rows
 * written before the lock was turned on (or by an older build) are plaintext and read as they are;
 * turning the lock on or off converts them (resealSyncRows).
 */

/** The sealed part of a row: a JSON value, and any bytes beside it (a pending segment's images). */
export interface SealedPart {
  sealed: Envelope;
  sealedBlobs?: Envelope[];
}

const aadOf = (rowKey: string, part: string) => `repay-companion/sync/${rowKey}/${part}`;

/** The key sync's rows are sealed with now: null with the lock off. Throws LockedError while locked. */
export async function syncRowKey(now: number): Promise<CryptoKey | null> {
  if (lockKnownOff()) return null;
  return currentRecordKey(now);
}

/** `value` (JSON) and `blobs` sealed for the row `rowKey`: an envelope moved to another row does not open there. */
export async function sealPart(key: CryptoKey, rowKey: string, value: unknown, blobs: readonly Uint8Array<ArrayBuffer>[] = []): Promise<SealedPart> {
  const sealed = await seal(key, JSON.stringify(value), aadOf(rowKey, 'value'));
  if (blobs.length === 0) return { sealed };
  return { sealed, sealedBlobs: await Promise.all(blobs.map((blob, i) => seal(key, blob, aadOf(rowKey, `blob-${String(i)}`)))) };
}

/**
 * What `sealPart` sealed, or undefined when it does not open: no key (the lock was turned off and
 * this row missed the conversion), or a changed byte. Such a row counts as absent, like a row that
 * fails its schema, and is reported once here.
 */
export async function openPart(key: CryptoKey | null, rowKey: string, part: { sealed: unknown; sealedBlobs?: readonly unknown[] }): Promise<{ value: unknown; blobs: Uint8Array<ArrayBuffer>[] } | undefined> {
  const unreadable = () => {
    console.warn(`Sync's row ${rowKey} does not open; it is left as it is.`);
    return undefined;
  };
  if (key === null) return unreadable();
  const text = await openText(key, part.sealed, aadOf(rowKey, 'value'));
  if (!text.ok) return unreadable();
  let value: unknown;
  try {
    value = JSON.parse(text.value);
  } catch {
    return unreadable();
  }
  const blobs: Uint8Array<ArrayBuffer>[] = [];
  for (const [i, envelope] of (part.sealedBlobs ?? []).entries()) {
    const bytes = await open(key, envelope, aadOf(rowKey, `blob-${String(i)}`));
    if (!bytes.ok) return unreadable();
    blobs.push(bytes.value);
  }
  return { value, blobs };
}
