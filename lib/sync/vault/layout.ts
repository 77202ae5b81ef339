import { randomBytes } from '../../crypto/bytes';
import { toHex } from './keys';

/**
 * Where each file of a vault lives, relative to the vault folder the user chose (docs/sync-design.md, "Remote format and encryption"):
 *
 *   vault                                  the vault file (vault-file.ts)
 *   info-<device>                          the device's name, last change and last segment, sealed
 *   d/<device>/s/<shard>/<seq>             segments: one batch of changes each, immutable
 *   d/<device>/c/<seq>                     snapshots: everything up to and including segment <seq>
 *   d/<device>/t/<random>                  uploads in progress, moved into place once complete
 *   t-<device>-<random>                    a segment in progress, put beside the vault file just before
 *                                          the sync's listing of it, which shows its size
 *   blobs/<2 hex>/<64 hex>                 attachments, named by a keyed hash of their content
 *
 * No lock file: each device writes only its own info file and under its own folder (and blobs,
 * whose name is their content, so two devices writing one name write the same thing). The info
 * files sit beside the vault file so that one listing of the vault folder shows, by their ETags,
 * whether the vault file or any device changed since the last sync (docs/sync-design.md,
 * "Requests"). `<device>` is 16 random bytes in
 * hex, made when the device first joins, never its name. Numbers are zero-padded so that names
 * sort in order and all have one length: no name carries a lender, an amount, a date or a count
 * of anything but this device's own segments.
 *
 * No folder grows past MAX_FOLDER_ENTRIES (坚果云 cuts listings at 750): a shard holds 500
 * segments, compaction removes the shards a snapshot covers, and c/ keeps the latest snapshot
 * (two for a moment while compacting). blobs/ has 256 folders.
 */

export const VAULT_FILE_PATH = 'vault';
export const DEVICES_FOLDER = 'd/';
export const BLOBS_FOLDER = 'blobs/';
export const SEGMENTS_PER_SHARD = 500;
export const MAX_FOLDER_ENTRIES = 700;

export const DEVICE_ID_PATTERN = /^[0-9a-f]{32}$/;
export const BLOB_NAME_PATTERN = /^[0-9a-f]{64}$/;
const SEQ_DIGITS = 10;
const SHARD_DIGITS = 6;
const SEQ_NAME = /^\d{10}$/;
const SHARD_NAME = /^\d{6}$/;
export const MAX_SEQ = 10 ** SEQ_DIGITS - 1;

/** Every path a vault may hold. A test checks that each file written matches it. */
export const VAULT_PATH_PATTERN =
  /^(?:vault|info-[0-9a-f]{32}|t-[0-9a-f]{32}-[0-9a-f]{32}|d\/[0-9a-f]{32}\/(?:s\/\d{6}\/\d{10}|c\/\d{10}|t\/[0-9a-f]{32})|blobs\/[0-9a-f]{2}\/[0-9a-f]{64})$/;

export function newDeviceId(): string {
  return toHex(randomBytes(16));
}

function pad(value: number, digits: number): string {
  return String(value).padStart(digits, '0');
}

function checkDevice(device: string): string {
  if (!DEVICE_ID_PATTERN.test(device)) throw new Error('Not a device folder id');
  return device;
}

function checkSeq(seq: number): number {
  if (!Number.isInteger(seq) || seq < 1 || seq > MAX_SEQ) throw new Error('Not a segment number');
  return seq;
}

export const deviceFolder = (device: string) => `${DEVICES_FOLDER}${checkDevice(device)}/`;
export const deviceInfoPath = (device: string) => `info-${checkDevice(device)}`;
const INFO_NAME = /^info-([0-9a-f]{32})$/;
/** The device an info file's name names; null for any other name. */
export const parseInfoName = (name: string): string | null => INFO_NAME.exec(name)?.[1] ?? null;
/** A new temporary name for a segment of `device`, beside the vault file (engine/sync.ts, "Requests" in docs/sync-design.md). */
export const newStagedPath = (device: string) => `t-${checkDevice(device)}-${toHex(randomBytes(16))}`;
const STAGED_NAME = /^t-([0-9a-f]{32})-[0-9a-f]{32}$/;
/** The device whose segment in progress a name is; null for any other name. */
export const parseStagedName = (name: string): string | null => STAGED_NAME.exec(name)?.[1] ?? null;
export const segmentsFolder = (device: string) => `${deviceFolder(device)}s/`;
export const snapshotsFolder = (device: string) => `${deviceFolder(device)}c/`;
export const tempFolder = (device: string) => `${deviceFolder(device)}t/`;
export const newTempPath = (device: string) => `${tempFolder(device)}${toHex(randomBytes(16))}`;

export const shardOf = (seq: number) => Math.floor(checkSeq(seq) / SEGMENTS_PER_SHARD);
export const shardFolder = (device: string, shard: number) => `${segmentsFolder(device)}${pad(shard, SHARD_DIGITS)}/`;
export const segmentPath = (device: string, seq: number) => `${shardFolder(device, shardOf(seq))}${pad(seq, SEQ_DIGITS)}`;
export const snapshotPath = (device: string, seq: number) => `${snapshotsFolder(device)}${pad(checkSeq(seq), SEQ_DIGITS)}`;
/** The highest segment number a shard can hold. */
export const lastSeqOfShard = (shard: number) => (shard + 1) * SEGMENTS_PER_SHARD - 1;

export function blobPath(name: string): string {
  if (!BLOB_NAME_PATTERN.test(name)) throw new Error('Not a blob name');
  return `${BLOBS_FOLDER}${name.slice(0, 2)}/${name}`;
}

/** A segment or snapshot number from a file name; null for anything else (a temporary name, a server's "name (1)" copy). */
export function parseSeqName(name: string): number | null {
  if (!SEQ_NAME.test(name)) return null;
  const seq = Number(name);
  return seq >= 1 ? seq : null;
}

export function parseShardName(name: string): number | null {
  return SHARD_NAME.test(name) ? Number(name) : null;
}
