import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { RepayDbSchema } from '../schema';
import { FIRST_SCREEN_VIEW_KEY } from '../rows';
import { DB_VERSION } from '../version';
import { migration001Initial } from './001-initial';
import { migration002Payments } from './002-payments';
import { migration003Sessions } from './003-sessions';
import { migration004Attachments } from './004-attachments';
import { migration005Lock } from './005-lock';
import { migration006Stamps } from './006-stamps';
import { migration007Sync } from './007-sync';
import { migration008HolidayYears } from './008-holiday-years';

/**
 * One step per schema version, applied in order from the version on disk to the newest.
 * A released step is never edited: a later change is a new step. Each step has its own test.
 */
export type Migration = (
  db: IDBPDatabase<RepayDbSchema>,
  tx: IDBPTransaction<RepayDbSchema, StoreNames<RepayDbSchema>[], 'versionchange'>,
) => void;

export const MIGRATIONS: readonly Migration[] = [migration001Initial, migration002Payments, migration003Sessions, migration004Attachments, migration005Lock, migration006Stamps, migration007Sync, migration008HolidayYears];

/** The schema version this build writes (lib/db/version.ts; database.test.ts holds it equal to the steps). */
export { DB_VERSION };

export function runMigrations(
  db: IDBPDatabase<RepayDbSchema>,
  oldVersion: number,
  newVersion: number,
  tx: IDBPTransaction<RepayDbSchema, StoreNames<RepayDbSchema>[], 'versionchange'>,
  steps: readonly Migration[] = MIGRATIONS,
): void {
  for (let version = oldVersion; version < newVersion; version += 1) {
    const step = steps[version];
    if (!step) throw new Error(`No migration to schema version ${version + 1}`);
    step(db, tx);
  }
  // A step may rewrite rows without moving the clock: the popup's first-screen view
  // (lib/db/first-screen-view.ts) is built again by the background rather than trusted.
  if (oldVersion >= 6 && oldVersion < newVersion) void tx.objectStore('meta').delete(FIRST_SCREEN_VIEW_KEY);
}
