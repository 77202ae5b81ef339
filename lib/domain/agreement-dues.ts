import * as z from 'zod/mini';
import { isoDateSchema, type IsoDate } from './dates';
import { MAX_FEN, type Fen } from './money';
import { creditDue, standingOf, type DueStanding, type PaymentFacts } from './payment-status';

/**
 * The due dates of one agreement. Most arrangements have one date (an extension's new due date, a
 * settlement's deadline); an installment plan (分期) has one per period, each with its own amount,
 * confirmed by the user from the schedule preview and stored as confirmed, so that the bill the
 * user checked is the bill that is tracked.
 *
 * Light on purpose: the popup's first screen and the badge count read it. Building a schedule
 * (the interest maths) lives in agreement-plan.ts, loaded only with the form.
 */

/** Methods of splitting a debt into periods (see schedule.ts, which computes them). */
export const PLAN_METHODS = ['annuity', 'equal-principal', 'interest-free', 'custom'] as const;
export type PlanMethod = (typeof PLAN_METHODS)[number];

export const MAX_PLAN_PERIODS = 120;

export const planDueSchema = z.object({
  date: isoDateSchema,
  amountFen: z.int().check(z.nonnegative(), z.maximum(MAX_FEN)),
});
export type PlanDue = z.infer<typeof planDueSchema>;

export const paymentPlanSchema = z.object({
  method: z.enum(PLAN_METHODS),
  /** The day later periods fall on (or the month's last day when it is shorter). */
  dayOfMonth: z.int().check(z.minimum(1), z.maximum(31)),
  /** Nominal annual rate in percent, for the methods that charge interest. */
  annualRatePercent: z.optional(z.number().check(z.minimum(0), z.maximum(100))),
  /** Every period, in date order, on distinct days. */
  dues: z.array(planDueSchema).check(
    z.minLength(1),
    z.maxLength(MAX_PLAN_PERIODS),
    z.refine((dues) => dues.every((d, i) => i === 0 || (dues[i - 1]?.date ?? '') < d.date), { message: 'dues-not-in-order' }),
  ),
});
export type PaymentPlan = z.infer<typeof paymentPlanSchema>;

/** An agreement as its due dates see it. */
export interface WithDues {
  dueDate: IsoDate;
  amountFen: Fen;
  plan?: PaymentPlan | undefined;
}

export interface AgreementDue {
  date: IsoDate;
  amountFen: Fen;
  /** 1-based period number, and the number of periods (1 of 1 for a single date). */
  index: number;
  count: number;
}

export interface DueWithStanding extends AgreementDue {
  standing: DueStanding;
}

/** Every due date of an agreement, in order. */
export function duesOf(agreement: WithDues): AgreementDue[] {
  const plan = agreement.plan;
  if (!plan) return [{ date: agreement.dueDate, amountFen: agreement.amountFen, index: 1, count: 1 }];
  return plan.dues.map((d, i) => ({ date: d.date, amountFen: d.amountFen, index: i + 1, count: plan.dues.length }));
}

/**
 * Where each due date stands. A single-date agreement counts every payment made on it (its date
 * may have been moved since). A plan counts each payment towards the period it was recorded for,
 * and what is paid beyond a period's amount towards the following periods in order (paying two
 * months at once is common); the last period keeps whatever is left over. A payment whose period
 * no longer exists (the plan was edited) counts towards the first period. So the periods' paid
 * amounts always add up to the money the user paid: none dropped, none counted twice.
 */
export function dueStandings(agreement: WithDues, payments: readonly (PaymentFacts & { dueDate: IsoDate })[]): DueWithStanding[] {
  const dues = duesOf(agreement);
  if (!agreement.plan) return dues.map((d) => ({ ...d, standing: standingOf(d.amountFen, payments) }));
  const dates = new Set(dues.map((d) => d.date));
  let carried: PaymentFacts[] = [];
  return dues.map((d, i) => {
    const mine = payments.filter((p) => p.dueDate === d.date || (i === 0 && !dates.has(p.dueDate)));
    const { standing, excess } = creditDue(d.amountFen, [...carried, ...mine], { keepExcess: i === dues.length - 1 });
    carried = excess;
    return { ...d, standing };
  });
}

/** Where an agreement stands as a whole: the due date that needs the user now, and what is left in all. */
export interface AgreementStanding extends DueStanding {
  /** The first period not yet paid; the last one once everything is paid. */
  due: AgreementDue;
  /** Everything still owed on the agreement, all periods together. */
  totalLeftFen: Fen;
  /** Each period's standing, in order. */
  dues: DueWithStanding[];
}

export function agreementStanding(agreement: WithDues, payments: readonly (PaymentFacts & { dueDate: IsoDate })[]): AgreementStanding {
  const dues = dueStandings(agreement, payments);
  const current = dues.find((d) => d.standing.state !== 'paid') ?? dues[dues.length - 1];
  // duesOf always gives at least one due date.
  if (current === undefined) throw new Error('An agreement has at least one due date');
  const { standing, ...due } = current;
  return {
    ...standing,
    due,
    totalLeftFen: dues.reduce((sum, d) => sum + d.standing.leftFen, 0),
    dues,
  };
}

/** The date an agreement's `dueDate` holds: its first unpaid period (the last once all are paid). */
export function currentDueDate(agreement: WithDues, payments: readonly (PaymentFacts & { dueDate: IsoDate })[]): IsoDate {
  return agreementStanding(agreement, payments).due.date;
}

/** A plan's periods as reminders and the timeline see them (each with the day it was paid); none without a plan. */
export function plannedDues(agreement: WithDues, standing: Pick<AgreementStanding, 'dues'>): { date: IsoDate; doneOn: IsoDate | null }[] | undefined {
  if (!agreement.plan) return undefined;
  return standing.dues.map((d) => ({ date: d.date, doneOn: d.standing.settledOn }));
}
