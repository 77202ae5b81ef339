import { RemoteError, type RemoteEntry, type RemoteFiles } from '../remote';
import { encodeJson, type Change, type DeviceInfo, type Segment } from './contents';
import { VaultError } from './errors';
import { keyedName, type VaultKeys } from './keys';
import { blobPath, deviceInfoPath, newStagedPath, newTempPath, segmentPath, tempFolder } from './layout';
import { openFile, sealFile } from './sealed-file';

/**
 * Writing into this device's own folder. Every file but the info file goes up under a temporary name
 * (in d/<device>/t/, or for a sync's segment beside the vault file, where the sync's own listing
 * sees it), its size is checked against a listing, and only then is it MOVEd to its name: a file under a segment, snapshot, info or blob name is always complete, and a cut
 * upload stays a temporary file that no reader opens (Floccus moved to the same scheme after
 * truncated uploads; a server that reports no size still cannot show a half file under a real
 * name, and the AES-GCM tag refuses whatever a proxy cut after the check).
 *
 * Order: a segment's blobs first, then the segment. A segment's arrival under its name commits it
 * and everything it refers to.
 *
 * The info file is the exception: it is replaced in place with one PUT (it changes with every push,
 * and three requests instead of one would double what a change costs). It only points at segments,
 * which are complete under their names: an info file cut short does not open (its AES-GCM tag),
 * and a reader then lists the device's folders instead; one that arrived but is older than the
 * device's segments makes a reader wait, at most until its hourly listing (engine). The writer
 * compares the size listed with what it sent at its next sync and writes it again when they differ.
 */

export interface VaultContext {
  readonly remote: RemoteFiles;
  readonly keys: VaultKeys;
}

const isRemote = (error: unknown, kind: RemoteError['kind']) => error instanceof RemoteError && error.kind === kind;

function parentFolder(path: string): string {
  const trimmed = path.replace(/\/$/, '');
  return trimmed.slice(0, trimmed.lastIndexOf('/') + 1);
}

/** Makes `folder` and any missing parent (strict servers answer 409 to a MKCOL under a missing folder). */
export async function ensureFolder(remote: RemoteFiles, folder: string): Promise<void> {
  try {
    await remote.makeFolder(folder);
  } catch (error) {
    const parent = parentFolder(folder);
    if (!isRemote(error, 'conflict') || parent === '') throw error;
    await ensureFolder(remote, parent);
    await remote.makeFolder(folder);
  }
}

/**
 * Uploads `bytes` to `path` through a temporary name. Without `overwrite`, an existing file at
 * `path` is left alone and `'exists'` is returned (the temporary file removed).
 */
export async function uploadThroughTemp(ctx: VaultContext, device: string, path: string, bytes: Uint8Array<ArrayBuffer>, overwrite: boolean): Promise<'written' | 'exists'> {
  const temp = newTempPath(device);
  // The name is 16 random bytes: no other write can be there, and a conditional PUT would cost a
  // request on servers whose If-None-Match the client checks itself (webdav/client.ts).
  try {
    await ctx.remote.put(temp, bytes);
  } catch (error) {
    if (!isRemote(error, 'conflict')) throw error;
    await ensureFolder(ctx.remote, tempFolder(device));
    await ctx.remote.put(temp, bytes);
  }
  const listed = (await ctx.remote.list(tempFolder(device))).find((entry) => entry.path === temp);
  if (!listed || (listed.size !== undefined && listed.size !== bytes.length)) {
    await ctx.remote.remove(temp);
    throw new VaultError('upload-incomplete', path, `${listed?.size ?? 'no'} of ${bytes.length} bytes arrived`);
  }
  try {
    await moveInto(ctx.remote, temp, path, overwrite);
    return 'written';
  } catch (error) {
    if (!isRemote(error, 'precondition')) throw error;
    await ctx.remote.remove(temp);
    return 'exists';
  }
}

/** Whether `folder` is missing on the server (its listing answers 404). */
async function folderMissing(remote: RemoteFiles, folder: string): Promise<boolean> {
  try {
    await remote.list(folder);
    return false;
  } catch (error) {
    if (isRemote(error, 'not-found')) return true;
    throw error;
  }
}

async function moveInto(remote: RemoteFiles, from: string, to: string, overwrite: boolean): Promise<void> {
  try {
    await remote.move(from, to, { overwrite });
  } catch (error) {
    // A destination whose folder is missing: 409, as RFC 4918 says, or 500 from Apache's mod_dav,
    // which is told apart from a real failure by listing the folder (only after such an answer).
    const missing = isRemote(error, 'conflict') || (isRemote(error, 'server') && (await folderMissing(remote, parentFolder(to))));
    if (!missing) throw error;
    await ensureFolder(remote, parentFolder(to));
    await remote.move(from, to, { overwrite });
  }
}

/** The blob's name (a keyed hash of its bytes), uploading it unless the vault has it already. */
export async function writeBlob(ctx: VaultContext, device: string, bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const name = await keyedName(ctx.keys, 'blob', bytes);
  const path = blobPath(name);
  let present = false;
  try {
    present = (await ctx.remote.list(parentFolder(path))).some((entry) => entry.path === path);
  } catch (error) {
    if (!isRemote(error, 'not-found')) throw error;
  }
  // Images are compressed already: sealing them as they are keeps uploads small and fast.
  if (!present) await uploadThroughTemp(ctx, device, path, await sealFile(ctx.keys, path, bytes, { compress: false }), false);
  return name;
}

async function sealSegment(ctx: VaultContext, device: string, seq: number, changes: readonly Change[], blobNames: string[]) {
  const path = segmentPath(device, seq);
  const segment: Segment = { v: 1, kind: 'segment', device, seq, changes: [...changes], blobs: blobNames };
  const plain = encodeJson(segment);
  return { path, plain, bytes: await sealFile(ctx.keys, path, plain, { compress: true }) };
}

/** A segment whose number was taken: accepted when it is this very segment (a retry after a lost answer), refused otherwise. */
async function acceptExisting(ctx: VaultContext, path: string, plain: Uint8Array): Promise<void> {
  const existing = await ctx.remote.get(path);
  const opened = existing ? await openFile(ctx.keys, path, existing).catch(() => null) : null;
  if (!opened || opened.length !== plain.length || opened.some((byte, i) => byte !== plain[i])) throw new VaultError('sequence-taken', path);
}

/**
 * Writes segment `seq` of this device: `blobs` first (their names are returned, and listed in
 * the segment), then the segment. Segment numbers start at 1 and go up by one; a number already
 * taken by different content is refused (sequence-taken); the same content again (a retry after
 * a lost answer) is accepted.
 */
export async function writeSegment(
  ctx: VaultContext,
  device: string,
  seq: number,
  changes: readonly Change[],
  blobs: readonly Uint8Array<ArrayBuffer>[] = [],
): Promise<{ path: string; blobs: string[] }> {
  const names: string[] = [];
  for (const blob of blobs) names.push(await writeBlob(ctx, device, blob));
  const { path, plain, bytes } = await sealSegment(ctx, device, seq, changes, names);
  if ((await uploadThroughTemp(ctx, device, path, bytes, false)) === 'exists') await acceptExisting(ctx, path, plain);
  return { path, blobs: names };
}

/** A segment uploaded under a temporary name beside the vault file, waiting for the listing that shows its size. */
export interface StagedSegment {
  readonly device: string;
  readonly temp: string;
  readonly path: string;
  readonly size: number;
  readonly plain: Uint8Array;
  readonly blobs: readonly Uint8Array<ArrayBuffer>[];
}

/**
 * The first step of a segment's upload that costs no request of its own to check: the segment
 * (sealed for its real path) goes up under a temporary name in the vault folder, which the sync
 * lists next anyway. `commitStaged` then checks the size that listing shows, writes the blobs
 * and moves the segment into place.
 */
export async function stageSegment(ctx: VaultContext, device: string, seq: number, changes: readonly Change[], blobs: readonly Uint8Array<ArrayBuffer>[] = []): Promise<StagedSegment> {
  const names: string[] = [];
  for (const blob of blobs) names.push(await keyedName(ctx.keys, 'blob', blob));
  const { path, plain, bytes } = await sealSegment(ctx, device, seq, changes, names);
  const temp = newStagedPath(device);
  await ctx.remote.put(temp, bytes);
  return { device, temp, path, size: bytes.length, plain, blobs };
}

/** Moves a staged segment into place once `listed` (its entry in the vault folder's listing) shows it whole; its blobs go first. */
export async function commitStaged(ctx: VaultContext, staged: StagedSegment, listed: RemoteEntry | undefined): Promise<void> {
  if (!listed || (listed.size !== undefined && listed.size !== staged.size)) {
    await ctx.remote.remove(staged.temp);
    throw new VaultError('upload-incomplete', staged.path, `${listed?.size ?? 'no'} of ${staged.size} bytes arrived`);
  }
  for (const blob of staged.blobs) await writeBlob(ctx, staged.device, blob);
  try {
    await moveInto(ctx.remote, staged.temp, staged.path, false);
  } catch (error) {
    if (!isRemote(error, 'precondition')) throw error;
    await ctx.remote.remove(staged.temp);
    await acceptExisting(ctx, staged.path, staged.plain);
  }
}

/** Replaces this device's info file (its name, last change and last segment), in place: returns the bytes sent and the ETag the server gave, for the check at the next sync. */
export async function writeDeviceInfo(ctx: VaultContext, info: DeviceInfo): Promise<{ size: number; etag?: string }> {
  const path = deviceInfoPath(info.device);
  const bytes = await sealFile(ctx.keys, path, encodeJson(info), { compress: true });
  const { etag } = await ctx.remote.put(path, bytes);
  return { size: bytes.length, ...(etag === undefined ? {} : { etag }) };
}

/**
 * Removes what this device's interrupted uploads left in its temporary folder. Only the device
 * itself calls it, at the start of a sync: nothing else writes there, so nothing in use is removed.
 */
export async function cleanTemporary(ctx: VaultContext, device: string): Promise<number> {
  let entries;
  try {
    entries = await ctx.remote.list(tempFolder(device));
  } catch (error) {
    if (isRemote(error, 'not-found')) return 0;
    throw error;
  }
  for (const entry of entries) await ctx.remote.remove(entry.path);
  return entries.length;
}
