/**
 * Records at rest with the lock on (docs/lock-design.md; the sealing itself is in
 * ./sealing-core.ts). The codecs (./codec.ts) call this: light enough for every first screen,
 * since a user without the lock loads no crypto at all (plaintext rows pass straight through).
 *
 * Async, so never inside a transaction: seal before one opens, open after it is done. `now` is
 * when the caller acts: the lock's idle deadline is judged at that time.
 */

import { currentRecordKey, lockKnownOff } from '../keys/state';
import type { SealedStore } from './rows';

export type { SealedStore };

/** Whether a stored row carries a sealed part (and so needs the key to be read). */
export const isSealed = (row: unknown): boolean => typeof row === 'object' && row !== null && 'sealed' in row;

/**
 * Stored rows made readable, in order. A row that does not open (changed on disk) is reported and
 * comes back as undefined, like a record that fails its schema. Throws LockedError when a row is
 * sealed and the lock is closed.
 */
export async function openRows(store: SealedStore, rows: readonly unknown[], now: number): Promise<unknown[]> {
  if (!rows.some(isSealed)) return [...rows];
  return (await import('./sealing-core')).openRows(store, rows, now);
}

/** A record as it is to be stored now: sealed while the lock is on. Throws LockedError while locked. */
export async function sealRecord(store: SealedStore, record: object, now: number): Promise<object> {
  // Known off: no module to load, no storage to ask, so a write right before a page closes still lands.
  if (lockKnownOff()) return record;
  return (await import('./sealing-core')).sealRecord(store, record, now);
}

/** Throws LockedError while locked, so a deletion never removes what the user cannot see. Free with the lock off. */
export async function requireUnlocked(now: number): Promise<void> {
  if (lockKnownOff()) return;
  await currentRecordKey(now);
}
