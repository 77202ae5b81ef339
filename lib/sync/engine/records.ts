import { attachmentCodec } from '../../db/attachments';
import type { Codec } from '../../db/codec';
import { paymentCodec, type PaymentRecord } from '../../db/payments';
import type { SyncedStore } from '../../db/rows';
import { planAgreementReminders, replaceRemindersInTx, type PlanOptions } from '../../db/save-agreement';
import { agreementCodec, type AgreementRecord } from '../../db/schema';
import { scriptStateCodec } from '../../db/script-state';
import { sessionCodec, sessionNoteCodec, type SessionNoteRecord } from '../../db/sessions';
import { settledFlag } from '../../db/settled';
import type { WriteTx } from '../../db/write';
import type { ResolveOptions } from '../merge/view';
import { editOver, localEdit, type Siblings } from '../merge/siblings';
import { resolveRecord } from '../merge/view';

/** Each synced store's codec: remote records are checked (and sealed, with the lock on) like local ones. */
export const CODECS: { readonly [S in SyncedStore]: Codec<S> } = {
  agreements: agreementCodec,
  payments: paymentCodec,
  sessions: sessionCodec,
  sessionNotes: sessionNoteCodec,
  attachments: attachmentCodec,
  scriptState: scriptStateCodec,
};

export const isSyncedStore = (store: string): store is SyncedStore => Object.hasOwn(CODECS, store);

/** A note edited on two devices keeps both texts, newest first: no conflict to settle, nothing lost. */
const combineNotes = (records: readonly unknown[]): unknown => {
  const notes = records as readonly SessionNoteRecord[];
  const [newest] = notes;
  const texts = [...new Set(notes.map((note) => note.text))];
  return { ...newest, text: texts.join('\n\n') };
};

export function resolveOptions(store: string): ResolveOptions<unknown> {
  return store === 'sessionNotes' ? { combine: combineNotes } : {};
}

/** What the user sees of a record's siblings, by the rules of lib/sync/merge/view.ts. */
export const resolveHeld = (store: string, siblings: Siblings) => resolveRecord(siblings, resolveOptions(store));

/**
 * The versions held of a record after this device's change stamped `rev` (docs/sync-design.md,
 * "Merge rules"). A deletion, an answer to a conflict ("Keep this version", `answered`) and an
 * attachment (whose other versions cannot be kept here without their images) replace every
 * version held. Any other edit replaces what the user saw here (the version shown, or for notes
 * every text combined into it); the other versions stay beside it, those made on this device
 * too, so a conflict is never settled by an edit that did not answer it.
 */
export function afterLocalChange(store: string, held: Siblings, rev: string, change: { record: unknown } | { deleted: true }, answered: boolean): Siblings {
  const { current } = resolveHeld(store, held);
  if ('deleted' in change || answered || store === 'attachments' || current === null) return localEdit(held, rev, change);
  const combined = resolveOptions(store).combine !== undefined;
  const seen = held.filter((version) => version.rev === current.rev || (combined && version.deleted !== true));
  return editOver(held, seen, rev, change);
}

/** An attachment as it travels: its record with the image replaced by the blob's name. */
export function attachmentForSync(record: Record<string, unknown>, blobName: string): Record<string, unknown> {
  return { ...record, blob: blobName };
}

/**
 * Derived data of one agreement, recomputed on this device: its settled flag and its reminders
 * (reminders already shown keep their state, see replaceRemindersInTx). Pure but for the writes.
 */
export function planFor(agreement: AgreementRecord, payments: readonly PaymentRecord[], options: PlanOptions): { settled: 0 | 1; reminders: ReturnType<typeof planAgreementReminders> | null } {
  let reminders: ReturnType<typeof planAgreementReminders> | null = null;
  try {
    reminders = planAgreementReminders(agreement, payments, options);
  } catch (error) {
    // A date outside the calendar the app plans for: the record is kept, its reminders stay as they were.
    console.warn(`No reminders planned for agreement ${agreement.id}`, error);
  }
  return { settled: settledFlag(agreement, payments), reminders };
}

export async function writeReminders(tx: WriteTx, agreementId: string, planned: ReturnType<typeof planAgreementReminders> | null): Promise<void> {
  if (planned) await replaceRemindersInTx(tx, agreementId, planned);
}
