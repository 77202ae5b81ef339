import { openDatabase } from '../../db/database';
import { mutate } from '../../db/write';
import { readBlob } from '../vault/reader';
import type { VaultContext } from '../vault/writer';
import { CODECS, resolveHeld } from './records';
import { blobKey, parseRow, prefixRange, readHeld, wantedBlobSchema, type WantedBlob } from './store';

/**
 * Attachments (receipts, screenshots) arrive as a record naming a blob; the image itself is
 * fetched apart, and the attachment is stored only once its image is here and matches its name.
 * Until then the record waits in the bookkeeping (`blob/<attachment id>`).
 */

/** Attachments whose image has not been fetched yet. */
export async function listWantedBlobs(): Promise<WantedBlob[]> {
  const db = await openDatabase();
  const rows = await db.getAll('sync', prefixRange('blob/'));
  return rows.map((row) => parseRow(wantedBlobSchema, row)).filter((wanted): wanted is WantedBlob => wanted !== undefined);
}

/**
 * Fetches one attachment's image and stores the attachment. Returns false when the blob is not on
 * the server yet (its device may still be uploading) or the attachment is no longer wanted.
 * Throws VaultError when the blob does not open or does not match its name: nothing is stored.
 */
export async function fetchAttachment(ctx: VaultContext, attachmentId: string, now: number): Promise<boolean> {
  const db = await openDatabase();
  const wanted = parseRow(wantedBlobSchema, await db.get('sync', blobKey(attachmentId)));
  if (!wanted) return false;
  const bytes = await readBlob(ctx, wanted.blob);
  if (!bytes) return false;
  const mimeType = typeof wanted.record.mimeType === 'string' ? wanted.record.mimeType : 'application/octet-stream';
  const row = await CODECS.attachments.seal({ ...wanted.record, blob: new Blob([bytes], { type: mimeType }) }, now);
  return mutate({
    name: 'sync-attachment',
    stores: ['attachments', 'sync'],
    now,
    prepare: () => Promise.resolve(),
    write: async (writer) => {
      const still = parseRow(wantedBlobSchema, await writer.tx.objectStore('sync').get(blobKey(attachmentId)));
      const current = resolveHeld('attachments', await readHeld(writer.tx, 'attachments', attachmentId)).current;
      if (!still || still.rev !== wanted.rev || current?.rev !== wanted.rev) return false;
      await writer.rewrite('attachments', row, wanted.rev);
      await writer.tx.objectStore('sync').delete(blobKey(attachmentId));
      return true;
    },
  });
}
