import { openDatabase } from '../../db/database';
import { mutate } from '../../db/write';
import { readBlob } from '../vault/reader';
import type { VaultContext } from '../vault/writer';
import { CODECS, resolveHeld } from './records';
import { syncRowKey } from './sealed-rows';
import { blobKey, openHeld, openWanted, prefixRange, rawValue, recKey, type WantedBlob } from './store';

/**
 * Attachments (receipts, screenshots) arrive as a record naming a blob; the image itself is
 * fetched apart, and the attachment is stored only once its image is here and matches its name.
 * Until then the record waits in the bookkeeping (`blob/<attachment id>`, its record sealed while
 * the lock is on).
 */

/** Attachments whose image has not been fetched yet. Throws LockedError while the lock is closed. */
export async function listWantedBlobs(now: number): Promise<WantedBlob[]> {
  const key = await syncRowKey(now);
  const db = await openDatabase();
  const rows = await db.getAll('sync', prefixRange('blob/'));
  const wanted = await Promise.all(rows.map((row) => openWanted(key, row.value)));
  return wanted.filter((item): item is WantedBlob => item !== undefined);
}

/**
 * Fetches one attachment's image and stores the attachment. Returns false when the blob is not on
 * the server yet (its device may still be uploading) or the attachment is no longer wanted.
 * Throws VaultError when the blob does not open or does not match its name: nothing is stored.
 */
export async function fetchAttachment(ctx: VaultContext, attachmentId: string, now: number): Promise<boolean> {
  const key = await syncRowKey(now);
  const db = await openDatabase();
  const wanted = await openWanted(key, (await db.get('sync', blobKey(attachmentId)))?.value);
  if (!wanted) return false;
  const bytes = await readBlob(ctx, wanted.blob);
  if (!bytes) return false;
  const mimeType = typeof wanted.record.mimeType === 'string' ? wanted.record.mimeType : 'application/octet-stream';
  const row = await CODECS.attachments.seal({ ...wanted.record, blob: new Blob([bytes], { type: mimeType }) }, now);
  return mutate({
    name: 'sync-attachment',
    stores: ['attachments', 'sync'],
    now,
    // Still wanted, and still the version held: read again before writing.
    read: async (tx) => ({ wanted: await rawValue(tx, blobKey(attachmentId)), held: await rawValue(tx, recKey('attachments', attachmentId)) }),
    prepare: async (read) => {
      const still = await openWanted(key, read.wanted);
      const current = resolveHeld('attachments', (await openHeld(key, read.held))?.siblings ?? []).current;
      return still?.rev === wanted.rev && current?.rev === wanted.rev;
    },
    write: async (writer, stillWanted) => {
      if (!stillWanted) return false;
      await writer.rewrite('attachments', row, wanted.rev);
      await writer.tx.objectStore('sync').delete(blobKey(attachmentId));
      return true;
    },
  });
}
