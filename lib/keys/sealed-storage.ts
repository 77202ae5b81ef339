import { browser } from 'wxt/browser';
import { currentRecordKey, LockedError } from './state';

/**
 * The few values kept in extension storage (storage.local) rather than IndexedDB that say something
 * personal: the script tab's typed figures, the user's own wording of script lines, screenshots
 * waiting for a panel. With the lock on they are sealed like the records (`{ sealed }`, bound to
 * their storage key); a plaintext value from before the lock is read as it is and sealed at the
 * next save, or when the lock turns on (resealStorage).
 */

const aadOf = (storageKey: string) => `repay-companion/storage/${storageKey}`;

const isSealedValue = (stored: unknown): stored is { sealed: unknown } => typeof stored === 'object' && stored !== null && 'sealed' in stored;

/** What to store: sealed with `key` (the current one when not given; null: as it is). Throws LockedError while locked. */
export async function sealForStorage(storageKey: string, value: unknown, key?: CryptoKey | null): Promise<unknown> {
  const recordKey = key === undefined ? await currentRecordKey() : key;
  if (recordKey === null) return value;
  // The crypto loads only when the lock is on.
  const { seal } = await import('../crypto/envelope-core');
  return { sealed: await seal(recordKey, JSON.stringify(value), aadOf(storageKey)) };
}

/**
 * A stored value made readable with `key` (the current one when not given), for the caller's schema
 * to check; null when it does not open (another key, damaged). Throws LockedError for a sealed value
 * while locked, or while the lock is off (the key is not given).
 */
export async function openFromStorage(storageKey: string, stored: unknown, key?: CryptoKey | null): Promise<unknown> {
  if (!isSealedValue(stored)) return stored;
  const recordKey = key === undefined ? await currentRecordKey() : key;
  if (recordKey === null) {
    if (key === undefined) throw new LockedError();
    return null;
  }
  const { openText } = await import('../crypto/envelope-core');
  const opened = await openText(recordKey, stored.sealed, aadOf(storageKey));
  if (!opened.ok) return null;
  try {
    return JSON.parse(opened.value) as unknown;
  } catch {
    return null;
  }
}

/** Every value under these prefixes re-stored under `to` (null: plaintext), opened with `from`; one that does not open is left as it is. */
export async function resealStorage(prefixes: readonly string[], from: CryptoKey | null, to: CryptoKey | null): Promise<void> {
  const all: Record<string, unknown> = await browser.storage.local.get(null);
  const next: Record<string, unknown> = {};
  for (const [storageKey, stored] of Object.entries(all)) {
    if (!prefixes.some((prefix) => storageKey.startsWith(prefix))) continue;
    const value = await openFromStorage(storageKey, stored, from);
    if (value !== null) next[storageKey] = await sealForStorage(storageKey, value, to);
  }
  if (Object.keys(next).length > 0) await browser.storage.local.set(next);
}
