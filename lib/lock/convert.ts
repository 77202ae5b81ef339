import { CALENDAR_ACCOUNT_KEY } from '../calendar/account';
import { resealAll as resealRecords } from '../db/reseal';
import { SCRIPT_VALUES_PREFIX } from '../db/script-state';
import { INBOX_PREFIX } from '../evidence/inbox';
import { resealStorage } from '../keys/sealed-storage';
import { currentRecordKey } from '../keys/state';
import { AFFORDABLE_MONTHLY_KEY } from '../negotiation/affordable-monthly';
import { CUSTOM_LINE_PREFIX } from '../negotiation/custom-lines';
import { SYNC_SECRET_KEY } from '../sync/account';
import { resealSyncRows } from '../sync/engine/reseal';

/**
 * Turning the lock on or off (docs/lock-design.md, "Turning it on or off"): every record re-written
 * with another key, or as plaintext, through the database's write path (lib/db/reseal.ts), sync's
 * copies of them (lib/sync/engine/reseal.ts), then what extension storage keeps of the same kind.
 */

/**
 * Re-writes every record of the sealed stores with `toKey` (null: plaintext), all or nothing.
 * `fromKey` opens rows that are already sealed (by default the current key; pass it when the
 * session was just written, as storage change events may not have reached this page yet).
 */
export async function resealAll(toKey: CryptoKey | null, fromKey?: CryptoKey | null, now: number = Date.now()): Promise<void> {
  const from = fromKey === undefined ? await currentRecordKey(now).catch(() => null) : fromKey;
  await resealRecords(toKey, from, now);
  // Sync's own copies of the records (versions held, the segment waiting to be sent) go the same way.
  await resealSyncRows(toKey, from, now);
  // What extension storage keeps of the same kind follows the records: the script tab's typed
  // figures and own lines, the monthly amount one can pay, screenshots waiting for a panel, the sync
  // server's password and sync key, the calendar account.
  await resealStorage([SCRIPT_VALUES_PREFIX, CUSTOM_LINE_PREFIX, INBOX_PREFIX, AFFORDABLE_MONTHLY_KEY, SYNC_SECRET_KEY, CALENDAR_ACCOUNT_KEY], from, toKey);
}
