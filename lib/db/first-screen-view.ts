import { unwrap } from 'idb';
import { agreementStanding, type AgreementStanding } from '../domain/agreement-dues';
import { toIsoDate } from '../domain/dates';
import { buildFirstScreenView, overviewItemOf, readFirstScreenView, usableView, type FirstScreenFigures, type ViewItem } from '../domain/first-screen-view';
import { lockIsOn } from '../keys/state';
import { openDatabase } from './database';
import { takeFirstScreenRows } from './early-open';
import { basisText, readFirstScreenRows } from './first-screen-rows';
import { paymentCodec, type PaymentRecord } from './payments';
import { soonestPending } from './reminders';
import { agreementCodec, type AgreementRecord, type ReminderRecord } from './schema';
import { isSealed } from './sealing';
import { FIRST_SCREEN_BASIS_KEY, FIRST_SCREEN_VIEW_KEY, type MetaRow } from './rows';

/**
 * The popup's first screen in small (lib/domain/first-screen-view.ts), kept as one row of the meta
 * store beside the clock, so the popup's live first screen reads a few rows, not every agreement.
 *
 * Kept current this way:
 * - every committed change to agreements or payments deletes it in its own transaction (the write
 *   path, lib/db/write.ts Writer.finish): no view outlives a change, whoever made it (a page, the
 *   background, an import, sync);
 * - the background's reconcile, which runs after every announced change, at start and on its
 *   alarms, builds it again when it is missing or was written on another day (refreshFirstScreenView);
 * - it records the basis it was read at (`basedOn`): the token the write path puts in the meta store
 *   at every change to agreements or payments. A view whose basis is not the current one is not
 *   used, and a view built from rows read before a change is not written. Changes to anything else
 *   (the side panel's notes as they are typed, a session, a reminder shown) leave the view usable:
 *   right after a negotiation, the popup still reads a few rows, not every agreement;
 * - an upgrade of the database deletes it (lib/db/migrations/index.ts). Every build that can open
 *   this version of the database writes through the write path, which keeps the two above.
 * A missing or unusable view costs nothing but speed: the popup builds its first screen from every
 * agreement, as before.
 *
 * With the lock on it is not kept: it would be lenders' totals and due dates in plaintext beside
 * sealed records, and sealing it would put the key (and the crypto code) back on the first screen's
 * path, where the locked popup shows the unlock screen first anyway. Turning the lock on reseals the
 * agreements through the write path, which deletes the view; while the lock is on, no view is built.
 */

/** An agreement as the list shows it: the record, its payments, where its due date stands. */
export interface ListedRecord {
  agreement: AgreementRecord;
  standing: AgreementStanding;
  payments: readonly PaymentRecord[];
}

/** Agreements with their payments and standing, from rows read in one transaction. */
async function listed(agreementRows: readonly unknown[], paymentRows: readonly unknown[], now: number): Promise<ListedRecord[]> {
  const [agreements, payments] = await Promise.all([agreementCodec.open(agreementRows, now), paymentCodec.open(paymentRows, now)]);
  const byAgreement = new Map<string, PaymentRecord[]>();
  for (const payment of payments) byAgreement.set(payment.agreementId, [...(byAgreement.get(payment.agreementId) ?? []), payment]);
  for (const list of byAgreement.values()) list.sort((a, b) => a.paidOn.localeCompare(b.paidOn) || a.recordedAt - b.recordedAt);
  return agreements.map((agreement) => {
    const own = byAgreement.get(agreement.id) ?? [];
    return { agreement, payments: own, standing: agreementStanding(agreement, own) };
  });
}

export type RefreshResult = 'current' | 'written' | 'not-kept' | 'changed-meanwhile';

/**
 * Builds the view again when it is missing or was written on another day; deletes it with the lock
 * on. Reads every agreement, in the background, off the popup's path. A change committed while it
 * reads is not lost: the view is then not written (the change's own announcement builds it again).
 */
export async function refreshFirstScreenView(now: number = Date.now()): Promise<RefreshResult> {
  const db = await openDatabase();
  const today = toIsoDate(now);
  if (await lockIsOn()) {
    await db.delete('meta', FIRST_SCREEN_VIEW_KEY);
    return 'not-kept';
  }
  const [basis, stored] = await Promise.all([db.get('meta', FIRST_SCREEN_BASIS_KEY), db.get('meta', FIRST_SCREEN_VIEW_KEY)]);
  if (stored?.key === FIRST_SCREEN_VIEW_KEY && stored.basedOn === basisText(basis) && usableView(stored.view, today) && stored.view.writtenOn === today) return 'current';
  const tx = db.transaction(['meta', 'agreements', 'payments']);
  const [basisRead, agreementRows, paymentRows] = await Promise.all([
    tx.objectStore('meta').get(FIRST_SCREEN_BASIS_KEY),
    tx.objectStore('agreements').index('by-dueDate').getAll(),
    tx.objectStore('payments').getAll(),
  ]);
  await tx.done;
  const basedOn = basisText(basisRead);
  // Sealed rows while the lock reads as off: the lock changed under us; the next run decides.
  if (agreementRows.some(isSealed) || paymentRows.some(isSealed)) return 'changed-meanwhile';
  const items = await listed(agreementRows, paymentRows, now);
  const view = buildFirstScreenView(
    items.map((item): ViewItem => ({ ...overviewItemOf(item), id: item.agreement.id, ...(item.agreement.demo ? { demo: true } : {}) })),
    today,
  );
  const write = db.transaction('meta', 'readwrite');
  const meta = write.objectStore('meta');
  if (basisText(await meta.get(FIRST_SCREEN_BASIS_KEY)) !== basedOn) {
    write.abort();
    await write.done.catch(() => undefined);
    return 'changed-meanwhile';
  }
  await meta.put({ key: FIRST_SCREEN_VIEW_KEY, basedOn, view });
  await write.done;
  return 'written';
}

/** The first screen from the view: its figures and its first rows, read on `today`. */
export interface FirstScreenFromView {
  figures: FirstScreenFigures;
  /** The rows that can be on the first screen, in list order, as the list shows them. */
  items: ListedRecord[];
  /** Their next steps (soonest pending reminder), read in the same transaction. */
  steps: Map<string, ReminderRecord>;
  /** Read by the popup's painter while the page's code loaded (./early-open.ts), not by the page. */
  readByPainter: boolean;
}

/**
 * The first screen from the view, reading only its rows and their payments; null when there is no
 * usable view (missing, another version, out of its days, older than the last change): the caller
 * then builds the screen from every agreement.
 */
export async function readFirstScreenFromView(today: string, now: number = Date.now()): Promise<FirstScreenFromView | null> {
  // Read by the popup's painter while the page's code loaded (./early-open.ts), else read now.
  const early = await takeFirstScreenRows();
  const rows = early ?? (await readFirstScreenRows(unwrap(await openDatabase())));
  const stored = rows.stored as MetaRow | undefined;
  if (stored?.key !== FIRST_SCREEN_VIEW_KEY || stored.basedOn !== basisText(rows.basis) || !usableView(stored.view, today)) return null;
  const ids = rows.ids;
  const items = await listed(
    rows.agreements.filter((row) => row !== undefined),
    rows.payments.flat(),
    now,
  );
  // A row the view names is gone or unreadable: the view is wrong, build the screen as before.
  if (items.length !== ids.length) return null;
  const reminders = ids.map((_, i) => (rows.reminders[i] ?? []) as ReminderRecord[]);
  return { figures: readFirstScreenView(stored.view, today), items, steps: soonestPending(ids, reminders), readByPainter: early !== null };
}
