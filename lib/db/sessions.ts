import * as z from 'zod/mini';
import { sessionNoteSchema, sessionSchema, type NoteTag, type Session } from '../domain/chat-session';
import { defineCodec, type Encoded } from './codec';
import { openDatabase } from './database';
import { isSealed, requireUnlocked } from './sealing';
import { mutate } from './write';

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

type Store = 'sessions' | 'sessionNotes';

/** Writes one checked, sealed row, committed at once (the panel may be closing). */
function put<S extends Store>(store: S, name: string, record: unknown, now: number, seal: (record: unknown, now: number) => Promise<Encoded<S>>): Promise<void> {
  return mutate({
    name,
    stores: [store],
    now,
    prepare: () => seal(record, now),
    write: (writer, row) => writer.put(store, row),
    commitAtOnce: true,
  });
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
  await put('sessions', 'create-session', record, startedAt, sessionCodec.seal);
  return record;
}

/** Writes the whole session (header fields, confirmation stamps, the draft being typed). */
export async function saveSession(session: SessionRecord, now: number = Date.now()): Promise<SessionRecord> {
  const record = sessionRecordSchema.parse(session);
  await put('sessions', 'save-session', record, now, sessionCodec.seal);
  return record;
}

/**
 * Changes some fields of a stored session. Read, opened, changed and sealed outside any transaction,
 * then written only if the stored row is still the one read (else read again): two quick edits
 * never undo each other.
 */
export async function updateSession(id: string, change: Partial<Omit<SessionRecord, 'id'>>, now: number = Date.now()): Promise<SessionRecord | undefined> {
  return mutate({
    name: 'update-session',
    stores: ['sessions'],
    now,
    read: (tx) => tx.objectStore('sessions').get(id),
    prepare: async (row) => {
      const current = await sessionCodec.openOne(row, now);
      if (!current) return undefined;
      const record = sessionRecordSchema.parse({ ...current, ...change, id });
      return { record, row: await sessionCodec.seal(record, now) };
    },
    write: async (writer, prepared) => {
      if (prepared === undefined) return undefined;
      await writer.put('sessions', prepared.row);
      return prepared.record;
    },
    commitAtOnce: true,
  });
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
  await put('sessionNotes', 'add-note', record, now, sessionNoteCodec.seal);
  return record;
}

export async function updateNote(note: SessionNoteRecord, now: number = Date.now()): Promise<SessionNoteRecord> {
  const record = sessionNoteRecordSchema.parse(note);
  await put('sessionNotes', 'update-note', record, now, sessionNoteCodec.seal);
  return record;
}

export async function deleteNote(id: string, now: number = Date.now()): Promise<void> {
  await mutate({
    name: 'delete-note',
    stores: ['sessionNotes'],
    now,
    // Locked, nothing changes (LockedError): no note is deleted unseen.
    prepare: () => requireUnlocked(now),
    write: (writer) => writer.delete('sessionNotes', id),
    commitAtOnce: true,
  });
}

/** A session's notes in the order they were taken. */
export async function listNotes(sessionId: string, now: number = Date.now()): Promise<SessionNoteRecord[]> {
  const db = await openDatabase();
  const rows = await db.getAllFromIndex('sessionNotes', 'by-session-at', IDBKeyRange.bound([sessionId, -Infinity], [sessionId, Infinity]));
  return sessionNoteCodec.open(rows, now);
}
