import { monthlyDay } from './calendar';
import { daysBetween, parseIsoDate, type DateParseError, type IsoDate } from './dates';
import { MAX_FEN, type Fen } from './money';
import { err, ok, type Result } from './result';

/**
 * Installment schedules (分期), in integer fen.
 *
 * Rounding rules, the same for every method so the plan matches what a lender's app shows:
 * - interest of a period = balance × annual rate ÷ 12, rounded half up to the fen, computed exactly
 *   (BigInt), never through a float;
 * - the 等额本息 (annuity) payment is rounded half up to the fen, as bank and lender calculators
 *   do (10,000.00 at 1 % a month over 12 months: 888.4879 → 888.49), also computed exactly; each
 *   period's principal is that payment minus its interest;
 * - the 等额本金 and zero-interest principal (total ÷ periods) is rounded down to the fen;
 * - the last period takes whatever principal is left, so the periods' principal always sums
 *   exactly to the total and the rounding difference shows on one bill only: a few fen less than
 *   the others after an annuity rounded up, a few more after a split rounded down. It is never
 *   negative, since no earlier period repays more principal than is left.
 *
 * These figures are for planning and proposing: the bill in the lender's app stays the source of
 * truth, and a custom schedule copies it amount by amount.
 */

export const SCHEDULE_METHODS = ['annuity', 'equal-principal', 'interest-free', 'custom'] as const;
export type ScheduleMethod = (typeof SCHEDULE_METHODS)[number];

/** Ten years of monthly payments: more is a typo, not a consumer plan (36 is the usual maximum). */
export const MAX_PERIODS = 120;
/** Annual rates are entered in percent with up to 4 decimals (a daily 0.025% is 9.125% a year). */
export const MAX_ANNUAL_RATE_PERCENT = 100;

export type MoneyPlan =
  | {
      method: 'annuity' | 'equal-principal';
      principalFen: Fen;
      periods: number;
      /** Nominal annual rate in percent (年化利率), e.g. 18 or 9.125. */
      annualRatePercent: number;
    }
  | { method: 'interest-free'; principalFen: Fen; periods: number }
  | {
      method: 'custom';
      /** The total the amounts must add up to: a check against a mistyped bill. */
      principalFen: Fen;
      /** Each period's amount as the lender's app lists it. */
      amountsFen: readonly Fen[];
    };

export interface PeriodAmount {
  /** 1-based, as lenders number periods ("第 3/12 期"). */
  index: number;
  principalFen: Fen;
  interestFen: Fen;
  /** What is due that period: principal + interest. */
  amountFen: Fen;
}

export interface DueDayRule {
  /** The first period's due date; it may fall off `dayOfMonth` (a short or long first period). */
  firstDueDate: IsoDate;
  /** 1–31: later periods fall on this day, or on the month's last day when it is shorter. */
  dayOfMonth: number;
}

export interface ScheduledPeriod extends PeriodAmount {
  dueDate: IsoDate;
}

export interface Schedule {
  method: ScheduleMethod;
  principalFen: Fen;
  interestFen: Fen;
  totalFen: Fen;
  periods: ScheduledPeriod[];
}

export type ScheduleError =
  | 'invalid-principal'
  | 'invalid-periods'
  | 'invalid-rate'
  | 'invalid-amounts'
  | 'amounts-do-not-add-up'
  | 'invalid-day-of-month'
  | 'invalid-paid'
  | `first-due-date-${DateParseError}`
  | `today-${DateParseError}`;

function isFen(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0 && value <= MAX_FEN;
}

function isPeriodCount(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= MAX_PERIODS;
}

/**
 * The annual rate in millionths (18.5% → 185 000): the exact integer the interest maths uses.
 * Returns null for a rate that is negative, too high or has more than 4 decimals.
 */
export function rateToMillionths(annualRatePercent: number): number | null {
  if (!Number.isFinite(annualRatePercent)) return null;
  if (annualRatePercent < 0 || annualRatePercent > MAX_ANNUAL_RATE_PERCENT) return null;
  const millionths = Math.round(annualRatePercent * 10_000);
  if (Math.abs(millionths - annualRatePercent * 10_000) > 1e-6) return null;
  return millionths;
}

const MONTHS_TIMES_MILLION = 12n * 1_000_000n;

/** One month's interest on `balance` at `rateMillionths` a year, rounded half up, exactly. */
function monthlyInterest(balanceFen: Fen, rateMillionths: number): Fen {
  const numerator = BigInt(balanceFen) * BigInt(rateMillionths);
  return Number((2n * numerator + MONTHS_TIMES_MILLION) / (2n * MONTHS_TIMES_MILLION));
}

/**
 * P × r × (1 + r)^n ÷ ((1 + r)^n − 1) with r = rate ÷ 12, in integers: with A = 12,000,000 + rate
 * millionths and B = 12,000,000, (1 + r)^n = A^n ÷ B^n, so the payment is
 * P × rate × A^n ÷ (B × (A^n − B^n)), rounded half up. No float ever decides a fen.
 */
function annuityPayment(principalFen: Fen, periods: number, rateMillionths: number): Fen {
  const n = BigInt(periods);
  if (rateMillionths === 0) return Number((2n * BigInt(principalFen) + n) / (2n * n));
  const a = MONTHS_TIMES_MILLION + BigInt(rateMillionths);
  const growth = a ** n;
  const base = MONTHS_TIMES_MILLION ** n;
  const numerator = BigInt(principalFen) * BigInt(rateMillionths) * growth;
  const denominator = MONTHS_TIMES_MILLION * (growth - base);
  return Number((2n * numerator + denominator) / (2n * denominator));
}

function period(index: number, principalFen: Fen, interestFen: Fen): PeriodAmount {
  return { index, principalFen, interestFen, amountFen: principalFen + interestFen };
}

/** Splits a debt into period amounts, without dates. */
export function splitRepayment(plan: MoneyPlan): Result<PeriodAmount[], ScheduleError> {
  if (!isFen(plan.principalFen)) return err('invalid-principal');

  if (plan.method === 'custom') {
    const amounts = plan.amountsFen;
    if (!isPeriodCount(amounts.length)) return err('invalid-periods');
    if (!amounts.every(isFen)) return err('invalid-amounts');
    const sum = amounts.reduce((total, amount) => total + amount, 0);
    if (sum !== plan.principalFen) return err('amounts-do-not-add-up');
    return ok(amounts.map((amount, i) => period(i + 1, amount, 0)));
  }

  if (!isPeriodCount(plan.periods)) return err('invalid-periods');
  const { periods, principalFen } = plan;
  const rate = plan.method === 'interest-free' ? 0 : rateToMillionths(plan.annualRatePercent);
  if (rate === null) return err('invalid-rate');

  const result: PeriodAmount[] = [];
  let balance = principalFen;
  const levelPrincipal = Math.floor(principalFen / periods);
  const levelPayment = plan.method === 'annuity' ? annuityPayment(principalFen, periods, rate) : 0;
  for (let index = 1; index <= periods; index++) {
    const interest = monthlyInterest(balance, rate);
    let principal: Fen;
    if (index === periods) principal = balance;
    else if (plan.method === 'annuity') principal = Math.min(Math.max(levelPayment - interest, 0), balance);
    else principal = levelPrincipal;
    result.push(period(index, principal, interest));
    balance -= principal;
  }
  return ok(result);
}

/** The due date of every period, month-end safe. */
export function monthlyDueDates(rule: DueDayRule, periods: number): Result<IsoDate[], ScheduleError> {
  const first = parseIsoDate(rule.firstDueDate);
  if (!first.ok) return err(`first-due-date-${first.error}` as const);
  if (!Number.isInteger(rule.dayOfMonth) || rule.dayOfMonth < 1 || rule.dayOfMonth > 31) {
    return err('invalid-day-of-month');
  }
  if (!isPeriodCount(periods)) return err('invalid-periods');
  const dates = [first.value];
  for (let i = 1; i < periods; i++) dates.push(monthlyDay(first.value, i, rule.dayOfMonth));
  return ok(dates);
}

export function buildSchedule(plan: MoneyPlan, rule: DueDayRule): Result<Schedule, ScheduleError> {
  const amounts = splitRepayment(plan);
  if (!amounts.ok) return amounts;
  const dates = monthlyDueDates(rule, amounts.value.length);
  if (!dates.ok) return dates;
  const periods = amounts.value.map((amount, i) => ({ ...amount, dueDate: dates.value[i] ?? rule.firstDueDate }));
  const interestFen = periods.reduce((sum, p) => sum + p.interestFen, 0);
  return ok({
    method: plan.method,
    principalFen: plan.principalFen,
    interestFen,
    totalFen: plan.principalFen + interestFen,
    periods,
  });
}

/** Where a schedule stands on a given day. */
export interface ScheduleStanding {
  /** Everything still to pay under the schedule, future interest included. */
  remainingFen: Fen;
  /** Principal not yet repaid (a period's payment covers its interest first, as lenders book it). */
  remainingPrincipalFen: Fen;
  /** "3 of 12 left": periods not fully paid, and the count of all periods. */
  periodsLeft: number;
  periodsTotal: number;
  /** Unpaid amount of periods whose due date is before today. */
  overdueFen: Fen;
  overduePeriods: number;
  /** Days since the oldest unpaid due date: the 逾期天数 lenders and the credit report count. */
  overdueDays: number;
  /** The first period not fully paid, overdue or not; null once everything is paid. */
  nextUnpaid: ScheduledPeriod | null;
}

/**
 * Reads a schedule against what has been credited to each period (`paidFen[i]` for period i + 1,
 * see `creditPayments` in payments.ts) on `today`. A period due today is not yet overdue: paying
 * on the due day is on time.
 */
export function assessSchedule(
  schedule: Schedule,
  paidFen: readonly Fen[],
  today: IsoDate,
): Result<ScheduleStanding, ScheduleError> {
  const day = parseIsoDate(today);
  if (!day.ok) return err(`today-${day.error}` as const);
  if (paidFen.length !== schedule.periods.length || !paidFen.every(isFen)) return err('invalid-paid');

  const standing: ScheduleStanding = {
    remainingFen: 0,
    remainingPrincipalFen: 0,
    periodsLeft: 0,
    periodsTotal: schedule.periods.length,
    overdueFen: 0,
    overduePeriods: 0,
    overdueDays: 0,
    nextUnpaid: null,
  };
  schedule.periods.forEach((p, i) => {
    const paid = Math.min(paidFen[i] ?? 0, p.amountFen);
    const outstanding = p.amountFen - paid;
    standing.remainingPrincipalFen += p.principalFen - Math.max(0, paid - p.interestFen);
    if (outstanding === 0) return;
    standing.remainingFen += outstanding;
    standing.periodsLeft += 1;
    standing.nextUnpaid ??= p;
    const late = daysBetween(p.dueDate, day.value);
    if (late > 0) {
      standing.overdueFen += outstanding;
      standing.overduePeriods += 1;
      standing.overdueDays = Math.max(standing.overdueDays, late);
    }
  });
  return ok(standing);
}
