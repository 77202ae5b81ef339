import { browser } from 'wxt/browser';
import type { FromOffscreen, OffscreenJob } from '../../lib/browser/offscreen-protocol';
import { pushHere } from '../../lib/calendar/push-schedule';
import { announceWith } from '../../lib/db/write';
import { isSyncReason, syncHere } from '../../lib/sync/background';

// What this document commits (what a sync pulled) is reported to the worker, which re-arms
// reminders and pushes the calendar as it does after its own writes.
announceWith((change) => {
  const message: FromOffscreen = { offscreenCommitted: { mutation: change.mutation, stores: [...change.stores] } };
  browser.runtime.sendMessage(message).catch((error: unknown) => console.error('Reporting a change failed', error));
});

/** Runs one job; its result (JSON) is the worker's answer. */
export async function runJob(job: OffscreenJob): Promise<unknown> {
  if (job.kind === 'push') {
    await pushHere(Date.now());
    return null;
  }
  if (!isSyncReason(job.reason)) throw new Error(`Unknown sync reason: ${job.reason}`);
  return syncHere(job.reason);
}
