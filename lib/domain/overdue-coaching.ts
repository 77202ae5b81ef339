import type { AgreementKind } from './agreement';
import { addDaysIso, daysBetween, type IsoDate } from './dates';
import type { Escalation } from './overdue-coaching-marks';

export { ESCALATION_MARKS, escalationSchema, toggleEscalation, type Escalation, type EscalationMark } from './overdue-coaching-marks';

/**
 * What an overdue borrower should do today, from how late the payment is and from what the user
 * has recorded of the lender's escalation. The facts behind each stage (shared domain brief):
 * - Unpaid up to about 3 days, nothing has reached the credit report yet: paying now is the one
 *   step that keeps the record clean (`pay-now`).
 * - Later than that, adverse information may already be reported; what helps now is talking to the
 *   lender today with a concrete plan, never going silent (`contact-lender`).
 * - Collection that harasses or insults is a breach the regulator takes complaints about (NFRA
 *   hotline 12378, the National Internet Finance Association); evidence is what makes a complaint
 *   count (`collection`).
 * - A lawyer's letter or a notice of pre-litigation mediation (诉前调解) is the step before a
 *   lawsuit; attending, with the papers, is how courts come to order installments (`legal`).
 * The user's marks outrank the days: a borrower with a mediation notice needs that advice first.
 */

export type CoachingStage = 'pay-now' | 'contact-lender' | 'collection' | 'legal';

/**
 * The things to do today at each stage, in the order to do them. Each is one line of advice in
 * the UI (coach_<code>); the channels named are the regulator's, never a paid service.
 */
export const COACHING_STEPS = {
  'pay-now': ['pay-in-full-today', 'keep-receipt', 'call-if-short'],
  'contact-lender': ['contact-today', 'propose-plan', 'get-in-writing'],
  collection: ['keep-evidence', 'complain-regulator', 'keep-talking'],
  legal: ['attend', 'bring-papers', 'ask-installments'],
} as const satisfies Record<CoachingStage, readonly string[]>;
export type CoachingStep = (typeof COACHING_STEPS)[CoachingStage][number];

/**
 * The side panel script that fits the stage (lib/negotiation/scenarios.ts ids): a plan to propose,
 * or what to say to abusive collection. Paying and attending need no script.
 */
export const COACHING_SCRIPTS = {
  'pay-now': null,
  'contact-lender': 'installments',
  collection: 'abusive-collection',
  legal: null,
} as const satisfies Record<CoachingStage, string | null>;

export interface OverdueCoaching {
  stage: CoachingStage;
  /** Whole days since the due date (1 on the day after it). */
  daysLate: number;
  /** The first day adverse information may be reported; today or earlier once reached. */
  reportableFrom: IsoDate;
  /** Whether that day has come. */
  reportable: boolean;
  steps: readonly CoachingStep[];
  script: (typeof COACHING_SCRIPTS)[CoachingStage];
}

export interface OverdueInput {
  /** The due date not yet paid (a plan's current period). */
  dueDate: IsoDate;
  /** Only a payment can be late in this sense; an application deadline or a follow-up cannot. */
  isPayment: boolean;
  /** Paid: nothing to coach, however late it was. */
  paid: boolean;
  escalation?: Escalation | undefined;
}

/**
 * Whether the agreement's date is a payment that can be late: an application deadline (second
 * negotiation) or a lender's follow-up on a hardship application is not (the same split as the
 * reminder plan's roles, which a test compares; that module loads the whole milestone engine).
 */
export function isPaymentKind(kind: AgreementKind): boolean {
  return kind !== 'second-negotiation' && kind !== 'hardship';
}

/** Days overdue after which adverse information may be reported (milestones.ts has the same default). */
export const REPORTABLE_AFTER_DAYS = 3;

/** Null when the payment is not overdue (due today or later, paid, or not a payment). */
export function overdueCoaching(input: OverdueInput, today: IsoDate, reportableAfterDays = REPORTABLE_AFTER_DAYS): OverdueCoaching | null {
  if (input.paid || !input.isPayment) return null;
  const daysLate = daysBetween(input.dueDate, today);
  if (daysLate <= 0) return null;
  const reportableFrom = addDaysIso(input.dueDate, reportableAfterDays + 1);
  const stage = stageOf(daysLate, input.escalation, reportableAfterDays);
  return {
    stage,
    daysLate,
    reportableFrom,
    reportable: today >= reportableFrom,
    steps: COACHING_STEPS[stage],
    script: COACHING_SCRIPTS[stage],
  };
}

function stageOf(daysLate: number, escalation: Escalation | undefined, reportableAfterDays: number): CoachingStage {
  if (escalation?.lawyerLetter !== undefined || escalation?.mediation !== undefined) return 'legal';
  if (escalation?.collection !== undefined) return 'collection';
  return daysLate <= reportableAfterDays ? 'pay-now' : 'contact-lender';
}

export type StepState = 'missed' | 'today' | 'next';

/**
 * How a dated step stands today, for the row's "next step": a step (or a window's last day) gone
 * by is missed and never "next"; a window still open is for today, and shown by its last day.
 */
export function stepState(step: { fireDate: IsoDate; untilDate?: IsoDate | undefined }, today: IsoDate): { state: StepState; day: IsoDate } {
  const last = step.untilDate ?? step.fireDate;
  if (last < today) return { state: 'missed', day: last };
  if (step.fireDate <= today) return { state: 'today', day: last };
  return { state: 'next', day: step.fireDate };
}
