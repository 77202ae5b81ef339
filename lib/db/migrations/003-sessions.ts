import type { Migration } from './index';

/** The id a migrated v1 note's session gets: one session per old note, found again by tests. */
export const migratedSessionId = (noteId: string) => `v1-notes-${noteId}`;

/**
 * Version 3: chat sessions and their timestamped notes. Every v1 note (one free text per
 * agreement, or 'general') becomes a session with one note holding its text exactly; the old
 * store stays, emptied, so a record is never in two places.
 */
export const migration003Sessions: Migration = (db, tx) => {
  const sessions = db.createObjectStore('sessions', { keyPath: 'id' });
  sessions.createIndex('by-agreement', 'agreementId');
  sessions.createIndex('by-startedAt', 'startedAt');
  const sessionNotes = db.createObjectStore('sessionNotes', { keyPath: 'id' });
  sessionNotes.createIndex('by-session-at', ['sessionId', 'at']);

  // Only IndexedDB requests are chained here, so the upgrade transaction stays active; any failure
  // aborts the whole upgrade and the v2 data stays as it was.
  const notes = tx.objectStore('notes');
  void notes.getAll().then((rows) =>
    Promise.all(
      rows.map(async (row) => {
        const noteId = row.id;
        const text = 'text' in row && typeof row.text === 'string' ? row.text : '';
        const at = typeof row.updatedAt === 'number' && Number.isSafeInteger(row.updatedAt) && row.updatedAt >= 0 ? row.updatedAt : 0;
        if (text !== '') {
          const agreement = noteId === 'general' ? undefined : await tx.objectStore('agreements').get(noteId);
          const sessionId = migratedSessionId(noteId);
          await tx.objectStore('sessions').put({
            id: sessionId,
            agreementId: noteId === 'general' ? null : noteId,
            lender: agreement && 'lender' in agreement ? agreement.lender : '',
            channel: 'other',
            startedAt: at,
            agentName: '',
            ticket: '',
            confirmationAskedAt: null,
            confirmationReceivedAt: null,
            confirmationChannel: null,
            draft: '',
          });
          await tx.objectStore('sessionNotes').put({ id: `${sessionId}:1`, sessionId, at, text, tags: [] });
        }
        await notes.delete(row.id);
      }),
    ),
  );
};
