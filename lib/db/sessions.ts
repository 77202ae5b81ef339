import * as z from 'zod/mini';
import { currentRecordKey } from '../keys/state';
import { sessionNoteSchema, sessionSchema, type NoteTag, type Session } from '../domain/chat-session';
import { openDatabase } from './database';
import { readThenWrite } from './fresh-write';
import { reportInvalid } from './invalid';
import { isSealed, openRow, openRows, sealRecord } from './sealing';

/**
 * Chat sessions with a lender's customer service and their timestamped notes. Every write commits
 * at once (as saveNote did): the last save runs while the panel is closing, and Firefox aborts a
 * closing page's transaction that was not committed yet.
 *
 * With the lock on (docs/lock-design.md) a session keeps only its id, agreementId and startedAt in
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

type Store = 'sessions' | 'sessionNotes';

function valid<T>(store: Store, schema: z.ZodMiniType<T>, row: unknown): T | undefined {
  const parsed = schema.safeParse(row);
  if (parsed.success) return parsed.data;
  reportInvalid(store, row, parsed.error);
  return undefined;
}

/** Stored rows, read and done with, made readable and checked; a row that does not open was reported by openRows. */
async function validRows<T>(store: Store, schema: z.ZodMiniType<T>, rows: readonly unknown[]): Promise<T[]> {
  const opened = await openRows(store, rows);
  return opened.flatMap((row) => {
    if (row === undefined) return [];
    const record = valid(store, schema, row);
    return record === undefined ? [] : [record];
  });
}

async function put(store: Store, record: SessionRecord | SessionNoteRecord): Promise<void> {
  // Sealed before the transaction opens: nothing but IndexedDB requests is awaited inside one.
  const row = await sealRecord(store, record);
  const db = await openDatabase();
  const tx = db.transaction(store, 'readwrite');
  const written = Promise.all([tx.store.put(row as never), tx.done]);
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

/**
 * Changes some fields of a stored session. Read, opened, changed and sealed outside any transaction,
 * then written only if the stored row is still the one read (else read again): two quick edits
 * never undo each other.
 */
export async function updateSession(id: string, change: Partial<Omit<SessionRecord, 'id'>>): Promise<SessionRecord | undefined> {
  return readThenWrite(
    ['sessions'],
    (tx) => tx.objectStore('sessions').get(id),
    async (row) => {
      if (row === undefined) return undefined;
      const opened = await openRow('sessions', row);
      const current = opened === undefined ? undefined : valid('sessions', sessionRecordSchema, opened);
      if (!current) return undefined;
      const record = sessionRecordSchema.parse({ ...current, ...change, id });
      return { record, row: await sealRecord('sessions', record) };
    },
    async (tx, prepared) => {
      if (prepared === undefined) return undefined;
      const written = tx.objectStore('sessions').put(prepared.row as never);
      tx.commit();
      await written;
      return prepared.record;
    },
  );
}

export async function getSession(id: string): Promise<SessionRecord | undefined> {
  const db = await openDatabase();
  const row = await db.get('sessions', id);
  if (row === undefined) return undefined;
  const [session] = await validRows('sessions', sessionRecordSchema, [row]);
  return session;
}

/** The sessions about one agreement (null: the general ones), newest first. */
export async function listSessionsOfAgreement(agreementId: string | null): Promise<SessionRecord[]> {
  const db = await openDatabase();
  // null cannot be an index key: general sessions are found by a scan of the by-startedAt index.
  const rows = agreementId === null ? await db.getAllFromIndex('sessions', 'by-startedAt') : await db.getAllFromIndex('sessions', 'by-agreement', agreementId);
  // agreementId is plaintext on a sealed row: the other sessions' rows are not even opened.
  const candidates = rows.filter((row) => !isSealed(row) || (row as { agreementId?: unknown }).agreementId === agreementId);
  return (await validRows('sessions', sessionRecordSchema, candidates))
    .filter((s) => s.agreementId === agreementId)
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
  // Locked, nothing changes: no note is deleted unseen.
  await currentRecordKey();
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
  return validRows('sessionNotes', sessionNoteRecordSchema, rows);
}
