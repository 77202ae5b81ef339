import { openDatabase } from './database';
import { reportInvalid } from './invalid';
import { openRow } from './sealing';
import { sessionRecordSchema, type SessionRecord } from './sessions';

/**
 * The session started last, whatever it is about; invalid records are skipped. The rows are read
 * first (the transaction is done before any is opened: opening is WebCrypto), then opened newest
 * first, one at a time, until one is valid: with the lock on that is usually one decryption.
 */
export async function latestSession(): Promise<SessionRecord | undefined> {
  const db = await openDatabase();
  // Ascending by [startedAt, id]: reversed, the order of a 'prev' cursor on the index.
  const rows = (await db.getAllFromIndex('sessions', 'by-startedAt')).reverse();
  for (const row of rows) {
    const opened = await openRow('sessions', row);
    if (opened === undefined) continue;
    const parsed = sessionRecordSchema.safeParse(opened);
    if (parsed.success) return parsed.data;
    reportInvalid('sessions', opened, parsed.error);
  }
  return undefined;
}
