import * as z from 'zod/mini';
import { openDatabase } from './database';
import { reportInvalid } from './invalid';
import { isSealed, openRows } from './sealing';

/**
 * The popup's one question about chat sessions, kept apart from ./sessions (which brings the note
 * parser) so the popup's first screen stays small: only the fields it needs are checked.
 *
 * With the lock off this is one read transaction, as before (openRows asks for no key when no row
 * is sealed). With the lock on the session rows are opened after that transaction is done; their
 * notes are counted inside it, since a note's sessionId and a session's agreementId are plaintext.
 */
const linkSchema = z.object({
  id: z.string().check(z.minLength(1)),
  agreementId: z.nullable(z.string()),
  confirmationAskedAt: z.optional(z.nullable(z.int())),
  confirmationReceivedAt: z.nullable(z.int()),
  agentName: z.optional(z.string()),
  ticket: z.optional(z.string()),
  draft: z.optional(z.string()),
});
type Link = z.infer<typeof linkSchema>;

/** Nothing was written in it: the panel was only opened on the agreement. */
const looksEmpty = (s: Link) =>
  s.confirmationReceivedAt === null &&
  (s.confirmationAskedAt ?? null) === null &&
  (s.agentName ?? '').trim() === '' &&
  (s.ticket ?? '').trim() === '' &&
  (s.draft ?? '').trim() === '';

const idOf = (row: unknown): string => String((row as { id?: unknown }).id);

/**
 * Whether a stored row's notes need counting: a linked session in which nothing was written, or a
 * linked sealed one (what was written in it is known only once it is opened, after the transaction).
 */
function mayLookEmpty(row: unknown): boolean {
  if (isSealed(row)) return typeof (row as { agreementId?: unknown }).agreementId === 'string';
  const parsed = linkSchema.safeParse(row);
  return parsed.success && parsed.data.agreementId !== null && looksEmpty(parsed.data);
}

/**
 * For each agreement that has chat sessions linked to it: when the first of them received the
 * lender's written confirmation (epoch ms), or null while none has. Agreements with no linked
 * session are absent: the app knows nothing about their confirmation. A linked session in which
 * nothing was written (no note, no agent, nothing asked) does not count: opening the panel on an
 * agreement is not a talk with the lender.
 */
export async function confirmationsByAgreement(now: number = Date.now()): Promise<Map<string, number | null>> {
  const db = await openDatabase();
  const tx = db.transaction(['sessions', 'sessionNotes']);
  const rows: unknown[] = await tx.objectStore('sessions').getAll();
  const notes = tx.objectStore('sessionNotes').index('by-session-at');
  const noteCounts = await Promise.all(
    rows.map((row) => (mayLookEmpty(row) ? notes.count(IDBKeyRange.bound([idOf(row), -Infinity], [idOf(row), Infinity])) : Promise.resolve(null))),
  );
  await tx.done;
  const opened = await openRows('sessions', rows, now);
  const received = new Map<string, number | null>();
  opened.forEach((row, i) => {
    if (row === undefined) return;
    const parsed = linkSchema.safeParse(row);
    if (!parsed.success) {
      reportInvalid('sessions', row, parsed.error);
      return;
    }
    const { agreementId, confirmationReceivedAt: at } = parsed.data;
    if (agreementId === null || (looksEmpty(parsed.data) && noteCounts[i] === 0)) return;
    const before = received.get(agreementId) ?? null;
    received.set(agreementId, before === null ? at : at === null ? before : Math.min(before, at));
  });
  return received;
}

/**
 * The agreements that came out of a chat session and still lack written confirmation: they have
 * linked sessions and none has it received. Agreements with no linked session are not flagged.
 */
export async function agreementsAwaitingConfirmation(now: number = Date.now()): Promise<Set<string>> {
  const received = await confirmationsByAgreement(now);
  return new Set([...received].filter(([, at]) => at === null).map(([id]) => id));
}
