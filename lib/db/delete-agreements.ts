import { listAgreements } from './agreements';
import { deleteAttachmentsOfInTx } from './attachment-owners';
import { forgetLegacyScriptState } from './script-state';
import { sessionCodec } from './sessions';
import { mutate } from './write';

/**
 * Removes agreements with their reminders, payments (and their receipts) and notes, all or nothing;
 * each deleted record leaves its tombstone. A talk with a lender stays on record (it may be
 * evidence): it becomes a general session; the figures typed into the script for it go. Loaded when the user deletes, not with the first screen.
 */
async function deleteAgreements(doomed: readonly string[], now: number): Promise<number> {
  await mutate({
    name: 'delete-agreements',
    stores: ['agreements', 'reminders', 'notes', 'payments', 'sessions', 'attachments', 'scriptState'],
    now,
    // Nothing to seal: the links to clear and the rows to delete are all plaintext.
    prepare: () => Promise.resolve(),
    write: async (writer) => {
      const { tx } = writer;
      for (const id of doomed) {
        const [reminderKeys, paymentKeys, sessions, figures] = await Promise.all([
          tx.objectStore('reminders').index('by-agreement').getAllKeys(id),
          tx.objectStore('payments').index('by-agreement').getAllKeys(id),
          tx.objectStore('sessions').index('by-agreement').getAll(id),
          tx.objectStore('scriptState').getKey(id),
        ]);
        await Promise.all([
          writer.delete('agreements', id),
          tx.objectStore('notes').delete(id),
          ...reminderKeys.map((key) => tx.objectStore('reminders').delete(key)),
          ...paymentKeys.flatMap((key) => [writer.delete('payments', key), deleteAttachmentsOfInTx(writer, 'payment', key)]),
          ...sessions.map((session) => writer.put('sessions', sessionCodec.patch(session, { agreementId: null }))),
          // The script's figures typed for it name its amounts and are of no use any more.
          ...(figures === undefined ? [] : [writer.delete('scriptState', id)]),
        ]);
      }
    },
  });
  // Figures typed before version 6, not moved into the database yet, go too.
  await forgetLegacyScriptState(doomed).catch((error: unknown) => console.warn('Script figures not removed', error));
  return doomed.length;
}

/** Removes an agreement with its reminders, payments and notes, all or nothing. */
export async function deleteAgreement(id: string, now: number): Promise<void> {
  await deleteAgreements([id], now);
}

/** Removes exactly the demo agreements (and what hangs on them); returns how many. */
export async function deleteDemoAgreements(now: number): Promise<number> {
  // Which are demo is sealed with the lock on: read and open first, then delete in one transaction.
  const demo = (await listAgreements(now)).filter((a) => a.demo === true).map((a) => a.id);
  return deleteAgreements(demo, now);
}
