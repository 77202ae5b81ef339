import * as z from 'zod/mini';
import { calendarDaySchema } from './calendar';
import { parseWith, type FieldIssue } from './issues';
import { err, ok, type Result } from './result';

/**
 * Where a negotiation stands.
 *
 *   preparing → in-talks → agreed → confirmed → repaying → settled
 *                              ↘         ↘          ↘
 *                                        broken
 *
 * Invariants the transition rule keeps:
 * - `settled` is final: a new problem with the same lender is a new agreement.
 * - nothing can be repaid, settled or broken before something was agreed.
 * - the happy path only moves forward, but may skip steps: a lender's written offer accepted in
 *   one chat goes from preparing straight to confirmed; a one-time settlement paid at once goes
 *   from confirmed to settled.
 * - to change terms, go back to `in-talks` (allowed from anywhere but settled): the old written
 *   confirmation is dropped, since it is about the old terms; so is it on a new verbal deal.
 * - `broken` (payment missed, or the lender withdrew the deal) can be repaired: talks again, a new
 *   deal, back to repaying once caught up, or settled by paying everything.
 * - a deal without written confirmation (SMS, e-mail, in-app notice, letter) is flagged: a verbal
 *   promise can be denied later.
 */

export const NEGOTIATION_STATUSES = ['preparing', 'in-talks', 'agreed', 'confirmed', 'repaying', 'settled', 'broken'] as const;
export type NegotiationStatus = (typeof NEGOTIATION_STATUSES)[number];

export const CONFIRMATION_CHANNELS = ['sms', 'email', 'in-app', 'letter'] as const;

export const writtenConfirmationSchema = z.object({
  channel: z.enum(CONFIRMATION_CHANNELS),
  receivedOn: calendarDaySchema,
  /** Where the proof is: a screenshot's name, the message's sender, a case number. */
  reference: z.optional(z.string().check(z.trim(), z.maxLength(200))),
});
export type WrittenConfirmation = z.infer<typeof writtenConfirmationSchema>;

export const negotiationStateSchema = z
  .object({
    status: z.enum(NEGOTIATION_STATUSES),
    writtenConfirmation: z.nullable(writtenConfirmationSchema),
  })
  .check(
    z.refine((s) => s.status !== 'confirmed' || s.writtenConfirmation !== null, {
      message: 'confirmed-without-confirmation',
      path: ['writtenConfirmation'],
    }),
  );
export type NegotiationState = z.infer<typeof negotiationStateSchema>;

export function parseNegotiationState(input: unknown): Result<NegotiationState, FieldIssue[]> {
  return parseWith(negotiationStateSchema, input);
}

export type TransitionRefusal =
  /** Moving to the status it already has. */
  | 'unchanged'
  | 'settled-is-final'
  /** Repaying, settled or broken before anything was agreed. */
  | 'nothing-agreed'
  /** Back along the happy path: change terms by going back to talks instead. */
  | 'backwards'
  /** Confirmed in writing, but without saying how and when the confirmation came. */
  | 'confirmation-missing'
  | 'invalid-confirmation'
  | 'invalid-state';

const HAPPY_PATH: readonly NegotiationStatus[] = ['preparing', 'in-talks', 'agreed', 'confirmed', 'repaying', 'settled'];
const rank = (status: NegotiationStatus) => HAPPY_PATH.indexOf(status);
const DEAL_EXISTS: ReadonlySet<NegotiationStatus> = new Set(['agreed', 'confirmed', 'repaying', 'broken']);

function refusal(from: NegotiationStatus, to: NegotiationStatus): TransitionRefusal | null {
  if (from === to) return 'unchanged';
  if (from === 'settled') return 'settled-is-final';
  // Any step that repairs a broken deal is fine: start over, talk, a new deal, catch up, pay off.
  if (from === 'broken') return null;
  if (to === 'in-talks') return null;
  if (to === 'repaying' || to === 'settled' || to === 'broken') return DEAL_EXISTS.has(from) ? null : 'nothing-agreed';
  if (to === 'preparing') return from === 'in-talks' ? null : 'backwards';
  return rank(to) > rank(from) ? null : 'backwards';
}

/** Statuses that begin new terms: a confirmation of the old terms no longer proves anything. */
const STARTS_NEW_DEAL: ReadonlySet<NegotiationStatus> = new Set(['preparing', 'in-talks', 'agreed']);

/**
 * Moves a negotiation to `to`, or says why not. Moving to `confirmed` needs the confirmation
 * itself (also from `broken`: a new deal needs new proof); it may come with any other move too
 * (agreed → repaying with the SMS in hand).
 */
export function transition(
  current: NegotiationState,
  to: NegotiationStatus,
  confirmation?: WrittenConfirmation,
): Result<NegotiationState, TransitionRefusal> {
  const state = negotiationStateSchema.safeParse(current);
  if (!state.success) return err('invalid-state');
  const reason = refusal(state.data.status, to);
  if (reason) return err(reason);
  if (confirmation === undefined) {
    if (to === 'confirmed') return err('confirmation-missing');
    return ok({ status: to, writtenConfirmation: STARTS_NEW_DEAL.has(to) ? null : state.data.writtenConfirmation });
  }
  const parsed = writtenConfirmationSchema.safeParse(confirmation);
  // Talks have no terms yet for a confirmation to prove.
  if (!parsed.success || to === 'preparing' || to === 'in-talks') return err('invalid-confirmation');
  return ok({ status: to, writtenConfirmation: parsed.data });
}

/** The statuses in which the borrower lives under a deal, so its proof matters. */
const NEEDS_PROOF: ReadonlySet<NegotiationStatus> = new Set(['agreed', 'repaying', 'broken']);

/** True when a deal exists that only the lender's word backs: the UI asks for SMS/e-mail/in-app proof. */
export function lacksWrittenConfirmation(state: NegotiationState): boolean {
  return NEEDS_PROOF.has(state.status) && state.writtenConfirmation === null;
}
