import * as z from 'zod/mini';
import { fromUtf8, utf8 } from '../../crypto/bytes';
import { includedIn } from '../merge/siblings';
import { deviceOfRev } from '../merge/version-vector';
import { VaultError } from './errors';
import { BLOB_NAME_PATTERN, DEVICE_ID_PATTERN } from './layout';

/**
 * What sealed files hold, once opened: JSON, checked with these schemas before anything of it is
 * handed on. A change is generic at this layer (the merge layer refines `record` per store); it
 * is the same shape as the write path's stamps and tombstones (docs/write-path.md).
 */

export const changeSchema = z
  .object({
    store: z.string().check(z.minLength(1), z.maxLength(64)),
    id: z.string().check(z.minLength(1), z.maxLength(512)),
    /** The write path's hybrid logical clock stamp. */
    rev: z.string().check(z.minLength(1), z.maxLength(128)),
    deleted: z.optional(z.literal(true)),
    record: z.optional(z.unknown()),
    /** Version vector: device → latest stamp seen, for the merge layer. */
    vv: z.optional(z.record(z.string(), z.string())),
    /** Stamps the vector reaches that this version leaves out (lib/sync/merge/siblings.ts). */
    excl: z.optional(z.array(z.string().check(z.maxLength(128)))),
  })
  .check(z.refine((change) => !(change.deleted && change.record !== undefined), { message: 'a tombstone carries no record' }));

export type Change = z.infer<typeof changeSchema>;

const versionOfChange = (change: Change) => ({ rev: change.rev, vv: change.vv ?? { [deviceOfRev(change.rev)]: change.rev }, ...(change.excl ? { excl: change.excl } : {}) });

/** `earlier`, a change of the same record as `later`, is the same change or one `later` includes: `later` alone says what both do. */
export const outdatedBy = (earlier: Change, later: Change): boolean => earlier.rev === later.rev || includedIn(versionOfChange(earlier), versionOfChange(later));

const deviceField = z.string().check(z.regex(DEVICE_ID_PATTERN));
const seqField = z.int().check(z.gte(1));
const blobNames = z.array(z.string().check(z.regex(BLOB_NAME_PATTERN)));

export const CONTENT_VERSION = 1;

export const segmentSchema = z.object({
  v: z.literal(CONTENT_VERSION),
  kind: z.literal('segment'),
  device: deviceField,
  seq: seqField,
  changes: z.array(changeSchema),
  /** Blobs the records of this segment refer to; uploaded before the segment. */
  blobs: blobNames,
});
export type Segment = z.infer<typeof segmentSchema>;

export const snapshotSchema = z.object({
  v: z.literal(CONTENT_VERSION),
  kind: z.literal('snapshot'),
  device: deviceField,
  /** The last segment it covers. */
  upTo: seqField,
  /** The latest change of each record this device wrote up to `upTo`, tombstones included. */
  changes: z.array(changeSchema),
  blobs: blobNames,
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export const deviceInfoSchema = z.object({
  v: z.literal(CONTENT_VERSION),
  kind: z.literal('info'),
  device: deviceField,
  /** The name the user gave this device ("办公室电脑"), shown to the other devices. */
  name: z.string().check(z.maxLength(200)),
  /** When this device last wrote a change (ms since the epoch), as its own clock said. */
  lastChangeAt: z.nullable(z.int().check(z.nonnegative())),
  /** Its latest segment number (0: none yet). */
  lastSeq: z.int().check(z.nonnegative()),
  /**
   * Changes in no segment file yet (the segment after `lastSeq`, still open), carried here so that
   * a small change costs one upload: the info file replaced in place. A reader applies them after
   * the segments up to `lastSeq`; they come again in that segment's file once it is written.
   */
  tail: z.optional(z.array(changeSchema)),
});
export type DeviceInfo = z.infer<typeof deviceInfoSchema>;

export function encodeJson(value: unknown): Uint8Array<ArrayBuffer> {
  return utf8(JSON.stringify(value));
}

/** Opened bytes read as JSON through `schema`; anything else is a damaged file, named. */
export function decodeJson<T>(schema: z.ZodMiniType<T>, bytes: Uint8Array, path: string): T {
  const text = fromUtf8(bytes);
  let json: unknown;
  try {
    json = text === null ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (json !== null && typeof json === 'object' && 'v' in json && typeof json.v === 'number' && json.v > CONTENT_VERSION) {
    throw new VaultError('file-unsupported', path, `content ${json.v}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new VaultError('file-damaged', path, 'content');
  return parsed.data;
}
