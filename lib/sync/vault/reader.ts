import { RemoteError, type RemoteEntry, type RemoteFiles } from '../remote';
import { decodeJson, deviceInfoSchema, segmentSchema, snapshotSchema, type Change, type DeviceInfo } from './contents';
import { VaultError } from './errors';
import { keyedName } from './keys';
import {
  BLOBS_FOLDER,
  blobPath,
  deviceInfoPath,
  DEVICES_FOLDER,
  lastSeqOfShard,
  MAX_FOLDER_ENTRIES,
  parseInfoName,
  parseSeqName,
  parseShardName,
  parseStagedName,
  segmentPath,
  segmentsFolder,
  shardFolder,
  snapshotPath,
  snapshotsFolder,
  VAULT_FILE_PATH,
} from './layout';
import { openFile } from './sealed-file';
import type { VaultContext } from './writer';

/**
 * Reading other devices' folders (and one's own, to compact it). Rules:
 *
 * - A file's absence never means a deletion: deletions are tombstones inside segments. A missing
 *   segment is a gap: reading stops before it and says so, and the next read tries again.
 * - Server modification times are never read; order comes from segment numbers alone.
 * - Only names of the layout are read: a temporary upload, a server's "0000000005 (1)" copy or
 *   anything else is skipped and reported, never opened.
 * - A file that does not open, or opens to content that is not what its path says, is refused
 *   and named; reading stops before it, so nothing of it and nothing after it is applied.
 * - Compaction may run while another device reads: when a segment disappears under the reader,
 *   the snapshot that replaced it is already there (it is written first), and the read starts
 *   again from it. The reader sees the snapshot or the segments, never neither.
 */

export type ReadProblem =
  | { kind: 'skipped'; path: string }
  | { kind: 'refused'; path: string; error: VaultError }
  | { kind: 'gap'; path: string }
  | { kind: 'listing-at-limit'; path: string };

export interface DeviceRead {
  readonly device: string;
  /**
   * The changes after the cursor given, in order: when a snapshot newer than the cursor was
   * needed, its changes come first and restate the device's state up to it (changes already
   * applied come again; applying a change twice must change nothing).
   */
  readonly changes: Change[];
  /** Blob names the changes refer to. */
  readonly blobs: string[];
  /** The last segment number now covered: the cursor for the next read. */
  readonly cursor: number;
  /** The snapshot read, if one was. */
  readonly snapshot: number | null;
  readonly problems: ReadProblem[];
}

const isRemote = (error: unknown, kind: RemoteError['kind']) => error instanceof RemoteError && error.kind === kind;

/** A folder's entries, [] when it does not exist, with a problem noted when the listing may have been cut. */
async function listFolder(remote: RemoteFiles, folder: string, problems: ReadProblem[]): Promise<RemoteEntry[]> {
  let entries: RemoteEntry[];
  try {
    entries = await remote.list(folder);
  } catch (error) {
    if (isRemote(error, 'not-found')) return [];
    throw error;
  }
  if (entries.length >= MAX_FOLDER_ENTRIES) problems.push({ kind: 'listing-at-limit', path: folder });
  return entries;
}

/** The numbers named in a folder (segments or snapshots), ascending; other names are reported as skipped. */
async function listNumbered(remote: RemoteFiles, folder: string, problems: ReadProblem[]): Promise<number[]> {
  const seqs: number[] = [];
  for (const entry of await listFolder(remote, folder, problems)) {
    const seq = entry.isFolder ? null : parseSeqName(entry.name);
    if (seq === null) problems.push({ kind: 'skipped', path: entry.path });
    else seqs.push(seq);
  }
  return seqs.sort((a, b) => a - b);
}

async function latestSnapshot(remote: RemoteFiles, device: string, problems: ReadProblem[]): Promise<number> {
  return (await listNumbered(remote, snapshotsFolder(device), problems)).at(-1) ?? 0;
}

/** Segment numbers above `after`, listing only the shards that can hold them. */
async function segmentsAfter(remote: RemoteFiles, device: string, after: number, problems: ReadProblem[]): Promise<number[]> {
  const shards: number[] = [];
  for (const entry of await listFolder(remote, segmentsFolder(device), problems)) {
    const shard = entry.isFolder ? parseShardName(entry.name) : null;
    if (shard === null) problems.push({ kind: 'skipped', path: entry.path });
    else if (lastSeqOfShard(shard) > after) shards.push(shard);
  }
  const seqs: number[] = [];
  for (const shard of shards.sort((a, b) => a - b)) {
    const folder = shardFolder(device, shard);
    for (const seq of await listNumbered(remote, folder, problems)) {
      // A segment filed in another shard than its number says is not where this layout puts it.
      if (!segmentPath(device, seq).startsWith(folder)) problems.push({ kind: 'skipped', path: `${folder}${String(seq).padStart(10, '0')}` });
      else if (seq > after) seqs.push(seq);
    }
  }
  return seqs.sort((a, b) => a - b);
}

/**
 * From listings alone (no file read): the device's latest snapshot and the segment numbers after
 * it, to decide whether compaction is due.
 */
export async function pendingSegments(ctx: VaultContext, device: string): Promise<{ snapshot: number; segments: number[] }> {
  const snapshot = await latestSnapshot(ctx.remote, device, []);
  return { snapshot, segments: await segmentsAfter(ctx.remote, device, snapshot, []) };
}

type Attempt = DeviceRead | 'again';

async function readOnce(ctx: VaultContext, device: string, after: number): Promise<Attempt> {
  const problems: ReadProblem[] = [];
  const changes: Change[] = [];
  const blobs = new Set<string>();
  let cursor = after;
  let snapshot: number | null = null;
  const done = (): DeviceRead => ({ device, changes, blobs: [...blobs], cursor, snapshot, problems });

  const latest = await latestSnapshot(ctx.remote, device, problems);
  if (latest > after) {
    const path = snapshotPath(device, latest);
    const bytes = await ctx.remote.get(path);
    if (!bytes) return 'again'; // replaced by a newer one since the listing
    try {
      const opened = decodeJson(snapshotSchema, await openFile(ctx.keys, path, bytes), path);
      if (opened.device !== device || opened.upTo !== latest) throw new VaultError('file-damaged', path, 'content does not match its path');
      changes.push(...opened.changes);
      for (const blob of opened.blobs) blobs.add(blob);
    } catch (error) {
      if (!(error instanceof VaultError)) throw error;
      problems.push({ kind: 'refused', path, error });
      return done();
    }
    cursor = latest;
    snapshot = latest;
  }

  const seqs = await segmentsAfter(ctx.remote, device, cursor, problems);
  for (const seq of seqs) {
    const path = segmentPath(device, seq);
    const bytes = seq === cursor + 1 ? await ctx.remote.get(path) : null;
    if (!bytes) {
      // Missing: either compaction removed it (a snapshot now covers it) or it is a gap.
      if ((await latestSnapshot(ctx.remote, device, [])) > latest) return 'again';
      problems.push({ kind: 'gap', path: segmentPath(device, cursor + 1) });
      break;
    }
    try {
      const opened = decodeJson(segmentSchema, await openFile(ctx.keys, path, bytes), path);
      if (opened.device !== device || opened.seq !== seq) throw new VaultError('file-damaged', path, 'content does not match its path');
      changes.push(...opened.changes);
      for (const blob of opened.blobs) blobs.add(blob);
    } catch (error) {
      if (!(error instanceof VaultError)) throw error;
      problems.push({ kind: 'refused', path, error });
      break;
    }
    cursor = seq;
  }
  // The segments may have been listed after a compaction removed them: the listing then ends early
  // with nothing missing. Compaction writes its snapshot first, so a newer snapshot is there now.
  if (!problems.some((problem) => problem.kind !== 'skipped' && problem.kind !== 'listing-at-limit') && (await latestSnapshot(ctx.remote, device, [])) > latest) {
    return 'again';
  }
  return done();
}

/**
 * A device's changes after segment `after` (0: from the start). Tries again, from the top, when
 * compaction moved segments into a snapshot under it; a few times at most.
 */
export async function readDevice(ctx: VaultContext, device: string, after = 0): Promise<DeviceRead> {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const read = await readOnce(ctx, device, after);
    if (read !== 'again') return read;
  }
  return { device, changes: [], blobs: [], cursor: after, snapshot: null, problems: [{ kind: 'gap', path: segmentPath(device, after + 1) }] };
}

export interface VaultRoot {
  /** The devices of the vault, by their opaque ids: those with an info file. */
  readonly devices: string[];
  /** Each device's info file as listed (its ETag and size). */
  readonly infos: ReadonlyMap<string, RemoteEntry>;
  /** The vault file as listed; null when the listing did not show it (which proves nothing). */
  readonly vault: RemoteEntry | null;
  /** Segments in progress beside the vault file (`t-<device>-<random>`), with their devices: never read, only their own device's checked or removed. */
  readonly staged: readonly { device: string; entry: RemoteEntry }[];
  readonly problems: ReadProblem[];
}

/**
 * One listing of the vault folder: the vault file and every device's info file, with their ETags,
 * so that a sync learns in one request whether anything changed. Anything else there is skipped
 * and reported.
 */
export async function listDevices(ctx: VaultContext): Promise<VaultRoot> {
  const problems: ReadProblem[] = [];
  const infos = new Map<string, RemoteEntry>();
  const staged: { device: string; entry: RemoteEntry }[] = [];
  let vault: RemoteEntry | null = null;
  for (const entry of await listFolder(ctx.remote, '', problems)) {
    const device = entry.isFolder ? null : parseInfoName(entry.name);
    const stagedBy = entry.isFolder ? null : parseStagedName(entry.name);
    if (device !== null) infos.set(device, entry);
    else if (stagedBy !== null) staged.push({ device: stagedBy, entry });
    else if (entry.path === VAULT_FILE_PATH) vault = entry;
    else if (entry.path !== DEVICES_FOLDER && entry.path !== BLOBS_FOLDER) problems.push({ kind: 'skipped', path: entry.path });
  }
  return { devices: [...infos.keys()].sort(), infos, vault, staged, problems };
}

/** Reads past the info file's count by listings when more than this many segments are new: a snapshot may spare reading them one by one. */
const DIRECT_READ_LIMIT = 16;

/**
 * A device's changes after segment `after` up to `upTo` (its info file's `lastSeq`), read by their
 * names without listing a folder: one GET per segment. When one is not there (compaction replaced
 * it with a snapshot, or it has not arrived), or more are new than a few, this is `readDevice`,
 * which lists. A file that does not open stops the read before it, as in `readDevice`.
 */
export async function readDeviceUpTo(ctx: VaultContext, device: string, after: number, upTo: number): Promise<DeviceRead> {
  if (upTo - after > DIRECT_READ_LIMIT) return readDevice(ctx, device, after);
  const changes: Change[] = [];
  const blobs = new Set<string>();
  let cursor = after;
  const done = (problems: ReadProblem[]): DeviceRead => ({ device, changes, blobs: [...blobs], cursor, snapshot: null, problems });
  for (let seq = after + 1; seq <= upTo; seq += 1) {
    const path = segmentPath(device, seq);
    const bytes = await ctx.remote.get(path);
    if (!bytes) return readDevice(ctx, device, after);
    try {
      const opened = decodeJson(segmentSchema, await openFile(ctx.keys, path, bytes), path);
      if (opened.device !== device || opened.seq !== seq) throw new VaultError('file-damaged', path, 'content does not match its path');
      changes.push(...opened.changes);
      for (const blob of opened.blobs) blobs.add(blob);
    } catch (error) {
      if (!(error instanceof VaultError)) throw error;
      return done([{ kind: 'refused', path, error }]);
    }
    cursor = seq;
  }
  return done([]);
}

/** A device's info, or null while it has written none. */
export async function readDeviceInfo(ctx: VaultContext, device: string): Promise<DeviceInfo | null> {
  const path = deviceInfoPath(device);
  const bytes = await ctx.remote.get(path);
  if (!bytes) return null;
  const info = decodeJson(deviceInfoSchema, await openFile(ctx.keys, path, bytes), path);
  if (info.device !== device) throw new VaultError('file-damaged', path, 'content does not match its path');
  return info;
}

/** A blob's bytes, or null while it is not there; refused (named) unless its content has its name. */
export async function readBlob(ctx: VaultContext, name: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const path = blobPath(name);
  const bytes = await ctx.remote.get(path);
  if (!bytes) return null;
  const plain = await openFile(ctx.keys, path, bytes);
  if ((await keyedName(ctx.keys, 'blob', plain)) !== name) throw new VaultError('file-damaged', path, 'content does not match its name');
  return plain;
}
