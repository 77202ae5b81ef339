import { openDatabase } from './database';
import { reportInvalid } from './invalid';
import { noteRecordSchema, type NoteRecord } from './schema';

/** Notes not tied to an agreement yet (a first talk with a lender). */
export const GENERAL_NOTES_ID = 'general';

export async function getNote(id: string): Promise<NoteRecord | undefined> {
  const db = await openDatabase();
  const row = await db.get('notes', id);
  if (row === undefined) return undefined;
  const parsed = noteRecordSchema.safeParse(row);
  if (parsed.success) return parsed.data;
  reportInvalid('notes', row, parsed.error);
  return undefined;
}

/**
 * Commits at once rather than when the transaction falls idle: the last save runs while the page
 * is closing (pagehide), and Firefox aborts a closing page's transaction that was not committed
 * yet, which lost whatever was typed in the last moments before the panel closed.
 */
export async function saveNote(id: string, text: string, now: number): Promise<NoteRecord> {
  const record = noteRecordSchema.parse({ id, text, updatedAt: now });
  const db = await openDatabase();
  const tx = db.transaction('notes', 'readwrite');
  const written = Promise.all([tx.store.put(record), tx.done]);
  tx.commit();
  await written;
  return record;
}
