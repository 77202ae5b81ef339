import type { RemoteFiles } from '../remote';
import type { ReadProblem } from '../vault/reader';
import { listDevices, readDevice } from '../vault/reader';
import type { VaultKeys } from '../vault/keys';
import { cleanTemporary, writeDeviceInfo, writeSegment, type VaultContext } from '../vault/writer';
import { applyChanges } from './apply';
import { fetchAttachment, listWantedBlobs } from './blobs';
import { collectLocalChanges, markInfoWritten, markPushed } from './collect';
import { loadCursor, loadSelf } from './store';

/**
 * The sync engine: this device's local database on one side, the vault on the user's server on
 * the other (docs/sync-design.md, "Engine"). One sync:
 *
 * 1. push: this device's news since its last push (collect.ts) become its next segment, kept
 *    locally until the server has it; a segment left from an interrupted sync goes first, byte for
 *    byte the same, after the temporary files of that attempt are removed;
 * 2. pull: every other device's segments after the last one applied here are read (the vault
 *    reader refuses and names a damaged file, and stops before it) and applied in one transaction
 *    per device (apply.ts), with the cursor;
 * 3. blobs: images of attachments that arrived are fetched.
 *
 * Errors of the server (RemoteError) and of the vault (VaultError) are thrown as they are, their
 * kinds naming the problem; what was committed before stays, and the next sync carries on from it.
 */

export interface SyncRun {
  remote: RemoteFiles;
  keys: VaultKeys;
  deviceId: string;
  deviceName: string;
  signal?: AbortSignal;
  now?: () => number;
  onProgress?: (progress: { phase: 'pull' | 'push' | 'blobs'; done: number; total: number }) => void;
}

export interface SyncReport {
  pulled: number;
  pushed: number;
  conflicts: number;
  problems: ReadProblem[];
}

export { listConflicts, keepVersion, listSamePaymentQuestions, dismissSamePaymentQuestion, type Conflict, type ConflictVersion } from './conflicts';
export { fetchAttachment, listWantedBlobs } from './blobs';

/** One sync: pull every other device's new segments, merge, apply locally through the write path, push this device's new local changes. Throws RemoteError / VaultError (their kinds name the problem). */
export async function syncDevice(run: SyncRun): Promise<SyncReport> {
  const now = run.now ?? Date.now;
  const ctx: VaultContext = { remote: run.remote, keys: run.keys };
  const check = () => run.signal?.throwIfAborted();
  const report: SyncReport = { pulled: 0, pushed: 0, conflicts: 0, problems: [] };

  // Push.
  check();
  const before = await loadSelf();
  // An earlier attempt stopped mid-upload: its temporary files go before it is sent again.
  if (before.pending) await cleanTemporary(ctx, run.deviceId);
  for (let round = 0; round < 2; round += 1) {
    const pending = await collectLocalChanges(run.keys, now());
    if (!pending) break;
    run.onProgress?.({ phase: 'push', done: 0, total: pending.changes.length });
    check();
    await writeSegment(ctx, run.deviceId, pending.seq, pending.changes, pending.blobs);
    await markPushed(pending.seq, now());
    report.pushed += pending.changes.length;
    run.onProgress?.({ phase: 'push', done: pending.changes.length, total: pending.changes.length });
    // A pending segment from before was sent: gather what changed since, once.
    if (!before.pending || round > 0) break;
  }
  const self = await loadSelf();
  if (report.pushed > 0 || !self.infoWritten) {
    check();
    await writeDeviceInfo(ctx, { v: 1, kind: 'info', device: run.deviceId, name: run.deviceName, lastChangeAt: self.lastChangeAt, lastSeq: self.nextSeq - 1 });
    if (!self.infoWritten) await markInfoWritten(now());
  }

  // Pull.
  check();
  const { devices, problems } = await listDevices(ctx);
  report.problems.push(...problems);
  const others = devices.filter((device) => device !== run.deviceId);
  for (const [done, device] of others.entries()) {
    run.onProgress?.({ phase: 'pull', done, total: others.length });
    check();
    const cursor = await loadCursor(device);
    const read = await readDevice(ctx, device, cursor);
    report.problems.push(...read.problems);
    if (read.changes.length === 0 && read.cursor === cursor) continue;
    const applied = await applyChanges(device, read.changes, read.cursor, now());
    report.pulled += applied.applied;
    report.conflicts += applied.conflicts;
  }
  run.onProgress?.({ phase: 'pull', done: others.length, total: others.length });

  // Blobs.
  const wanted = await listWantedBlobs();
  for (const [done, item] of wanted.entries()) {
    run.onProgress?.({ phase: 'blobs', done, total: wanted.length });
    check();
    await fetchAttachment(ctx, item.attachmentId, now());
  }
  if (wanted.length > 0) run.onProgress?.({ phase: 'blobs', done: wanted.length, total: wanted.length });
  return report;
}
