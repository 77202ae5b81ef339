import { openDatabase } from './database';
import { reportInvalid } from './invalid';
import { sessionRecordSchema, type SessionRecord } from './sessions';

/** The session started last, whatever it is about; invalid records are skipped. */
export async function latestSession(): Promise<SessionRecord | undefined> {
  const db = await openDatabase();
  const tx = db.transaction('sessions');
  let cursor = await tx.store.index('by-startedAt').openCursor(null, 'prev');
  while (cursor) {
    const parsed = sessionRecordSchema.safeParse(cursor.value);
    if (parsed.success) return parsed.data;
    reportInvalid('sessions', cursor.value, parsed.error);
    cursor = await cursor.continue();
  }
  return undefined;
}
