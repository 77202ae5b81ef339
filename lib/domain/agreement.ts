import * as z from 'zod/mini';
import type { AgreementDetailsRecord } from './agreement-details';
import { paymentPlanSchema, type PaymentPlan } from './agreement-dues';
import { agreementRemindersSchema, type AgreementReminders } from './lead-days-schema';
import { isoDateSchema, type IsoDate } from './dates';
import { MAX_FEN, type Fen } from './money';
import { escalationSchema, type Escalation } from './overdue-coaching-marks';

/** The kinds of arrangement a borrower can reach with a lender (see shared domain brief). */
export const AGREEMENT_KINDS = [
  'extension',
  'deferral',
  'installment',
  'waiver',
  'settlement',
  'resume',
  'second-negotiation',
  'restructuring',
  'hardship',
] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export const MAX_LENDER_LENGTH = 60;

export const MAX_FOLLOW_UPS = 50;
export const MAX_FOLLOW_UP_TEXT = 200;
export const followUpSchema = z.object({ date: isoDateSchema, text: z.string().check(z.maxLength(MAX_FOLLOW_UP_TEXT)) });
export type FollowUp = z.infer<typeof followUpSchema>;

export const agreementSchema = z.object({
  id: z.string().check(z.minLength(1)),
  lender: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_LENDER_LENGTH)),
  kind: z.enum(AGREEMENT_KINDS),
  amountFen: z.int().check(z.nonnegative(), z.maximum(MAX_FEN)),
  dueDate: isoDateSchema,
  /** Sample data the user asked for to try the app; shown tagged, removed in one click. */
  demo: z.optional(z.boolean()),
  /** Follow-ups the lender promised during a chat ("we will call back by Friday"): each gets a reminder. */
  followUps: z.optional(z.array(followUpSchema).check(z.maxLength(MAX_FOLLOW_UPS))),
  /**
   * An installment plan's periods, as the user confirmed them: `dueDate` is then the first period
   * not yet paid (kept up to date with every payment) and `amountFen` the sum the plan splits.
   */
  plan: z.optional(paymentPlanSchema),
  /**
   * What the kind records beyond the amount and the date. Checked field by field with
   * agreementDetailsRecordSchema when saved (save-agreement.ts) and when the form reads it back;
   * here only its outline, so the first screen and the background, which never show it, stay light.
   */
  details: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())]))),
  /** Reminders switched off, or this agreement's own extra lead days (see agreement-reminders.ts). */
  reminders: z.optional(agreementRemindersSchema),
  /**
   * What the user recorded of the lender's escalation while the debt is overdue (collection
   * pressure, a lawyer's letter, a mediation notice): it decides the advice (overdue-coaching.ts).
   * Optional, so records written before it pass unchanged.
   */
  escalation: z.optional(escalationSchema),
  /**
   * The id of the agreement that took this one's place ("turn into a new agreement" from a chat
   * linked to it): this one is then closed: no reminders, not counted in the totals, its row says
   * what replaced it. Optional, so records written before it pass unchanged.
   */
  replacedBy: z.optional(z.string().check(z.minLength(1))),
  /** Epoch milliseconds. */
  createdAt: z.int().check(z.nonnegative()),
  updatedAt: z.int().check(z.nonnegative()),
});
export type Agreement = z.infer<typeof agreementSchema>;

export interface AgreementFields {
  lender: string;
  kind: AgreementKind;
  amountFen: Fen;
  dueDate: IsoDate;
  demo?: boolean;
  followUps?: FollowUp[];
  plan?: PaymentPlan;
  details?: AgreementDetailsRecord;
  /** Absent: an edit keeps what the agreement had (see saveAgreement). */
  reminders?: AgreementReminders;
  /** Absent: an edit keeps what the agreement had (see saveAgreement). */
  escalation?: Escalation;
}
