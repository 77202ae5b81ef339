import type * as z from 'zod/mini';
import { attachmentRecordSchema } from '../db/attachments';
import { holidayYearRecordSchema } from '../db/holiday-years';
import { paymentRecordSchema } from '../db/payments';
import { scriptStateRecordSchema } from '../db/script-state';
import type { BackedUpStore } from '../db/rows';
import { agreementRecordSchema, noteRecordSchema, reminderRecordSchema } from '../db/schema';
import { sessionNoteRecordSchema, sessionRecordSchema } from '../db/sessions';

/**
 * Every object store a backup carries, with the zod schema each record must pass before an import
 * writes anything. Every store is keyed by its records' `id`. A store added to the database must be
 * added here too: the `satisfies` below fails to compile and stores.test.ts fails to pass until it is.
 */
export const BACKUP_STORES = {
  agreements: agreementRecordSchema,
  reminders: reminderRecordSchema,
  notes: noteRecordSchema,
  payments: paymentRecordSchema,
  sessions: sessionRecordSchema,
  sessionNotes: sessionNoteRecordSchema,
  /** Images (screenshots, receipts): their Blob travels base64-encoded, see blobs.ts. */
  attachments: attachmentRecordSchema,
  /** The script tab's typed figures, per agreement. */
  scriptState: scriptStateRecordSchema,
  /** Official holidays the user typed for years the holiday table does not cover: without them a restored profile's dates would be guesses again. */
  holidayYears: holidayYearRecordSchema,
} satisfies Record<BackedUpStore, z.ZodMiniType>;

export type BackupStoreName = keyof typeof BACKUP_STORES;

export const BACKUP_STORE_NAMES = Object.keys(BACKUP_STORES) as BackupStoreName[];
