import { RemoteError, sameEtag, type RemoteEntry, type RemoteFiles } from '../remote';
import { COMPACT_AFTER_SEGMENTS, compactDevice } from '../vault/compaction';
import type { DeviceRead, ReadProblem } from '../vault/reader';
import { encodeJson, type Change, type DeviceInfo } from '../vault/contents';
import { listDevices, readDevice, readDeviceInfo, readDeviceUpTo } from '../vault/reader';
import { VaultError } from '../vault/errors';
import type { VaultKeys } from '../vault/keys';
import { confirmVault } from '../vault/vault-file';
import { cleanTemporary, commitStaged, stageSegment, writeDeviceInfo, writeSegment, type VaultContext } from '../vault/writer';
import { applyChanges, saveCursor } from './apply';
import { fetchAttachment, listWantedBlobs } from './blobs';
import { collectLocalChanges, freezePending, markCompacted, markInfoWritten, markPushed, markVaultConfirmed, type Collected } from './collect';
import { loadCursor, loadSelf, type CursorRow } from './store';

/**
 * The sync engine: this device's local database on one side, the vault on the user's server on
 * the other (docs/sync-design.md, "Engine"). One sync:
 *
 * 0. one listing of the vault folder: the vault file and every device's info file with their
 *    ETags. The vault file is read again (and must still be this vault) only when its ETag is not
 *    the one seen last; a device whose info file has the ETag seen when all it pointed at was
 *    applied has nothing new, and costs no request (docs/sync-design.md, "Requests");
 * 1. push: this device's news since its last push (collect.ts) become its next segment, kept
 *    locally until the server has it, and go up under a temporary name beside the vault file
 *    before step 0's listing, which shows its size; a whole one is then moved to its name. A
 *    segment left from an interrupted sync goes first, byte for byte the same, and the
 *    temporary files of that attempt are removed;
 * 2. pull: every other device's segments after the last one applied here, up to its info file's
 *    last segment, are read by name; a device is listed instead the first time, hourly, and when
 *    a segment is not where its number puts it (the vault
 *    reader refuses and names a damaged file, and stops before it) and applied in one transaction
 *    per device (apply.ts), with the cursor;
 * 3. blobs: images of attachments that arrived are fetched;
 * 4. compaction: once COMPACT_AFTER_SEGMENTS of this device's segments are outside its snapshot
 *    (counted here, no request), they are folded into a new one (vault/compaction.ts). It reads
 *    them all back, so it waits an hour after the server was busy or away, and a day after one of
 *    them did not open (named among the problems); the sync itself has succeeded either way.
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
  /** Tests only: compact after this many segments instead of COMPACT_AFTER_SEGMENTS. */
  compactAfterSegments?: number;
  /** Tests only: the largest open segment (JSON bytes) the info file carries, instead of TAIL_LIMIT_BYTES (0: every change goes as a file). */
  tailLimit?: number;
}

export interface SyncReport {
  pulled: number;
  pushed: number;
  conflicts: number;
  problems: ReadProblem[];
}

/** After a compaction that could not finish, the next one waits this long: the server was busy or away. */
export const COMPACT_RETRY_MS = 3_600_000;
/** …or one of this device's own files did not open: reading them all again soon would find it the same. */
export const COMPACT_RETRY_DAMAGED_MS = 86_400_000;

/**
 * The largest open segment, as JSON, that travels in the info file's tail (a few agreements'
 * worth). Every reader downloads the info file whenever it changes, so a bigger one goes as a file.
 */
export const TAIL_LIMIT_BYTES = 16_384;

/** What an info file's tail holds, in a few characters: written again whenever this changes. */
const tailMark = (seq: number, tail: readonly Change[]) => (tail.length === 0 ? '' : `${String(seq)}:${String(tail.length)}:${tail.reduce((max, change) => (change.rev > max ? change.rev : max), '')}`);

/** A device's folders are listed at least this often, whatever its info file says (a server that kept an old info file must not hide new segments for ever). */
export const LISTING_INTERVAL_MS = 3_600_000;

/** An ETag that changes whenever the content does; a weak one (Apache's in the first second of a file) is not trusted to. */
const strongEtag = (entry: RemoteEntry | null | undefined) => (entry?.etag !== undefined && !entry.etag.startsWith('W/') ? entry.etag : undefined);

/**
 * Whether the info file a listing shows is not the one this device sent last: another size, or
 * another ETag than the server gave its PUT (compared by `sameEtag`, as a server may rewrite it).
 * Only what both sides know is compared: a server may list no size or no ETag, or have given no
 * ETag to the PUT. A missing listing is the caller's to judge. Exported for its tests (sync.test.ts).
 */
export const notAsSent = (listed: RemoteEntry, sent: { size: number | undefined; etag: string | undefined }) =>
  (listed.size !== undefined && sent.size !== undefined && listed.size !== sent.size) || (listed.etag !== undefined && sent.etag !== undefined && !sameEtag(listed.etag, sent.etag));

const settledRead = (read: DeviceRead) => read.problems.every((problem) => problem.kind === 'skipped');

/**
 * A read of a device's segment files with its info file's tail after them, when the files reached
 * the info file's last segment (the tail is the segment after it, still open): changes applied
 * twice change nothing, so the tail's changes come again when they are filed, harmlessly.
 */
function withTail(device: string, after: number, files: DeviceRead | null, info: DeviceInfo | null): DeviceRead | null {
  const cursor = files?.cursor ?? after;
  if (!info?.tail?.length || cursor < info.lastSeq || (files !== null && !settledRead(files))) return files;
  return { device, changes: [...(files?.changes ?? []), ...info.tail], blobs: files?.blobs ?? [], cursor, snapshot: files?.snapshot ?? null, problems: files?.problems ?? [] };
}

/** A device's info file, or null when it is not there or does not open (cut short, damaged): the listings say what there is. */
async function infoOrNull(ctx: VaultContext, device: string): Promise<DeviceInfo | null> {
  try {
    return await readDeviceInfo(ctx, device);
  } catch (error) {
    if (!(error instanceof VaultError)) throw error;
    return null;
  }
}

/** What is new from one other device, and the cursor to keep: by its info file, or by listing its folders. */
async function pullDevice(ctx: VaultContext, cursor: CursorRow, listed: RemoteEntry | undefined, now: number): Promise<{ read: DeviceRead | null; next: CursorRow }> {
  const { device } = cursor;
  const tag = strongEtag(listed);
  const { infoEtag: _seen, ...rest } = cursor; // eslint-disable-line @typescript-eslint/no-unused-vars -- dropped: set again below only when earned
  const listingDue = cursor.listedAt === undefined || now - cursor.listedAt >= LISTING_INTERVAL_MS || now < cursor.listedAt;
  if (!listingDue) {
    if (tag !== undefined && tag === cursor.infoEtag) return { read: null, next: cursor };
    const info = await infoOrNull(ctx, device);
    if (info !== null) {
      const files = info.lastSeq <= cursor.seq ? null : await readDeviceUpTo(ctx, device, cursor.seq, info.lastSeq);
      const complete = files === null || (settledRead(files) && files.cursor >= info.lastSeq);
      return { read: withTail(device, cursor.seq, files, info), next: { ...rest, seq: files?.cursor ?? cursor.seq, ...(complete && tag !== undefined ? { infoEtag: tag } : {}) } };
    }
  }
  // The info file listed was written after the segments it counts, and before this listing of them.
  const files = await readDevice(ctx, device, cursor.seq);
  // The open segment is in the info file alone: read again when it changed since it was applied.
  const info = settledRead(files) && (tag === undefined || tag !== cursor.infoEtag) ? await infoOrNull(ctx, device) : null;
  return {
    read: withTail(device, cursor.seq, files, info),
    next: { ...rest, seq: files.cursor, listedAt: now, ...(settledRead(files) && tag !== undefined ? { infoEtag: tag } : {}) },
  };
}

/** One sync: pull every other device's new segments, merge, apply locally through the write path, push this device's new local changes. Throws RemoteError / VaultError (their kinds name the problem). */
export async function syncDevice(run: SyncRun): Promise<SyncReport> {
  const now = run.now ?? Date.now;
  const ctx: VaultContext = { remote: run.remote, keys: run.keys };
  const check = () => run.signal?.throwIfAborted();
  const report: SyncReport = { pulled: 0, pushed: 0, conflicts: 0, problems: [] };

  // Push, first part. This device's news join its open segment (collect.ts). A small one without
  // images travels in the info file's tail, replaced in place below: one request. One too big for
  // it, with images, or whose upload as a file had begun (sent again the same) goes up as a file:
  // under a temporary name beside the vault file first, so that the listing below shows its size.
  check();
  const before = await loadSelf();
  const tailLimit = run.tailLimit ?? TAIL_LIMIT_BYTES;
  const asFile = ({ segment }: Collected) => !segment.open || segment.blobs.length > 0 || encodeJson(segment.changes).length > tailLimit;
  const first = await collectLocalChanges(run.keys, now());
  let staged = null;
  if (first && asFile(first)) {
    run.onProgress?.({ phase: 'push', done: 0, total: first.segment.changes.length });
    await freezePending(first.segment.seq, now());
    try {
      staged = await stageSegment(ctx, run.deviceId, first.segment.seq, first.segment.changes, first.segment.blobs);
    } catch (error) {
      // The vault folder is not where it was: the listing below says so in its own words.
      if (!(error instanceof RemoteError && (error.kind === 'conflict' || error.kind === 'not-found'))) throw error;
    }
  }

  // The vault folder, and the vault file: nothing is moved into place in a vault that is not this one any more.
  check();
  let root;
  try {
    root = await listDevices(ctx);
    report.problems.push(...root.problems);
    const vaultTag = strongEtag(root.vault);
    if (vaultTag === undefined || vaultTag !== before.vaultEtag) {
      await confirmVault(run.remote, run.keys.vaultId);
      if (vaultTag !== undefined) await markVaultConfirmed(vaultTag, now());
    }
  } catch (error) {
    // The temporary file is not left behind in a vault that is not this one (or when the listing failed: the next sync removes it).
    if (staged && error instanceof VaultError) await run.remote.remove(staged.temp).catch(() => undefined);
    throw error;
  }
  // Temporary segments of this device's interrupted syncs.
  for (const { device, entry } of root.staged) if (device === run.deviceId && entry.path !== staged?.temp) await run.remote.remove(entry.path);

  // Push, second part.
  check();
  // An earlier attempt stopped while uploading a file: its temporary files go before it is sent again.
  if (before.pending && !before.pending.open) await cleanTemporary(ctx, run.deviceId);
  // The open segment the info file carries after this sync, if any.
  let open: Collected | null = null;
  const listedInfo = root.infos.get(run.deviceId);
  // The info file last sent carried a tail, and the listing shows another size or another ETag than
  // the server gave it (cut short, or not replaced by a server that kept the old file, which may be
  // of the same size): the open segment goes as a file instead. One not listed is not taken as
  // lost: the info file is then written again below, its tail with it.
  const tailLost = (before.infoCarries ?? '') !== '' && listedInfo !== undefined && notAsSent(listedInfo, { size: before.infoSize, etag: before.infoSentEtag });
  const file = async (collected: Collected, stagedHere: typeof staged) => {
    const { segment } = collected;
    if (stagedHere) {
      await commitStaged(ctx, stagedHere, root.staged.find(({ entry }) => entry.path === stagedHere.temp)?.entry);
    } else {
      await freezePending(segment.seq, now());
      await writeSegment(ctx, run.deviceId, segment.seq, segment.changes, segment.blobs);
    }
    await markPushed(segment.seq, now());
    report.pushed += collected.added || segment.changes.length;
    run.onProgress?.({ phase: 'push', done: segment.changes.length, total: segment.changes.length });
  };
  if (first && !asFile(first) && !tailLost) {
    open = first;
  } else if (first) {
    await file(first, staged);
    // A segment from before went first: what changed since, once.
    if (first.added === 0) {
      check();
      const next = await collectLocalChanges(run.keys, now());
      if (next && asFile(next)) await file(next, null);
      else open = next;
    }
  }
  const self = await loadSelf();
  // Not listed, or listed with another size than was sent: written again (a listing that leaves it out proves nothing, and writing it costs one request).
  // By size alone, unlike tailLost: a tail lost by its ETag went as a file above, and that push
  // writes the info file anyway; one without a tail that the server kept old (of the same size)
  // only delays its segments until the readers list them (hourly). Comparing ETags here would also
  // write it on every sync against a server that lists another ETag than its PUT gave.
  const infoOff = listedInfo === undefined || notAsSent(listedInfo, { size: self.infoSize, etag: undefined });
  const tail = open?.segment.changes ?? [];
  const carries = tailMark(open?.segment.seq ?? 0, tail);
  if (report.pushed > 0 || !self.infoWritten || infoOff || (self.infoCarries ?? '') !== carries) {
    check();
    const sent = await writeDeviceInfo(ctx, {
      v: 1,
      kind: 'info',
      device: run.deviceId,
      name: run.deviceName,
      lastChangeAt: self.lastChangeAt,
      lastSeq: self.nextSeq - 1,
      ...(tail.length > 0 ? { tail } : {}),
    });
    await markInfoWritten(sent, carries, now());
    // The tail's news, or all of it when an earlier attempt to send it did not get through.
    if (open && (self.infoCarries ?? '') !== carries) report.pushed += open.added || tail.length;
  }

  // Pull.
  const others = root.devices.filter((device) => device !== run.deviceId);
  for (const [done, device] of others.entries()) {
    run.onProgress?.({ phase: 'pull', done, total: others.length });
    check();
    const cursor = await loadCursor(device);
    const { read, next } = await pullDevice(ctx, cursor, root.infos.get(device), now());
    if (read) report.problems.push(...read.problems);
    if (!read || (read.changes.length === 0 && read.cursor === cursor.seq)) {
      if (JSON.stringify(next) !== JSON.stringify(cursor)) await saveCursor(next, now());
      continue;
    }
    const applied = await applyChanges(read.changes, next, now());
    report.pulled += applied.applied;
    report.conflicts += applied.conflicts;
  }
  run.onProgress?.({ phase: 'pull', done: others.length, total: others.length });

  // Blobs.
  const wanted = await listWantedBlobs(now());
  for (const [done, item] of wanted.entries()) {
    run.onProgress?.({ phase: 'blobs', done, total: wanted.length });
    check();
    await fetchAttachment(ctx, item.attachmentId, now());
  }
  if (wanted.length > 0) run.onProgress?.({ phase: 'blobs', done: wanted.length, total: wanted.length });

  check();
  await compactIfDue(ctx, run.deviceId, run.compactAfterSegments ?? COMPACT_AFTER_SEGMENTS, now(), report);
  return report;
}

/** Step 4: this device's segments folded into a snapshot, when enough have gathered since the last one. */
async function compactIfDue(ctx: VaultContext, deviceId: string, after: number, now: number, report: SyncReport): Promise<void> {
  const self = await loadSelf();
  const last = self.nextSeq - 1;
  if ((self.pending && !self.pending.open) || last - (self.compactedUpTo ?? 0) < after || (self.compactAfter ?? 0) > now) return;
  try {
    // null: fewer wait on the server than counted here (an earlier run's snapshot got there); counted again from here.
    const upTo = (await compactDevice(ctx, deviceId, after)) ?? last;
    await markCompacted({ compactedUpTo: upTo }, now);
  } catch (error) {
    if (error instanceof VaultError) {
      report.problems.push({ kind: 'refused', path: error.path, error });
      await markCompacted({ compactAfter: now + COMPACT_RETRY_DAMAGED_MS }, now);
    } else if (error instanceof RemoteError) {
      await markCompacted({ compactAfter: now + COMPACT_RETRY_MS }, now);
    } else {
      throw error;
    }
  }
}
