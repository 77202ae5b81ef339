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

/** What became of a promise the lender made in a chat, as the user marks it in the complaint draft. */
export const PROMISE_OUTCOMES = ['kept', 'broken'] as const;
export type PromiseOutcome = (typeof PROMISE_OUTCOMES)[number];

/** More marks than a session can have promises would be a bug or a tampered file. */
export const MAX_PROMISE_OUTCOMES = 1_000;

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
  /**
   * The promises' outcomes the user marked in the complaint draft, by note id (a promise not
   * marked has no entry). Optional, so sessions written before it pass unchanged.
   */
  promiseOutcomes: z.optional(
    z
      .record(z.string().check(z.minLength(1)), z.enum(PROMISE_OUTCOMES))
      .check(z.refine((marks) => Object.keys(marks).length <= MAX_PROMISE_OUTCOMES, { message: 'too-many-outcomes' })),
  ),
});
export type Session = z.infer<typeof sessionSchema>;
