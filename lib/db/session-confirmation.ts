import * as z from 'zod/mini';
import { openDatabase } from './database';
import { reportInvalid } from './invalid';

/**
 * The popup's one question about chat sessions, kept apart from ./sessions (which brings the note
 * parser) so the popup's first screen stays small: only the two fields it needs are checked.
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

/**
 * For each agreement that has chat sessions linked to it: when the first of them received the
 * lender's written confirmation (epoch ms), or null while none has. Agreements with no linked
 * session are absent: the app knows nothing about their confirmation. A linked session in which
 * nothing was written (no note, no agent, nothing asked) does not count: opening the panel on an
 * agreement is not a talk with the lender.
 */
export async function confirmationsByAgreement(): Promise<Map<string, number | null>> {
  const db = await openDatabase();
  const tx = db.transaction(['sessions', 'sessionNotes']);
  const rows = await tx.objectStore('sessions').getAll();
  const links: Link[] = [];
  for (const row of rows) {
    const parsed = linkSchema.safeParse(row);
    if (!parsed.success) {
      reportInvalid('sessions', row, parsed.error);
      continue;
    }
    if (parsed.data.agreementId !== null) links.push(parsed.data);
  }
  const notes = tx.objectStore('sessionNotes').index('by-session-at');
  const noteCounts = await Promise.all(
    links.map((s) => (looksEmpty(s) ? notes.count(IDBKeyRange.bound([s.id, -Infinity], [s.id, Infinity])) : Promise.resolve(1))),
  );
  const received = new Map<string, number | null>();
  links.forEach(({ agreementId, confirmationReceivedAt: at }, i) => {
    if (agreementId === null || noteCounts[i] === 0) return;
    const before = received.get(agreementId) ?? null;
    received.set(agreementId, before === null ? at : at === null ? before : Math.min(before, at));
  });
  return received;
}

/**
 * The agreements that came out of a chat session and still lack written confirmation: they have
 * linked sessions and none has it received. Agreements with no linked session are not flagged.
 */
export async function agreementsAwaitingConfirmation(): Promise<Set<string>> {
  const received = await confirmationsByAgreement();
  return new Set([...received].filter(([, at]) => at === null).map(([id]) => id));
}
