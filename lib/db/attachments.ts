import * as z from 'zod/mini';
import { deleteAttachmentsOfInTx, ownerRange } from './attachment-owners';
import { defineCodec, type Encoded } from './codec';
import { openDatabase } from './database';
import { requireUnlocked } from './sealing';
import { deleteOne, putOne } from './one-record';
import { mutate } from './write';

/**
 * Images kept as evidence, each owned by one record: a screenshot of the lender's chat belongs to a
 * chat session, a receipt to a payment. Stored as Blobs (IndexedDB keeps them as files, no base64
 * bloat); a backup encodes them as base64 (lib/backup/blobs.ts).
 *
 * Everything about a Blob that needs time (converting a data: URL, measuring it, sealing it) happens
 * before a transaction opens: the only thing awaited inside one is an IndexedDB request.
 *
 * With the lock on (docs/lock-design.md) a row keeps only id, ownerType, ownerId and capturedAt in
 * plaintext (the owner index and the id list need no record read); type, size, kind, address and
 * title are sealed, and the image's bytes are a second envelope, rebuilt into a Blob of the sealed
 * type when opened. While locked, writes and deletes throw LockedError and change nothing.
 */

// Kept in a module without zod, so that undoing a payment or deleting an agreement need not load this one.
export { deleteAttachmentsOfInTx };

export const ATTACHMENT_OWNER_TYPES = ['session', 'payment'] as const;
export type AttachmentOwnerType = (typeof ATTACHMENT_OWNER_TYPES)[number];
export const ATTACHMENT_KINDS = ['screenshot', 'receipt'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** A full-page PNG of a 4K screen is a few MB; a phone photo of a receipt under 10 MB. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
/** Page addresses and titles are kept as context, clipped rather than refused. */
export const MAX_ATTACHMENT_URL = 8_192;
export const MAX_ATTACHMENT_TITLE = 1_000;

const IMAGE_TYPE = /^image\/[a-z0-9.+-]+$/;

export const attachmentRecordSchema = z
  .object({
    id: z.string().check(z.minLength(1)),
    ownerType: z.enum(ATTACHMENT_OWNER_TYPES),
    ownerId: z.string().check(z.minLength(1)),
    kind: z.enum(ATTACHMENT_KINDS),
    blob: z.instanceof(Blob),
    mimeType: z.string().check(z.regex(IMAGE_TYPE)),
    byteLength: z.int().check(z.nonnegative(), z.maximum(MAX_ATTACHMENT_BYTES)),
    /** The page it was taken from (screenshots). */
    url: z.optional(z.string().check(z.maxLength(MAX_ATTACHMENT_URL))),
    title: z.optional(z.string().check(z.maxLength(MAX_ATTACHMENT_TITLE))),
    /** Epoch milliseconds: when the screenshot was taken or the receipt attached. */
    capturedAt: z.int().check(z.nonnegative()),
  })
  .check(
    // The stored size and type describe the bytes actually kept, so a list never needs to read them.
    z.refine((r) => r.blob.size === r.byteLength, { message: 'byteLength differs from the image size', path: ['byteLength'] }),
    z.refine((r) => r.blob.type === r.mimeType, { message: 'mimeType differs from the image type', path: ['mimeType'] }),
  );
export type AttachmentRecord = z.infer<typeof attachmentRecordSchema>;

/** The image is over the size limit: refused before anything is written. */
export class AttachmentTooLargeError extends Error {
  constructor(readonly byteLength: number) {
    super(`The image is ${byteLength} bytes; the limit is ${MAX_ATTACHMENT_BYTES}.`);
    this.name = 'AttachmentTooLargeError';
  }
}

/** The file is not an image (a receipt picked by mistake): refused before anything is written. */
export class NotAnImageError extends Error {
  constructor(readonly mimeType: string) {
    super(`Not an image: "${mimeType}"`);
    this.name = 'NotAnImageError';
  }
}

export interface NewAttachment {
  id?: string;
  ownerType: AttachmentOwnerType;
  ownerId: string;
  kind: AttachmentKind;
  blob: Blob;
  url?: string;
  title?: string;
  capturedAt: number;
}

/** Refuses a file that is too large or not an image (a form checks a picked file with it at once). */
export function checkAttachmentImage(blob: Pick<Blob, 'size' | 'type'>): void {
  if (blob.size > MAX_ATTACHMENT_BYTES) throw new AttachmentTooLargeError(blob.size);
  if (!IMAGE_TYPE.test(blob.type)) throw new NotAnImageError(blob.type);
}

/** Measures and checks a new attachment; synchronous, so it runs before any transaction. */
export function toAttachmentRecord(input: NewAttachment): AttachmentRecord {
  const { blob } = input;
  checkAttachmentImage(blob);
  return attachmentRecordSchema.parse({
    id: input.id ?? crypto.randomUUID(),
    ownerType: input.ownerType,
    ownerId: input.ownerId,
    kind: input.kind,
    blob,
    mimeType: blob.type,
    byteLength: blob.size,
    ...(input.url === undefined ? {} : { url: input.url.slice(0, MAX_ATTACHMENT_URL) }),
    ...(input.title === undefined ? {} : { title: input.title.slice(0, MAX_ATTACHMENT_TITLE) }),
    capturedAt: input.capturedAt,
  });
}

/** Images as stored and read back (lib/db/codec.ts). */
export const attachmentCodec = defineCodec('attachments', attachmentRecordSchema);

/**
 * The row to put for a checked record (from toAttachmentRecord): sealed while the lock is on (the
 * image's bytes are read here). Call it BEFORE the transaction that writes the row opens. Throws
 * LockedError while locked, before anything is written.
 */
export function sealAttachment(record: AttachmentRecord, now: number): Promise<Encoded<'attachments'>> {
  return attachmentCodec.seal(record, now);
}

/**
 * Stores an image. The write commits at once (like a note): a capture started from the side panel
 * may finish while it is closing. A full disk rejects with QuotaExceededError and stores nothing.
 */
export async function addAttachment(input: NewAttachment, now: number = input.capturedAt): Promise<AttachmentRecord> {
  const record = toAttachmentRecord(input);
  await putOne(attachmentCodec, 'add-attachment', record, now);
  return record;
}

/** An owner's images, oldest first. Invalid records are reported and left out. */
export async function listAttachments(ownerType: AttachmentOwnerType, ownerId: string, now: number = Date.now()): Promise<AttachmentRecord[]> {
  const db = await openDatabase();
  const rows = await db.getAllFromIndex('attachments', 'by-owner', ownerRange(ownerType, ownerId));
  return (await attachmentCodec.open(rows, now)).sort((a, b) => a.capturedAt - b.capturedAt || a.id.localeCompare(b.id));
}

/** The ids of an owner's images, read on the owner index without loading a record: enough to show a button. */
export async function attachmentIdsOf(ownerType: AttachmentOwnerType, ownerId: string): Promise<string[]> {
  const db = await openDatabase();
  return db.getAllKeysFromIndex('attachments', 'by-owner', ownerRange(ownerType, ownerId));
}

export async function getAttachment(id: string, now: number = Date.now()): Promise<AttachmentRecord | undefined> {
  const db = await openDatabase();
  return attachmentCodec.openOne(await db.get('attachments', id), now);
}

export async function deleteAttachment(id: string, now: number = Date.now()): Promise<void> {
  // Evidence is never deleted unseen: locked, nothing changes.
  await deleteOne('attachments', 'delete-attachment', id, now);
}

/** Deletes every image of an owner, all or nothing; returns how many there were. */
export async function deleteAttachmentsOf(ownerType: AttachmentOwnerType, ownerId: string, now: number = Date.now()): Promise<number> {
  return mutate({
    name: 'delete-attachments',
    stores: ['attachments'],
    now,
    prepare: () => requireUnlocked(now),
    write: (writer) => deleteAttachmentsOfInTx(writer, ownerType, ownerId),
  });
}
