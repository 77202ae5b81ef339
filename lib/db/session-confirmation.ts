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
 * For each agreement that has chat sessions linked to it: when the first of them received the
 * lender's written confirmation (epoch ms), or null while none has. Agreements with no linked
 * session are absent: the app knows nothing about their confirmation.
 */
export async function confirmationsByAgreement(): Promise<Map<string, number | null>> {
  const db = await openDatabase();
  const rows = await db.getAll('sessions');
  const received = new Map<string, number | null>();
  for (const row of rows) {
    const parsed = linkSchema.safeParse(row);
    if (!parsed.success) {
      reportInvalid('sessions', row, parsed.error);
      continue;
    }
    const { agreementId, confirmationReceivedAt: at } = parsed.data;
    if (agreementId === null) continue;
    const before = received.get(agreementId) ?? null;
    received.set(agreementId, before === null ? at : at === null ? before : Math.min(before, at));
  }
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
