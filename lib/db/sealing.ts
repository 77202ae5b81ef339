/**
 * Records at rest with the lock on (docs/lock-design.md; the sealing itself is in
 * ./sealing-core.ts). This is what the stores call: light enough for every first screen, since a
 * user without the lock loads no crypto at all (plaintext rows pass straight through).
 *
 * Async, so never inside a transaction: seal before one opens, open after it is done.
 */

import { lockKnownOff } from '../keys/state';

export type SealedStore = 'agreements' | 'payments' | 'notes' | 'sessions' | 'sessionNotes' | 'attachments';

/** Whether a stored row carries a sealed part (and so needs the key to be read). */
export const isSealed = (row: unknown): boolean => typeof row === 'object' && row !== null && 'sealed' in row;

/**
 * Stored rows made readable, in order. A row that does not open (changed on disk) is reported and
 * comes back as undefined, like a record that fails its schema. Throws LockedError when a row is
 * sealed and the lock is closed.
 */
export async function openRows(store: SealedStore, rows: readonly unknown[]): Promise<unknown[]> {
  if (!rows.some(isSealed)) return [...rows];
  return (await import('./sealing-core')).openRows(store, rows);
}

export async function openRow(store: SealedStore, row: unknown): Promise<unknown> {
  if (row === undefined) return undefined;
  const [opened] = await openRows(store, [row]);
  return opened;
}

/** Records as they are to be stored now: sealed while the lock is on. Throws LockedError while locked. */
export async function sealRecords(store: SealedStore, records: readonly Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  // Known off: no module to load, no storage to ask, so a write right before a page closes still lands.
  if (lockKnownOff()) return [...records];
  return (await import('./sealing-core')).sealRecords(store, records);
}

export async function sealRecord(store: SealedStore, record: Record<string, unknown>): Promise<Record<string, unknown>> {
  const [row] = await sealRecords(store, [record]);
  return row ?? record;
}
