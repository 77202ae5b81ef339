import { browser } from 'wxt/browser';
import { runInOffscreen } from '../browser/offscreen';
import { SYNC_ACCOUNT_KEY } from './account';
import type { RunOutcome, SyncReason } from './run';

/**
 * What the background calls (entrypoints/background.ts): a sync now ("Sync now" in the options
 * page, the sweep alarm), or shortly after local changes. Without an account nothing else is
 * loaded; the runner and the engine come in only when there is something to sync, in the offscreen
 * document (lib/browser/offscreen.ts), which keeps them out of the background itself.
 */

/** How long after a local change the sync waits, so a burst of edits goes up as one segment. */
export const SYNC_SOON_MS = 10_000;

let soon: ReturnType<typeof setTimeout> | undefined;

const SYNC_REASONS: readonly SyncReason[] = ['manual', 'alarm', 'data-changed', 'start'];

export function isSyncReason(reason: string): reason is SyncReason {
  return (SYNC_REASONS as readonly string[]).includes(reason);
}

/** A sync in the offscreen document; null without an account. Its answer crosses a message: only null or not matters to callers. */
export async function syncInBackground(reason: SyncReason): Promise<unknown> {
  const stored = await browser.storage.local.get(SYNC_ACCOUNT_KEY);
  if (stored[SYNC_ACCOUNT_KEY] === undefined) return null;
  return runInOffscreen({ kind: 'sync', reason });
}

/** Runs a sync in this context: the offscreen document's job. */
export async function syncHere(reason: SyncReason): Promise<RunOutcome> {
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
