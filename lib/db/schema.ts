import * as z from 'zod/mini';
import { agreementSchema } from '../domain/agreement';
import { isoDateSchema } from '../domain/dates';
import { MILESTONE_CODES } from '../domain/milestone-codes';
import { defineCodec } from './codec';
// Defined beside its store's code, so the background (which only counts payments) does not carry it.
import type { AttachmentRecord } from './attachments';
import type { PaymentRecord } from './payments';
import type { SessionNoteRecord, SessionRecord } from './sessions';

export type { AttachmentRecord, PaymentRecord, SessionNoteRecord, SessionRecord };
export type { RepayDbSchema } from './rows';

/**
 * Records as stored. zod checks them on the way in and on the way out: a record that a bug or an
 * older build wrote wrongly is reported and skipped, never shown as a wrong date or amount.
 */
export const agreementRecordSchema = agreementSchema;
export type AgreementRecord = z.infer<typeof agreementRecordSchema>;

export const reminderRecordSchema = z.object({
  id: z.string().check(z.minLength(1)),
  agreementId: z.string().check(z.minLength(1)),
  /** Which milestone of the due date this reminder announces. */
  code: z.enum(MILESTONE_CODES),
  dueDate: isoDateSchema,
  fireDate: isoDateSchema,
  untilDate: z.optional(isoDateSchema),
  provisional: z.boolean(),
  fireAt: z.int(),
  /**
   * 1 while waiting to be shown, 0 once shown. A number rather than a boolean or a nullable
   * timestamp because IndexedDB cannot index booleans or null, and the "what is due" query runs
   * on the compound index [pending, fireAt].
   */
  pending: z.union([z.literal(0), z.literal(1)]),
  notifiedAt: z.nullable(z.int()),
  /** When the user last dealt with it ("Done", "Snooze"), shown or not: absent until then. */
  actedAt: z.optional(z.int()),
});
export type ReminderRecord = z.infer<typeof reminderRecordSchema>;

/** The side panel's notes for one agreement (or for 'general' talks not tied to one yet). */
export const noteRecordSchema = z.object({
  id: z.string().check(z.minLength(1)),
  text: z.string().check(z.maxLength(200_000)),
  updatedAt: z.int().check(z.nonnegative()),
});
export type NoteRecord = z.infer<typeof noteRecordSchema>;

/** Agreements as stored and read back (lib/db/codec.ts). */
export const agreementCodec = defineCodec('agreements', agreementRecordSchema);

/** The v1 notes store, empty since version 3: its codec lets backups and the lock's conversion cover every store. */
export const noteCodec = defineCodec('notes', noteRecordSchema);
