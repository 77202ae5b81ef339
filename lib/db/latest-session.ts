import { openDatabase } from './database';
import { sessionCodec, type SessionRecord } from './sessions';

/**
 * The session started last, whatever it is about; invalid records are skipped. The rows are read
 * first (the transaction is done before any is opened: opening is WebCrypto), then opened newest
 * first, one at a time, until one is valid: with the lock on that is usually one decryption.
 */
export async function latestSession(now: number = Date.now()): Promise<SessionRecord | undefined> {
  const db = await openDatabase();
  // Ascending by [startedAt, id]: reversed, the order of a 'prev' cursor on the index.
  const rows = (await db.getAllFromIndex('sessions', 'by-startedAt')).reverse();
  for (const row of rows) {
    const session = await sessionCodec.openOne(row, now);
    if (session) return session;
  }
  return undefined;
}
