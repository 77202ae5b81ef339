import * as z from 'zod/mini';

/**
 * A conversation with a lender's customer service, as the borrower records it live: who, when,
 * through which channel, and a stream of short timestamped notes. The record is evidence (for a
 * later complaint or court) and the raw material of the agreement that comes out of the talk.
 */
export const CHANNELS = ['web-chat', 'app-chat', 'phone', 'other'] as const;
export const NOTE_TAGS = ['offer', 'promise', 'amount', 'date', 'question'] as const;
export type NoteTag = (typeof NOTE_TAGS)[number];

export const MAX_NOTE_LENGTH = 5_000;

export const sessionNoteSchema = z.object({
  id: z.string().check(z.minLength(1)),
  sessionId: z.string().check(z.minLength(1)),
  /** Epoch milliseconds when the note was started: the time the thing was said. */
  at: z.int().check(z.nonnegative()),
  text: z.string().check(z.maxLength(MAX_NOTE_LENGTH)),
  tags: z.array(z.enum(NOTE_TAGS)).check(z.maxLength(NOTE_TAGS.length)),
});
export type SessionNote = z.infer<typeof sessionNoteSchema>;

export const sessionSchema = z.object({
  id: z.string().check(z.minLength(1)),
  agreementId: z.nullable(z.string()),
  lender: z.string().check(z.trim(), z.maxLength(60)),
  channel: z.enum(CHANNELS),
  startedAt: z.int().check(z.nonnegative()),
  agentName: z.string().check(z.trim(), z.maxLength(60)),
  ticket: z.string().check(z.trim(), z.maxLength(80)),
  /** Written confirmation of what was agreed: asked for, then received (and how). */
  confirmationAskedAt: z.nullable(z.int()),
  confirmationReceivedAt: z.nullable(z.int()),
  confirmationChannel: z.nullable(z.enum(['sms', 'email', 'in-app', 'letter'])),
});
export type Session = z.infer<typeof sessionSchema>;
