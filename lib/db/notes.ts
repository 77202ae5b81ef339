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

export async function saveNote(id: string, text: string, now: number): Promise<NoteRecord> {
  const db = await openDatabase();
  const record = noteRecordSchema.parse({ id, text, updatedAt: now });
  await db.put('notes', record);
  return record;
}
