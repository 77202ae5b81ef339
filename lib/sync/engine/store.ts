import * as z from 'zod/mini';
import { changeSchema } from '../vault/contents';
import type { Siblings, Version } from '../merge/siblings';
import { openDatabase } from '../../db/database';
import type { ReadTx, WriteTx } from '../../db/write';
import { openPart, sealPart } from './sealed-rows';

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
 * - `answered/<store>/<id>`: the user kept one version of a record in conflict ("Keep this
 *   version"), with the stamp of the edit that says so; the next push sends that edit over every
 *   version held, and removes the row. Any other local edit keeps the other versions (collect.ts).
 *
 * Every row is read back through these schemas: a row that fails one counts as absent. With the
 * lock on, the rows that copy records (versions held, the pending segment, an attachment waiting)
 * keep their record content sealed (sealed-rows.ts); the helpers below open and seal them.
 */

/** Reminder state ("done", "snoozed", shown) travels as records of this store; reminders themselves are derived on each device. */
export const REMINDER_STATE = 'reminderState';

const versionSchema = z.object({
  rev: z.string(),
  vv: z.record(z.string(), z.string()),
  excl: z.optional(z.readonly(z.array(z.string()))),
  deleted: z.optional(z.literal(true)),
  record: z.optional(z.unknown()),
});

export const heldSchema = z.object({ store: z.string(), id: z.string(), siblings: z.array(versionSchema) });
export type Held = z.infer<typeof heldSchema>;

export const pendingSchema = z.object({
  seq: z.int().check(z.gte(1)),
  changes: z.array(changeSchema),
  blobs: z.array(z.instanceof(Uint8Array)),
  /**
   * No upload of it as a segment file has begun: it may still grow, and travels in the info
   * file's tail meanwhile. Absent: its upload as a file has begun, and a retry sends it as it is.
   */
  open: z.optional(z.literal(true)),
});
export type PendingSegment = z.infer<typeof pendingSchema>;

const envelopeShape = z.object({ v: z.number(), alg: z.string(), iv: z.string(), ct: z.string() });
/** The pending segment with the lock on: its changes and images sealed, its number readable. */
const sealedPendingSchema = z.object({ seq: z.int().check(z.gte(1)), open: z.optional(z.literal(true)), sealed: envelopeShape, sealedBlobs: z.optional(z.array(envelopeShape)) });
type SealedPending = z.infer<typeof sealedPendingSchema>;

export const selfSchema = z.object({
  nextSeq: z.int().check(z.gte(1)),
  /** The latest local stamp already in a segment: later stamps of this device are news. '' before the first push. */
  pushedUpTo: z.string(),
  pending: z.nullable(z.union([pendingSchema, sealedPendingSchema])),
  /** Whether this device's info file is on the server, counting every segment pushed (false from a push until it is sent again). */
  infoWritten: z.boolean(),
  lastChangeAt: z.nullable(z.int()),
  /** The bytes of the info file last sent: a listing that shows another size means it must go again. */
  infoSize: z.optional(z.int()),
  /** What the tail of the info file last sent holds (sync.ts, `tailMark`; '' or absent: none). */
  infoCarries: z.optional(z.string()),
  /** The ETag the server gave the info file last sent, when it gave one. */
  infoSentEtag: z.optional(z.string()),
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

const sealedHeldSchema = z.object({ store: z.string(), id: z.string(), sealed: envelopeShape });
const siblingsSchema = z.array(versionSchema);

export const wantedBlobSchema = z.object({
  attachmentId: z.string(),
  blob: z.string(),
  /** The version whose image this is: fetched only while it is still the one held. */
  rev: z.string(),
  /** The attachment's record without its image. */
  record: z.record(z.string(), z.unknown()),
});
export type WantedBlob = z.infer<typeof wantedBlobSchema>;
const sealedWantedSchema = z.object({ attachmentId: z.string(), blob: z.string(), rev: z.string(), sealed: envelopeShape });

export const recKey = (store: string, id: string) => `rec/${store}/${id}`;
export const cursorKey = (device: string) => `cursor/${device}`;
export const blobKey = (attachmentId: string) => `blob/${attachmentId}`;
export const dismissedKey = (pair: string) => `dismissed/${pair}`;
export const answeredKey = (store: string, id: string) => `answered/${store}/${id}`;
/** An answer to a conflict: the local edit (its stamp) that keeps the version chosen. */
export const answeredSchema = z.object({ rev: z.string() });
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

/** A row's value as stored, for reading in a transaction and opening after it (null: no row). */
export async function rawValue(tx: ReadTx, key: string): Promise<unknown> {
  return (await tx.objectStore('sync').get(key))?.value ?? null;
}

/** The versions held of a record, from its stored value (plaintext or sealed); undefined when there is none or it does not open. */
export async function openHeld(key: CryptoKey | null, value: unknown): Promise<Held | undefined> {
  const sealed = sealedHeldSchema.safeParse(value);
  if (!sealed.success) return parseRow(heldSchema, { value });
  const opened = await openPart(key, recKey(sealed.data.store, sealed.data.id), sealed.data);
  const siblings = siblingsSchema.safeParse(opened?.value);
  return siblings.success ? { store: sealed.data.store, id: sealed.data.id, siblings: siblings.data } : undefined;
}

/** The versions held of a record as they are to be stored: sealed with `key`, plaintext with null. */
export async function storedHeld(key: CryptoKey | null, held: { store: string; id: string; siblings: Siblings }): Promise<unknown> {
  const plain: Held = { store: held.store, id: held.id, siblings: [...held.siblings] };
  if (key === null || held.store === REMINDER_STATE) return plain;
  return { store: held.store, id: held.id, ...(await sealPart(key, recKey(held.store, held.id), plain.siblings)) };
}

/** Reminder states only (always plaintext): read inside a transaction. */
export async function readHeldState(tx: ReadTx, id: string): Promise<Siblings> {
  return parseRow(heldSchema, await tx.objectStore('sync').get(recKey(REMINDER_STATE, id)))?.siblings ?? [];
}

/** Puts a held row as `storedHeld` made it (or a reminder state's, plaintext). */
export async function putHeld(tx: WriteTx, store: string, id: string, value: unknown): Promise<void> {
  await tx.objectStore('sync').put({ key: recKey(store, id), value });
}

/** A reminder state's versions held, plaintext, inside a transaction. */
export async function putHeldState(tx: WriteTx, id: string, siblings: readonly Version[]): Promise<void> {
  await putHeld(tx, REMINDER_STATE, id, { store: REMINDER_STATE, id, siblings: [...siblings] } satisfies Held);
}

const pendingKey = (seq: number) => `${SELF_KEY}/pending/${String(seq)}`;

/** The segment waiting to be sent, opened; throws when it does not open (it cannot be sent, nor dropped unseen). */
export async function openPending(key: CryptoKey | null, stored: PendingSegment | SealedPending): Promise<PendingSegment> {
  if (!('sealed' in stored)) return stored;
  const opened = await openPart(key, pendingKey(stored.seq), stored);
  const pending = pendingSchema.safeParse(
    opened ? { seq: stored.seq, changes: (opened.value as { changes?: unknown } | null)?.changes, blobs: opened.blobs, ...(stored.open ? { open: true } : {}) } : undefined,
  );
  if (!pending.success) throw new Error(`The segment ${String(stored.seq)} waiting to be sent does not open.`);
  return pending.data;
}

/** The segment waiting to be sent as it is to be stored: its changes and images sealed with `key`. */
export async function storedPending(key: CryptoKey | null, pending: PendingSegment): Promise<PendingSegment | SealedPending> {
  if (key === null) return pending;
  return { seq: pending.seq, ...(pending.open ? { open: true as const } : {}), ...(await sealPart(key, pendingKey(pending.seq), { changes: pending.changes }, pending.blobs)) };
}

/** An attachment waiting for its image, from its stored value; undefined when there is none or it does not open. */
export async function openWanted(key: CryptoKey | null, value: unknown): Promise<WantedBlob | undefined> {
  const sealed = sealedWantedSchema.safeParse(value);
  if (!sealed.success) return parseRow(wantedBlobSchema, { value });
  const { attachmentId, blob, rev } = sealed.data;
  const opened = await openPart(key, blobKey(attachmentId), sealed.data);
  return parseRow(wantedBlobSchema, { value: { attachmentId, blob, rev, record: opened?.value } });
}

/** An attachment waiting for its image as it is to be stored: its record sealed with `key`. */
export async function storedWanted(key: CryptoKey | null, wanted: WantedBlob): Promise<unknown> {
  if (key === null) return wanted;
  const { attachmentId, blob, rev, record } = wanted;
  return { attachmentId, blob, rev, ...(await sealPart(key, blobKey(attachmentId), record)) };
}

export async function putSelf(tx: WriteTx, self: SelfState): Promise<void> {
  await tx.objectStore('sync').put({ key: SELF_KEY, value: self });
}

/**
 * Reads this device's state and writes back what `update` makes of it, in `tx`. When `update`
 * returns the very state it was given, nothing is written: a change that depends on a condition
 * says "no change" that way. `update` is synchronous on purpose: awaiting anything other than
 * the transaction's own requests in between would let IndexedDB commit it before the write.
 */
export async function updateSelf(tx: WriteTx, update: (self: SelfState) => SelfState): Promise<void> {
  const self = await readSelf(tx);
  const next = update(self);
  if (next !== self) await putSelf(tx, next);
}

/** This device's push state, read on its own. */
export async function loadSelf(): Promise<SelfState> {
  return parseRow(selfSchema, await (await openDatabase()).get('sync', SELF_KEY)) ?? FRESH_SELF;
}

/** The segment of `device` applied last here (seq 0: none), and what was seen of it then. */
export async function loadCursor(device: string): Promise<CursorRow> {
  return parseRow(cursorSchema, await (await openDatabase()).get('sync', cursorKey(device))) ?? { device, seq: 0 };
}
