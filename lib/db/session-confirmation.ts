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
  confirmationReceivedAt: z.nullable(z.int()),
});

/**
 * The agreements that came out of a chat session and still lack written confirmation: they have
 * linked sessions and none has it received. Agreements with no linked session are not flagged.
 */
export async function agreementsAwaitingConfirmation(): Promise<Set<string>> {
  const db = await openDatabase();
  const rows = await db.getAll('sessions');
  const received = new Map<string, boolean>();
  for (const row of rows) {
    const parsed = linkSchema.safeParse(row);
    if (!parsed.success) {
      reportInvalid('sessions', row, parsed.error);
      continue;
    }
    const { agreementId, confirmationReceivedAt } = parsed.data;
    if (agreementId === null) continue;
    received.set(agreementId, (received.get(agreementId) ?? false) || confirmationReceivedAt !== null);
  }
  return new Set([...received].filter(([, yes]) => !yes).map(([id]) => id));
}
