import * as z from 'zod/mini';
import { changeSchema } from '../vault/contents';
import type { Siblings, Version } from '../merge/siblings';
import { openDatabase } from '../../db/database';
import type { ReadTx, WriteTx } from '../../db/write';

/**
 * Sync's bookkeeping on this device, in the `sync` store (migration 7). Never synced: each device
 * keeps its own. Rows, by key:
 *
 * - `rec/<store>/<id>`: the versions held of one record (siblings with their version vectors,
 *   lib/sync/merge). One nearly always; two or more after edits made apart on two devices, which
 *   is the conflicts list.
 * - `self`: this device's next segment number, the latest local stamp already pushed, and the
 *   segment being pushed (kept until the server has it, so a retry sends the same bytes).
 * - `cursor/<device>`: the last segment of that device applied here, the ETag of its info file
 *   then, and when its folders were last listed.
 * - `blob/<attachment id>`: an attachment whose image has not been fetched yet (its record waits).
 * - `dismissed/<pair>`: two payments the user said are two payments, not one entered twice.
 *
 * Every row is read back through these schemas: a row that fails one counts as absent.
 */

/** Reminder state ("done", "snoozed", shown) travels as records of this store; reminders themselves are derived on each device. */
export const REMINDER_STATE = 'reminderState';

const versionSchema = z.object({
  rev: z.string(),
  vv: z.record(z.string(), z.string()),
  deleted: z.optional(z.literal(true)),
  record: z.optional(z.unknown()),
});

export const heldSchema = z.object({ store: z.string(), id: z.string(), siblings: z.array(versionSchema) });
export type Held = z.infer<typeof heldSchema>;

export const pendingSchema = z.object({
  seq: z.int().check(z.gte(1)),
  changes: z.array(changeSchema),
  blobs: z.array(z.instanceof(Uint8Array)),
});
export type PendingSegment = z.infer<typeof pendingSchema>;

export const selfSchema = z.object({
  nextSeq: z.int().check(z.gte(1)),
  /** The latest local stamp already in a segment: later stamps of this device are news. '' before the first push. */
  pushedUpTo: z.string(),
  pending: z.nullable(pendingSchema),
  /** Whether this device's info file is on the server. */
  infoWritten: z.boolean(),
  lastChangeAt: z.nullable(z.int()),
  /** The bytes of the info file last sent: a listing that shows another size means it must go again. */
  infoSize: z.optional(z.int()),
  /** The vault file's strong ETag when it was last read and found to be this vault: while the listing shows it, it is not read again. */
  vaultEtag: z.optional(z.string()),
  /** The last of this device's segments its snapshot on the server covers, as far as this device knows (0 or absent: none). */
  compactedUpTo: z.optional(z.int()),
  /** After a compaction that failed, none is tried again before this time. */
  compactAfter: z.optional(z.int()),
});
export type SelfState = z.infer<typeof selfSchema>;
export const FRESH_SELF: SelfState = { nextSeq: 1, pushedUpTo: '', pending: null, infoWritten: false, lastChangeAt: null };

export const cursorSchema = z.object({
  device: z.string(),
  seq: z.int().check(z.nonnegative()),
  /** The device's info file's strong ETag when everything it pointed at was applied: while the listing shows it, the device has nothing new. */
  infoEtag: z.optional(z.string()),
  /** When the device's folders were last listed (at least hourly, whatever its info file says). */
  listedAt: z.optional(z.int()),
});
export type CursorRow = z.infer<typeof cursorSchema>;

export const wantedBlobSchema = z.object({
  attachmentId: z.string(),
  blob: z.string(),
  /** The version whose image this is: fetched only while it is still the one held. */
  rev: z.string(),
  /** The attachment's record without its image. */
  record: z.record(z.string(), z.unknown()),
});
export type WantedBlob = z.infer<typeof wantedBlobSchema>;

export const recKey = (store: string, id: string) => `rec/${store}/${id}`;
export const cursorKey = (device: string) => `cursor/${device}`;
export const blobKey = (attachmentId: string) => `blob/${attachmentId}`;
export const dismissedKey = (pair: string) => `dismissed/${pair}`;
export const SELF_KEY = 'self';

/** All keys starting with `prefix`. */
export const prefixRange = (prefix: string) => IDBKeyRange.bound(prefix, `${prefix}\uffff`);

export function parseRow<T>(schema: z.ZodMiniType<T>, row: { value: unknown } | undefined): T | undefined {
  if (!row) return undefined;
  const parsed = schema.safeParse(row.value);
  return parsed.success ? parsed.data : undefined;
}

export async function readSelf(tx: ReadTx): Promise<SelfState> {
  return parseRow(selfSchema, await tx.objectStore('sync').get(SELF_KEY)) ?? FRESH_SELF;
}

export async function readHeld(tx: ReadTx, store: string, id: string): Promise<Siblings> {
  return parseRow(heldSchema, await tx.objectStore('sync').get(recKey(store, id)))?.siblings ?? [];
}

export async function putHeld(tx: WriteTx, store: string, id: string, siblings: readonly Version[]): Promise<void> {
  await tx.objectStore('sync').put({ key: recKey(store, id), value: { store, id, siblings: [...siblings] } satisfies Held });
}

export async function putSelf(tx: WriteTx, self: SelfState): Promise<void> {
  await tx.objectStore('sync').put({ key: SELF_KEY, value: self });
}

/** This device's push state, read on its own. */
export async function loadSelf(): Promise<SelfState> {
  return parseRow(selfSchema, await (await openDatabase()).get('sync', SELF_KEY)) ?? FRESH_SELF;
}

/** The segment of `device` applied last here (seq 0: none), and what was seen of it then. */
export async function loadCursor(device: string): Promise<CursorRow> {
  return parseRow(cursorSchema, await (await openDatabase()).get('sync', cursorKey(device))) ?? { device, seq: 0 };
}
