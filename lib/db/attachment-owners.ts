import type { AttachmentOwnerType } from './attachments';
import type { Writer } from './write';

/**
 * The part of the attachments store that code on the popup's first screen needs (undoing a payment,
 * deleting an agreement): no zod, no records read, so it costs next to nothing to load.
 * lib/db/attachments.ts re-exports it; the rest of the store's API lives there.
 */

export const ownerRange = (ownerType: AttachmentOwnerType, ownerId: string) => IDBKeyRange.only([ownerType, ownerId]);

/**
 * Deletes every image of an owner inside the caller's mutation, each leaving its tombstone (a payment
 * undone loses its receipt in the same transaction, never one without the other). Only IndexedDB
 * requests are awaited.
 */
export async function deleteAttachmentsOfInTx(writer: Writer, ownerType: AttachmentOwnerType, ownerId: string): Promise<number> {
  const keys = await writer.tx.objectStore('attachments').index('by-owner').getAllKeys(ownerRange(ownerType, ownerId));
  await Promise.all(keys.map((key) => writer.delete('attachments', key)));
  return keys.length;
}
