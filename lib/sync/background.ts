import { browser } from 'wxt/browser';
import { SYNC_ACCOUNT_KEY } from './account';
import type { RunOutcome, SyncReason } from './run';

/**
 * What the background calls (entrypoints/background.ts): a sync now ("Sync now" in the options
 * page, the sweep alarm), or shortly after local changes. Without an account nothing else is
 * loaded; the runner and the engine come in only when there is something to sync.
 */

/** How long after a local change the sync waits, so a burst of edits goes up as one segment. */
export const SYNC_SOON_MS = 10_000;

let soon: ReturnType<typeof setTimeout> | undefined;

export async function syncInBackground(reason: SyncReason): Promise<RunOutcome | null> {
  const stored = await browser.storage.local.get(SYNC_ACCOUNT_KEY);
  if (stored[SYNC_ACCOUNT_KEY] === undefined) return null;
  const [{ runSync }, { syncDevice }] = await Promise.all([import('./run'), import('./engine/sync')]);
  return runSync({ reason, engine: syncDevice });
}

/**
 * After a local change: one sync a little later, each new change moving it on. A stopped worker
 * forgets the timer; the sweep alarm then syncs what is left.
 */
export function syncSoon(): void {
  clearTimeout(soon);
  soon = setTimeout(() => {
    syncInBackground('data-changed').catch((error: unknown) => console.error('Sync failed', error));
  }, SYNC_SOON_MS);
}

/** The engine's own writes (applying what was pulled) announce themselves too: they must not start another sync. */
export function isSyncWrite(mutation: string): boolean {
  return mutation.startsWith('sync-');
}
