import { dayParts } from './calendar';
import type { PaymentPlan, PlanMethod } from './agreement-dues';
import type { IsoDate } from './dates';
import type { Fen } from './money';
import { fenToYuanInput, parseYuan, type YuanParseError } from './money-input';
import { buildSchedule, MAX_PERIODS, rateToMillionths, type MoneyPlan, type Schedule } from './schedule';

/**
 * The installment part of the agreement form: from what the user typed (method, number of periods,
 * rate, or each period's amount as the lender's app lists it) to the schedule previewed before
 * saving, and the plan stored once they confirm it.
 */

/** An installment plan has at least two periods: one period is a single due date. */
export const MIN_PLAN_PERIODS = 2;

export interface PlanDraft {
  method: string;
  periods: string;
  /** Annual rate in percent, for annuity and equal-principal. */
  rate: string;
  /** The day later periods fall on; empty: the first due date's day. */
  dayOfMonth: string;
  /** custom: each period's amount, separated by new lines, commas or spaces. */
  amounts: string;
}

export const EMPTY_PLAN_DRAFT: PlanDraft = { method: 'interest-free', periods: '', rate: '', dayOfMonth: '', amounts: '' };

export type PlanDraftError =
  | { field: 'method'; code: 'unknown' }
  | { field: 'periods'; code: 'invalid'; min: number; max: number }
  | { field: 'rate'; code: 'invalid' }
  | { field: 'dayOfMonth'; code: 'invalid' }
  | { field: 'amounts'; code: 'invalid-amount'; position: number; reason: YuanParseError }
  | { field: 'amounts'; code: 'too-few' | 'too-many'; min: number; max: number }
  /** The periods' amounts must add up to the total: `differenceFen` is their sum minus the total. */
  | { field: 'amounts'; code: 'do-not-add-up'; differenceFen: Fen };

export type PlanValidation = { ok: true; schedule: Schedule; plan: PaymentPlan } | { ok: false; errors: PlanDraftError[] };

const METHODS: readonly PlanMethod[] = ['annuity', 'equal-principal', 'interest-free', 'custom'];

function isMethod(value: string): value is PlanMethod {
  return (METHODS as readonly string[]).includes(value);
}

/** Whole numbers only: "12" is a period count, "12.5" or "12期" is a typo to point out. */
function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : null;
}

/** The amounts of a custom plan, as typed: one per line, or separated by commas (also 、，；) or spaces. */
export function splitAmounts(text: string): string[] {
  return text
    .split(/[\s,，、;；]+/u)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * Checks the plan part of the form against the total and the first due date (both already
 * valid), and builds the schedule. Every problem is reported at once.
 */
export function validatePlanDraft(draft: PlanDraft, totalFen: Fen, firstDueDate: IsoDate): PlanValidation {
  const errors: PlanDraftError[] = [];
  const method = draft.method;
  if (!isMethod(method)) return { ok: false, errors: [{ field: 'method', code: 'unknown' }] };

  let dayOfMonth = dayParts(firstDueDate).day;
  if (draft.dayOfMonth.trim() !== '') {
    const day = wholeNumber(draft.dayOfMonth);
    if (day === null || day < 1 || day > 31) errors.push({ field: 'dayOfMonth', code: 'invalid' });
    else dayOfMonth = day;
  }

  let money: MoneyPlan | null = null;
  let rate: number | undefined;
  if (method === 'custom') {
    const parts = splitAmounts(draft.amounts);
    const amounts: Fen[] = [];
    parts.forEach((part, i) => {
      const parsed = parseYuan(part);
      if (parsed.ok) amounts.push(parsed.value);
      else errors.push({ field: 'amounts', code: 'invalid-amount', position: i + 1, reason: parsed.error });
    });
    if (parts.length < MIN_PLAN_PERIODS) errors.push({ field: 'amounts', code: 'too-few', min: MIN_PLAN_PERIODS, max: MAX_PERIODS });
    else if (parts.length > MAX_PERIODS) errors.push({ field: 'amounts', code: 'too-many', min: MIN_PLAN_PERIODS, max: MAX_PERIODS });
    else if (amounts.length === parts.length) {
      const sum = amounts.reduce((total, amount) => total + amount, 0);
      if (sum !== totalFen) errors.push({ field: 'amounts', code: 'do-not-add-up', differenceFen: sum - totalFen });
      else money = { method, principalFen: totalFen, amountsFen: amounts };
    }
  } else {
    const periods = wholeNumber(draft.periods);
    const periodsOk = periods !== null && periods >= MIN_PLAN_PERIODS && periods <= MAX_PERIODS;
    if (!periodsOk) errors.push({ field: 'periods', code: 'invalid', min: MIN_PLAN_PERIODS, max: MAX_PERIODS });
    if (method === 'interest-free') {
      if (periodsOk) money = { method, principalFen: totalFen, periods };
    } else {
      const typed = draft.rate.trim().replace(/[%％]$/u, '');
      rate = /^\d+(\.\d+)?$/.test(typed) ? Number(typed) : Number.NaN;
      if (rateToMillionths(rate) === null) errors.push({ field: 'rate', code: 'invalid' });
      else if (periodsOk) money = { method, principalFen: totalFen, periods, annualRatePercent: rate };
    }
  }
  if (errors.length > 0 || money === null) return { ok: false, errors };

  const schedule = buildSchedule(money, { firstDueDate, dayOfMonth });
  // Every input was checked above; the engine's own checks agree with them.
  if (!schedule.ok) return { ok: false, errors: [{ field: 'periods', code: 'invalid', min: MIN_PLAN_PERIODS, max: MAX_PERIODS }] };
  return {
    ok: true,
    schedule: schedule.value,
    plan: {
      method,
      dayOfMonth,
      ...(rate === undefined ? {} : { annualRatePercent: rate }),
      dues: schedule.value.periods.map((p) => ({ date: p.dueDate, amountFen: p.amountFen })),
    },
  };
}

/** The form's plan fields for a stored plan, so editing shows what was saved. */
export function planDraftOf(plan: PaymentPlan): PlanDraft {
  return {
    method: plan.method,
    periods: String(plan.dues.length),
    rate: plan.annualRatePercent === undefined ? '' : String(plan.annualRatePercent),
    dayOfMonth: String(plan.dayOfMonth),
    amounts: plan.method === 'custom' ? plan.dues.map((d) => fenToYuanInput(d.amountFen)).join('\n') : '',
  };
}
