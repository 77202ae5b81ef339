import type { DBSchema, StoreNames } from 'idb';
import type { Envelope } from '../crypto/envelope';
import type { AttachmentRecord } from './attachments';
import type { HolidayYearRecord } from './holiday-years';
import type { PaymentRecord } from './payments';
import type { AgreementRecord, NoteRecord, ReminderRecord } from './schema';
import type { ScriptStateRecord } from './script-state';
import type { SessionNoteRecord, SessionRecord } from './sessions';

/**
 * Rows as they are stored, one type per store, apart from the records the rest of the app sees
 * (lib/db/schema.ts and the store modules define those). A row is what IndexedDB holds: the record
 * itself while the lock is off, or, with the lock on, the few fields indexes, reminders and the
 * badge need, beside one AES-GCM envelope (`sealed`, and `sealedBlob` for an image's bytes). Every
 * row of a synced store carries its stamp (`rev`, lib/db/hlc.ts); a deletion leaves a tombstone.
 * Each store's codec (lib/db/codec.ts) turns rows into checked records and back.
 */

/** Stores whose records travel between devices (and so carry a stamp and leave tombstones). */
export const SYNCED_STORES = ['agreements', 'payments', 'sessions', 'sessionNotes', 'attachments', 'scriptState'] as const;
export type SyncedStore = (typeof SYNCED_STORES)[number];

/** Stores whose records are sealed while the lock is on (the v1 `notes` store is empty since version 3). */
export type SealedStore = SyncedStore | 'notes';
export const SEALED_STORES: readonly SealedStore[] = [...SYNCED_STORES, 'notes'];

/**
 * Every row written by this build carries its stamp; migration 6 stamped the rows written before.
 * Optional in the type because the migrations handle rows of every older version.
 */
export interface Stamp {
  rev?: string;
}

/** A row with the lock on: `P` are the fields left readable. */
export type SealedRow<R, P extends keyof R> = Pick<R, P> & Stamp & { sealed: Envelope; sealedBlob?: Envelope };
/** A row with the lock off: the record itself. */
export type PlainRow<R> = R & Stamp;
export type StoredRow<R, P extends keyof R> = PlainRow<R> | SealedRow<R, P>;

/** An agreement as stored: with the `settled` flag the badge reads (1: fully paid), written with its payments. */
export type AgreementRowFields = AgreementRecord & { settled?: 0 | 1 };

/** What each store keeps readable with the lock on: keys, indexes, reminder scheduling, the badge. */
export const PLAIN_FIELDS = {
  agreements: ['id', 'dueDate', 'createdAt', 'updatedAt', 'settled'],
  payments: ['id', 'agreementId', 'recordedAt'],
  notes: ['id', 'updatedAt'],
  sessions: ['id', 'agreementId', 'startedAt'],
  sessionNotes: ['id', 'sessionId', 'at'],
  attachments: ['id', 'ownerType', 'ownerId', 'capturedAt'],
  scriptState: ['id', 'updatedAt'],
} as const satisfies { [S in SealedStore]: readonly (keyof RecordOf<S>)[] };

/** The fields of a store's records that stay readable with the lock on. */
export type Plain<S extends SealedStore> = (typeof PLAIN_FIELDS)[S][number];

/** The record each sealed store holds. */
export interface RecordBySealedStore {
  agreements: AgreementRowFields;
  payments: PaymentRecord;
  notes: NoteRecord;
  sessions: SessionRecord;
  sessionNotes: SessionNoteRecord;
  attachments: AttachmentRecord;
  scriptState: ScriptStateRecord;
}
export type RecordOf<S extends SealedStore> = RecordBySealedStore[S];
export type RowOf<S extends SealedStore> = StoredRow<RecordOf<S>, Plain<S> & keyof RecordOf<S>>;

export type AgreementRow = RowOf<'agreements'>;
export type PaymentRow = RowOf<'payments'>;
export type NoteRow = RowOf<'notes'>;
export type SessionRow = RowOf<'sessions'>;
export type SessionNoteRow = RowOf<'sessionNotes'>;
export type AttachmentRow = RowOf<'attachments'>;
/** Reminders are derived from agreements on each device: plaintext, never sealed or stamped. */
export type ReminderRow = ReminderRecord;

/** What is left of a deleted record: enough for another device to delete it too. */
export interface TombstoneRow {
  /** `store/id` */
  key: string;
  store: SyncedStore;
  id: string;
  rev: string;
}

/**
 * One row of sync's bookkeeping: `key` names what it is (`rec/<store>/<id>`, `self`,
 * `cursor/<device>`, `dismissed/<pair>`, `blob/<attachment id>`), `value` is read back through the
 * engine's zod schemas.
 */
export interface SyncRow {
  key: string;
  value: unknown;
}

/** The popup's first-screen view's key in the meta store (lib/db/first-screen-view.ts). */
export const FIRST_SCREEN_VIEW_KEY = 'first-screen-view';
/** The last change to what that view is made of: a new token at every such change. */
export const FIRST_SCREEN_BASIS_KEY = 'first-screen-basis';

/**
 * This profile's device id (made once) and its clock's last state; and the popup's first screen in
 * small (lib/db/first-screen-view.ts), with the basis it was read at. The view is checked when read.
 */
export type MetaRow =
  | { key: 'device'; id: string }
  | { key: 'clock'; wall: number; counter: number }
  | { key: 'first-screen-basis'; change: string }
  | { key: 'first-screen-view'; basedOn: string; view: unknown };

/** The indexes of each sealed store (on plaintext fields only). */
interface SealedStoreIndexes {
  agreements: { 'by-dueDate': string };
  payments: { 'by-agreement': string };
  notes: Record<string, never>;
  sessions: { 'by-agreement': string; 'by-startedAt': number };
  sessionNotes: { 'by-session-at': [string, number] };
  attachments: { 'by-owner': [string, string] };
  scriptState: Record<string, never>;
}

/** Written as a mapping so that code generic over a store sees that store's row type. */
type SealedStoresSchema = { [S in SealedStore]: { key: string; value: RowOf<S>; indexes: SealedStoreIndexes[S] } };

export interface RepayDbSchema extends DBSchema, SealedStoresSchema {
  reminders: {
    key: string;
    value: ReminderRow;
    indexes: { 'by-agreement': string; 'by-pending-fireAt': [number, number] };
  };
  tombstones: {
    key: string;
    value: TombstoneRow;
    indexes: { 'by-store': string };
  };
  meta: {
    key: string;
    value: MetaRow;
  };
  /** Sync's bookkeeping on this device (lib/sync/engine/store.ts): never synced, never backed up. */
  sync: {
    key: string;
    value: SyncRow;
  };
  /**
   * The official holidays of a year the holiday table does not cover, typed by the user from the
   * State Council's notice: public facts, so plaintext (never sealed) and not stamped; backed up.
   */
  holidayYears: {
    key: string;
    value: HolidayYearRecord;
  };
}

export type StoreName = StoreNames<RepayDbSchema>;
/** Stores a backup carries: every one but this profile's own bookkeeping. */
export type BackedUpStore = Exclude<StoreName, 'tombstones' | 'meta' | 'sync'>;
