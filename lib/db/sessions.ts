import * as z from 'zod/mini';
import { sessionNoteSchema, sessionSchema, type NoteTag, type Session } from '../negotiation/session-schema';
import { openDatabase } from './database';
import { reportInvalid } from './invalid';

/**
 * Chat sessions with a lender's customer service and their timestamped notes. Every write commits
 * at once (as saveNote did): the last save runs while the panel is closing, and Firefox aborts a
 * closing page's transaction that was not committed yet.
 */

/** The longest text kept: v1 notes (up to 200,000 characters) moved into sessions keep theirs whole. */
export const MAX_STORED_TEXT = 200_000;

/** A session as stored, with the note being typed (not yet added) so closing mid-sentence loses nothing. */
export const sessionRecordSchema = z.extend(sessionSchema, {
  draft: z.optional(z.string().check(z.maxLength(MAX_STORED_TEXT))),
});
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

export const sessionNoteRecordSchema = z.extend(sessionNoteSchema, {
  text: z.string().check(z.maxLength(MAX_STORED_TEXT)),
});
export type SessionNoteRecord = z.infer<typeof sessionNoteRecordSchema>;

function valid<T>(store: string, schema: z.ZodMiniType<T>, row: unknown): T | undefined {
  const parsed = schema.safeParse(row);
  if (parsed.success) return parsed.data;
  reportInvalid(store, row, parsed.error);
  return undefined;
}

async function put(store: 'sessions' | 'sessionNotes', record: SessionRecord | SessionNoteRecord): Promise<void> {
  const db = await openDatabase();
  const tx = db.transaction(store, 'readwrite');
  const written = Promise.all([tx.store.put(record as never), tx.done]);
  tx.commit();
  await written;
}

export interface NewSession {
  id: string;
  agreementId: string | null;
  lender: string;
  startedAt: number;
  channel?: Session['channel'];
}

export async function createSession({ id, agreementId, lender, startedAt, channel = 'web-chat' }: NewSession): Promise<SessionRecord> {
  const record = sessionRecordSchema.parse({
    id,
    agreementId,
    lender,
    channel,
    startedAt,
    agentName: '',
    ticket: '',
    confirmationAskedAt: null,
    confirmationReceivedAt: null,
    confirmationChannel: null,
    draft: '',
  });
  await put('sessions', record);
  return record;
}

/** Writes the whole session (header fields, confirmation stamps, the draft being typed). */
export async function saveSession(session: SessionRecord): Promise<SessionRecord> {
  const record = sessionRecordSchema.parse(session);
  await put('sessions', record);
  return record;
}

/** Changes some fields of a stored session, in one transaction (two quick edits never undo each other). */
export async function updateSession(id: string, change: Partial<Omit<SessionRecord, 'id'>>): Promise<SessionRecord | undefined> {
  const db = await openDatabase();
  const tx = db.transaction('sessions', 'readwrite');
  const done = tx.done;
  try {
    const current = valid('sessions', sessionRecordSchema, await tx.store.get(id));
    if (!current) {
      tx.abort();
      await done.catch(() => undefined);
      return undefined;
    }
    const record = sessionRecordSchema.parse({ ...current, ...change, id });
    const written = tx.store.put(record);
    tx.commit();
    await Promise.all([written, done]);
    return record;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // already finished
    }
    await done.catch(() => undefined);
    throw error;
  }
}

export async function getSession(id: string): Promise<SessionRecord | undefined> {
  const db = await openDatabase();
  return valid('sessions', sessionRecordSchema, await db.get('sessions', id));
}

/** The sessions about one agreement (null: the general ones), newest first. */
export async function listSessionsOfAgreement(agreementId: string | null): Promise<SessionRecord[]> {
  const db = await openDatabase();
  // null cannot be an index key: general sessions are found by a scan of the by-startedAt index.
  const rows = agreementId === null ? await db.getAllFromIndex('sessions', 'by-startedAt') : await db.getAllFromIndex('sessions', 'by-agreement', agreementId);
  return rows
    .map((row) => valid('sessions', sessionRecordSchema, row))
    .filter((s): s is SessionRecord => s !== undefined && s.agreementId === agreementId)
    .sort((a, b) => b.startedAt - a.startedAt || b.id.localeCompare(a.id));
}

export async function addNote(note: { id: string; sessionId: string; at: number; text: string; tags?: NoteTag[] }): Promise<SessionNoteRecord> {
  const record = sessionNoteRecordSchema.parse({ tags: [], ...note });
  await put('sessionNotes', record);
  return record;
}

export async function updateNote(note: SessionNoteRecord): Promise<SessionNoteRecord> {
  const record = sessionNoteRecordSchema.parse(note);
  await put('sessionNotes', record);
  return record;
}

export async function deleteNote(id: string): Promise<void> {
  const db = await openDatabase();
  const tx = db.transaction('sessionNotes', 'readwrite');
  const written = Promise.all([tx.store.delete(id), tx.done]);
  tx.commit();
  await written;
}

/** A session's notes in the order they were taken. */
export async function listNotes(sessionId: string): Promise<SessionNoteRecord[]> {
  const db = await openDatabase();
  const rows = await db.getAllFromIndex('sessionNotes', 'by-session-at', IDBKeyRange.bound([sessionId, -Infinity], [sessionId, Infinity]));
  return rows.map((row) => valid('sessionNotes', sessionNoteRecordSchema, row)).filter((n): n is SessionNoteRecord => n !== undefined);
}
