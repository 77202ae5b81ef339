import { LockedError } from '../keys/state';
import { openDatabase } from './database';
import { reportInvalid } from './invalid';
import { agreementCodec, reminderRecordSchema, type AgreementRecord, type ReminderRecord } from './schema';
import { isSealed } from './sealing';

export interface DueReminder {
  reminder: ReminderRecord;
  /** Null while the lock is closed (or the record cannot be read): the reminder is worded without it. */
  agreement: AgreementRecord | null;
}

export interface ClaimOptions {
  /**
   * When a claimed reminder should come back (an overdue payment repeats daily), or null for
   * shown-and-done. Decided inside the claiming transaction, so each showing still happens once.
   */
  repeatAt?: (reminder: ReminderRecord) => number | null;
}

export interface ClaimResult {
  /** Reminders that fell due and are now marked shown: the caller shows each exactly once. */
  due: DueReminder[];
  /** When the next pending reminder falls due, if any. */
  nextFireAt: number | null;
}

/**
 * Finds every pending reminder due at `now` and marks it shown in the same transaction. Two
 * reconciles racing (alarm + start-up) are serialised by IndexedDB, so the second finds nothing:
 * a reminder can never be shown twice. A reminder that repeats stays pending at its next time.
 * Each `due` item carries the reminder as shown: `fireAt` is when it fell due. Reminders are
 * plaintext, so this works while locked; their agreements are opened after the transaction, and
 * are null while locked.
 */
export async function claimDueReminders(now: number, options: ClaimOptions = {}): Promise<ClaimResult> {
  const db = await openDatabase();
  const tx = db.transaction(['reminders', 'agreements'], 'readwrite');
  const index = tx.objectStore('reminders').index('by-pending-fireAt');
  const rows = await index.getAll(IDBKeyRange.bound([1, -Infinity], [1, now]));
  const claimed: { reminder: ReminderRecord; agreementRow: unknown }[] = [];
  for (const row of rows) {
    const parsed = reminderRecordSchema.safeParse(row);
    if (!parsed.success) {
      reportInvalid('reminders', row, parsed.error);
      continue;
    }
    const repeat = options.repeatAt?.(parsed.data) ?? null;
    const reminder: ReminderRecord = { ...parsed.data, pending: repeat === null ? 0 : 1, notifiedAt: now };
    await tx.objectStore('reminders').put(repeat === null ? reminder : { ...reminder, fireAt: repeat });
    const agreementRow: unknown = await tx.objectStore('agreements').get(reminder.agreementId);
    // A reminder whose agreement is gone is claimed and not shown.
    if (agreementRow !== undefined) claimed.push({ reminder, agreementRow });
  }
  const next = await index.openCursor(IDBKeyRange.bound([1, now], [1, Infinity], true));
  const nextFireAt = next ? next.value.fireAt : null;
  await tx.done;
  return { due: await withAgreements(claimed, now), nextFireAt };
}

/** Opens the claimed reminders' agreements (after the claim committed); locked, each is null. */
async function withAgreements(claimed: readonly { reminder: ReminderRecord; agreementRow: unknown }[], now: number): Promise<DueReminder[]> {
  let opened: (AgreementRecord | undefined)[];
  try {
    opened = await agreementCodec.openEach(
      claimed.map((c) => c.agreementRow),
      now,
    );
  } catch (error) {
    if (!(error instanceof LockedError)) throw error;
    opened = claimed.map((c) => (isSealed(c.agreementRow) ? undefined : agreementCodec.check(c.agreementRow)));
  }
  return claimed.map(({ reminder }, i) => ({ reminder, agreement: opened[i] ?? null }));
}

/**
 * Pending reminders falling due in [from, to), soonest first. Read from the [pending, fireAt]
 * index, so the cost grows with the number of results, not with the number stored.
 */
export async function listPendingReminders(from: number, to: number): Promise<ReminderRecord[]> {
  const db = await openDatabase();
  const rows = await db.getAllFromIndex('reminders', 'by-pending-fireAt', IDBKeyRange.bound([1, from], [1, to], false, true));
  return rows.flatMap((row) => {
    const parsed = reminderRecordSchema.safeParse(row);
    if (parsed.success) return [parsed.data];
    reportInvalid('reminders', row, parsed.error);
    return [];
  });
}

/**
 * The soonest pending reminder of each given agreement: what the user has to do next, and by
 * when. Asked for the rows on screen only, so the cost follows what is shown, not what is stored.
 */
export async function nextPendingFor(agreementIds: readonly string[]): Promise<Map<string, ReminderRecord>> {
  const db = await openDatabase();
  const tx = db.transaction('reminders');
  const index = tx.store.index('by-agreement');
  return soonestPending(agreementIds, await Promise.all(agreementIds.map((id) => index.getAll(id))));
}

/** Each agreement's soonest pending reminder, from its reminder rows (`lists[i]` are `agreementIds[i]`'s). */
export function soonestPending(agreementIds: readonly string[], lists: readonly (readonly ReminderRecord[])[]): Map<string, ReminderRecord> {
  const next = new Map<string, ReminderRecord>();
  for (const [i, rows] of lists.entries()) {
    const soonest = rows.filter((r) => r.pending === 1).sort((a, b) => a.fireAt - b.fireAt)[0];
    if (!soonest) continue;
    const parsed = reminderRecordSchema.safeParse(soonest);
    if (parsed.success) next.set(agreementIds[i] ?? soonest.agreementId, parsed.data);
    else reportInvalid('reminders', soonest, parsed.error);
  }
  return next;
}

/** An agreement's reminders, soonest first. */
export async function listRemindersFor(agreementId: string): Promise<ReminderRecord[]> {
  const db = await openDatabase();
  const rows = await db.getAllFromIndex('reminders', 'by-agreement', agreementId);
  return rows
    .flatMap((row) => {
      const parsed = reminderRecordSchema.safeParse(row);
      if (parsed.success) return [parsed.data];
      reportInvalid('reminders', row, parsed.error);
      return [];
    })
    .sort((a, b) => a.fireAt - b.fireAt);
}

/** When the soonest pending reminder falls due (it may already be past), without claiming it. */
export async function nextPendingFireAt(): Promise<number | null> {
  const db = await openDatabase();
  const cursor = await db
    .transaction('reminders')
    .store.index('by-pending-fireAt')
    .openCursor(IDBKeyRange.bound([1, -Infinity], [1, Infinity]));
  return cursor ? cursor.value.fireAt : null;
}
