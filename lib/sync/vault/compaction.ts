import { RemoteError } from '../remote';
import { encodeJson, outdatedBy, type Change, type Snapshot } from './contents';
import { VaultError } from './errors';
import { lastSeqOfShard, parseSeqName, parseShardName, segmentsFolder, shardFolder, snapshotPath, snapshotsFolder } from './layout';
import { pendingSegments, readDevice } from './reader';
import { sealFile } from './sealed-file';
import { ensureFolder, uploadThroughTemp, type VaultContext } from './writer';

/**
 * Compaction of this device's own folder: everything up to its latest segment N becomes one
 * snapshot, then the segments it covers and older snapshots are removed, in that order:
 *
 *   1. snapshot N is uploaded (temporary name, size check, MOVE): from now on a reader that
 *      lists c/ finds it;
 *   2. segments ≤ N are removed, whole shards at once where the snapshot covers them;
 *   3. snapshots older than N are removed.
 *
 * A reader that listed the segments before step 2 and finds one gone lists c/ again and starts
 * from the snapshot (reader.ts): it sees the snapshot or the segments, never neither. Keeps every
 * folder of the device small: s/ holds the shards written since the last compaction, c/ one
 * snapshot (two between steps 1 and 3).
 */

/**
 * Compact once this many segments are not yet in a snapshot: fewer than a shard holds, and few
 * enough to read back in one sync (one GET each, of the ~600 requests per 30 minutes 坚果云's free
 * plan allows).
 */
export const COMPACT_AFTER_SEGMENTS = 100;

const isRemote = (error: unknown, kind: RemoteError['kind']) => error instanceof RemoteError && error.kind === kind;

/**
 * The changes of each record that no later one includes, in the order each record was last
 * written: nearly always its latest change alone, and also an earlier one that a later edit left
 * out (an edit of the version shown while this device's own version was the other one).
 */
export function collapseChanges(changes: readonly Change[]): Change[] {
  const byRecord = new Map<string, Change[]>();
  for (const change of changes) {
    const key = `${change.store}\u0000${change.id}`;
    const kept = (byRecord.get(key) ?? []).filter((earlier) => !outdatedBy(earlier, change));
    byRecord.delete(key);
    byRecord.set(key, [...kept, change]);
  }
  return [...byRecord.values()].flat();
}

/**
 * Compacts the device's folder when at least `minSegments` segments are outside a snapshot (all
 * of them with 1). Refuses, changing nothing, when any of its files does not read: a damaged
 * segment must not be folded away. Returns the snapshot's number, or null when there was nothing
 * to do.
 */
export async function compactDevice(ctx: VaultContext, device: string, minSegments = COMPACT_AFTER_SEGMENTS): Promise<number | null> {
  if ((await pendingSegments(ctx, device)).segments.length < Math.max(1, minSegments)) return null;
  const read = await readDevice(ctx, device, 0);
  const blocking = read.problems.find((problem) => problem.kind === 'refused' || problem.kind === 'gap');
  if (blocking) throw blocking.kind === 'refused' ? blocking.error : new VaultError('file-damaged', blocking.path, 'missing segment');
  const upTo = read.cursor;
  if (upTo === 0 || upTo - (read.snapshot ?? 0) < minSegments) return null;

  const path = snapshotPath(device, upTo);
  const snapshot: Snapshot = { v: 1, kind: 'snapshot', device, upTo, changes: collapseChanges(read.changes), blobs: read.blobs };
  const sealed = await sealFile(ctx.keys, path, encodeJson(snapshot), { compress: true });
  await uploadSnapshot(ctx, device, path, sealed);

  for (const entry of await listOrEmpty(ctx, segmentsFolder(device))) {
    const shard = entry.isFolder ? parseShardName(entry.name) : null;
    if (shard === null) continue;
    if (lastSeqOfShard(shard) <= upTo) {
      await ctx.remote.remove(shardFolder(device, shard));
      continue;
    }
    for (const file of await listOrEmpty(ctx, shardFolder(device, shard))) {
      const seq = parseSeqName(file.name);
      if (seq !== null && seq <= upTo) await ctx.remote.remove(file.path);
    }
  }
  for (const entry of await listOrEmpty(ctx, snapshotsFolder(device))) {
    const seq = parseSeqName(entry.name);
    if (seq !== null && seq < upTo) await ctx.remote.remove(entry.path);
  }
  return upTo;
}

async function listOrEmpty(ctx: VaultContext, folder: string) {
  try {
    return await ctx.remote.list(folder);
  } catch (error) {
    if (isRemote(error, 'not-found')) return [];
    throw error;
  }
}

async function uploadSnapshot(ctx: VaultContext, device: string, path: string, sealed: Uint8Array<ArrayBuffer>): Promise<void> {
  await ensureFolder(ctx.remote, snapshotsFolder(device));
  // The same number twice covers the same segments: an earlier run's snapshot is as good.
  await uploadThroughTemp(ctx, device, path, sealed, false);
}
