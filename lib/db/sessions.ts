import * as z from 'zod/mini';
import { sessionNoteSchema, sessionSchema, type NoteTag, type Session } from '../domain/chat-session';
import { defineCodec } from './codec';
import { openDatabase } from './database';
import { deleteOne, putOne, updateOne } from './one-record';
import { isSealed } from './sealing';

/**
 * Chat sessions with a lender's customer service and their timestamped notes. Every write commits
 * at once (as saveNote did): the last save runs while the panel is closing, and Firefox aborts a
 * closing page's transaction that was not committed yet.
 *
 * Each write is a declared mutation (lib/db/write.ts). With the lock on (docs/lock-design.md) a session keeps only its id, agreementId and startedAt in
 * plaintext, a note its id, sessionId and time: the rest is sealed before a transaction opens and
 * opened after it is done. While locked, writes throw LockedError before anything is written, and
 * reads of sealed rows throw it too.
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

export const sessionCodec = defineCodec('sessions', sessionRecordSchema);
export const sessionNoteCodec = defineCodec('sessionNotes', sessionNoteRecordSchema);

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
  await putOne(sessionCodec, 'create-session', record, startedAt);
  return record;
}

/** Writes the whole session (header fields, confirmation stamps, the draft being typed). */
export async function saveSession(session: SessionRecord, now: number = Date.now()): Promise<SessionRecord> {
  const record = sessionRecordSchema.parse(session);
  await putOne(sessionCodec, 'save-session', record, now);
  return record;
}

/**
 * Changes some fields of a stored session. Read, opened, changed and sealed outside any transaction,
 * then written only if the stored row is still the one read (else read again): two quick edits
 * never undo each other.
 */
export async function updateSession(id: string, change: Partial<Omit<SessionRecord, 'id'>>, now: number = Date.now()): Promise<SessionRecord | undefined> {
  return updateOne(sessionCodec, 'update-session', id, (current) => (current ? { ...current, ...change, id } : undefined), now);
}

export async function getSession(id: string, now: number = Date.now()): Promise<SessionRecord | undefined> {
  const db = await openDatabase();
  return sessionCodec.openOne(await db.get('sessions', id), now);
}

/** The sessions about one agreement (null: the general ones), newest first. */
export async function listSessionsOfAgreement(agreementId: string | null, now: number = Date.now()): Promise<SessionRecord[]> {
  const db = await openDatabase();
  // null cannot be an index key: general sessions are found by a scan of the by-startedAt index.
  const rows = agreementId === null ? await db.getAllFromIndex('sessions', 'by-startedAt') : await db.getAllFromIndex('sessions', 'by-agreement', agreementId);
  // agreementId is plaintext on a sealed row: the other sessions' rows are not even opened.
  const candidates = rows.filter((row) => !isSealed(row) || row.agreementId === agreementId);
  return (await sessionCodec.open(candidates, now)).filter((s) => s.agreementId === agreementId).sort((a, b) => b.startedAt - a.startedAt || b.id.localeCompare(a.id));
}

export async function addNote(note: { id: string; sessionId: string; at: number; text: string; tags?: NoteTag[] }, now: number = note.at): Promise<SessionNoteRecord> {
  const record = sessionNoteRecordSchema.parse({ tags: [], ...note });
  await putOne(sessionNoteCodec, 'add-note', record, now);
  return record;
}

export async function updateNote(note: SessionNoteRecord, now: number = Date.now()): Promise<SessionNoteRecord> {
  const record = sessionNoteRecordSchema.parse(note);
  await putOne(sessionNoteCodec, 'update-note', record, now);
  return record;
}

export async function deleteNote(id: string, now: number = Date.now()): Promise<void> {
  await deleteOne('sessionNotes', 'delete-note', id, now);
}

/**
 * Puts back a note just deleted (undo): the same record, id, time and tags, stamped anew so that it
 * is newer than the deletion's tombstone.
 */
export async function restoreNote(note: SessionNoteRecord, now: number = Date.now()): Promise<SessionNoteRecord> {
  const record = sessionNoteRecordSchema.parse(note);
  await putOne(sessionNoteCodec, 'restore-note', record, now);
  return record;
}

/** A session's notes in the order they were taken. */
export async function listNotes(sessionId: string, now: number = Date.now()): Promise<SessionNoteRecord[]> {
  const db = await openDatabase();
  const rows = await db.getAllFromIndex('sessionNotes', 'by-session-at', IDBKeyRange.bound([sessionId, -Infinity], [sessionId, Infinity]));
  return sessionNoteCodec.open(rows, now);
}
