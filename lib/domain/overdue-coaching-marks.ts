import * as z from 'zod/mini';
import { isoDateSchema, type IsoDate } from './dates';

/**
 * The facts a user records on an overdue agreement, apart from the advice they decide
 * (overdue-coaching.ts), so the agreement schema can hold them without loading the advice.
 */

/** What the user records on an overdue agreement, each with the day it was noted. */
export const escalationSchema = z.object({
  /** Collection calls or messages that press, harass or insult. */
  collection: z.optional(isoDateSchema),
  lawyerLetter: z.optional(isoDateSchema),
  /** A notice of pre-litigation mediation (诉前调解) from a court or a mediation centre. */
  mediation: z.optional(isoDateSchema),
});
export type Escalation = z.infer<typeof escalationSchema>;
export const ESCALATION_MARKS = ['collection', 'lawyerLetter', 'mediation'] as const satisfies readonly (keyof Escalation)[];
export type EscalationMark = (typeof ESCALATION_MARKS)[number];

/** The escalation with one mark set (on `today`) or cleared; undefined once nothing is left. */
export function toggleEscalation(escalation: Escalation | undefined, mark: EscalationMark, on: boolean, today: IsoDate): Escalation | undefined {
  const marked = (m: EscalationMark) => (m === mark ? (on ? (escalation?.[m] ?? today) : undefined) : escalation?.[m]);
  const next: Escalation = {};
  for (const m of ESCALATION_MARKS) {
    const day = marked(m);
    if (day !== undefined) next[m] = day;
  }
  return Object.keys(next).length > 0 ? next : undefined;
}

