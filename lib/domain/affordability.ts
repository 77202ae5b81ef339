import { addMonthsClamped, monthOf } from './calendar';
import { daysBetween, parseIsoDate, type DateParseError, type IsoDate } from './dates';
import { MAX_FEN, type Fen } from './money';
import { parseYuan } from './money-input';
import { err, ok, type Result } from './result';
import { MAX_PERIODS, splitRepayment, type PeriodAmount, type ScheduleError } from './schedule';

/**
 * What the borrower can really pay per month, against what all their agreements ask. The guides
 * are blunt: state a concrete monthly amount and number of periods, and never promise more than
 * you can pay, since a broken second deal is worse than the first.
 */

export interface BurdenItem {
  date: IsoDate;
  amountFen: Fen;
}

export interface MonthBurden {
  /** `yyyy-MM`. */
  month: string;
  dueFen: Fen;
  affordableFen: Fen;
  /** How much more than affordable is due (0 when within budget). */
  shortfallFen: Fen;
}

export type AffordabilityError =
  | { code: 'invalid-today'; reason: DateParseError }
  | { code: 'invalid-item'; index: number }
  | { code: 'invalid-affordable' }
  | { code: 'invalid-months' }
  | { code: 'invalid-total' }
  | { code: 'invalid-terms'; reason: ScheduleError }
  /** No count up to the maximum fits: the least monthly amount that would, and over how many periods. */
  | { code: 'not-affordable'; periods: number; minimumMonthlyFen: Fen };

const isFen = (value: number) => Number.isSafeInteger(value) && value >= 0 && value <= MAX_FEN;

/**
 * The amount due in each month from today's month on, against the affordable amount. Pass only
 * what is still unpaid: an amount already past due counts in the current month, since it is owed now.
 */
export function monthlyBurden(
  items: readonly BurdenItem[],
  affordableMonthlyFen: Fen,
  today: IsoDate,
  months = 12,
): Result<MonthBurden[], AffordabilityError> {
  const day = parseIsoDate(today);
  if (!day.ok) return err({ code: 'invalid-today', reason: day.error });
  if (!isFen(affordableMonthlyFen)) return err({ code: 'invalid-affordable' });
  if (!Number.isInteger(months) || months < 1 || months > MAX_PERIODS) return err({ code: 'invalid-months' });

  const current = monthOf(day.value);
  const burden = Array.from({ length: months }, (_, i): MonthBurden => ({
    month: monthOf(addMonthsClamped(`${current}-01`, i)),
    dueFen: 0,
    affordableFen: affordableMonthlyFen,
    shortfallFen: 0,
  }));
  const byMonth = new Map(burden.map((b) => [b.month, b]));
  for (const [index, item] of items.entries()) {
    const date = parseIsoDate(item.date);
    if (!date.ok || date.value !== item.date || !isFen(item.amountFen)) return err({ code: 'invalid-item', index });
    const month = monthOf(date.value) < current ? current : monthOf(date.value);
    const entry = byMonth.get(month);
    if (entry) entry.dueFen += item.amountFen;
  }
  for (const b of burden) b.shortfallFen = Math.max(0, b.dueFen - b.affordableFen);
  return ok(burden);
}

/** How the proposed installments are computed: interest-free unless the lender says otherwise. */
export type ProposalTerms =
  | { method: 'interest-free' }
  | { method: 'annuity' | 'equal-principal'; annualRatePercent: number };

export interface Proposal {
  periods: number;
  firstFen: Fen;
  /** The largest period: the one the budget must cover (the last takes the rounding remainder). */
  maxFen: Fen;
  lastFen: Fen;
  /** Everything paid over the plan, interest included. */
  totalFen: Fen;
}

/** Period counts lenders commonly offer (3, 6, 12, and 12–36 after a deferral). */
export const COMMON_PERIOD_COUNTS = [3, 6, 9, 12, 18, 24, 36] as const;
/** The usual ceiling for a consumer plan: a proposal beyond it will not be accepted anyway. */
export const DEFAULT_MAX_PROPOSED_PERIODS = 36;

function summarize(periods: readonly PeriodAmount[]): Proposal {
  const amounts = periods.map((p) => p.amountFen);
  return {
    periods: periods.length,
    firstFen: amounts[0] ?? 0,
    maxFen: Math.max(0, ...amounts),
    lastFen: amounts.at(-1) ?? 0,
    totalFen: amounts.reduce((a, b) => a + b, 0),
  };
}

/** Periods → monthly amounts: what N periods would cost each month. */
export function monthlyForPeriods(
  totalFen: Fen,
  periods: number,
  terms: ProposalTerms = { method: 'interest-free' },
): Result<Proposal, AffordabilityError> {
  if (!isFen(totalFen)) return err({ code: 'invalid-total' });
  const split = splitRepayment({ ...terms, principalFen: totalFen, periods });
  if (!split.ok) return err({ code: 'invalid-terms', reason: split.error });
  return ok(summarize(split.value));
}

/**
 * Monthly amount → periods: the fewest periods whose every payment fits the affordable amount
 * (fewer periods, less interest, sooner out), and the smallest common count that also fits,
 * which is what a lender's menu is likely to offer.
 */
export function proposePeriods(
  totalFen: Fen,
  affordableMonthlyFen: Fen,
  terms: ProposalTerms = { method: 'interest-free' },
  maxPeriods: number = DEFAULT_MAX_PROPOSED_PERIODS,
): Result<Proposal & { commonPeriods: number | null }, AffordabilityError> {
  if (!isFen(totalFen) || totalFen === 0) return err({ code: 'invalid-total' });
  if (!isFen(affordableMonthlyFen) || affordableMonthlyFen === 0) return err({ code: 'invalid-affordable' });
  if (!Number.isInteger(maxPeriods) || maxPeriods < 1 || maxPeriods > MAX_PERIODS) return err({ code: 'invalid-months' });

  // No closed form survives the fen rounding (the last period carries the remainder, so the
  // largest payment is not even monotonic in the count): try each count, at most 120 small splits.
  let best: Proposal | null = null;
  let cheapest: Proposal | null = null;
  for (let n = 1; n <= maxPeriods && best === null; n++) {
    const proposal = monthlyForPeriods(totalFen, n, terms);
    if (!proposal.ok) return proposal;
    if (proposal.value.maxFen <= affordableMonthlyFen) best = proposal.value;
    if (cheapest === null || proposal.value.maxFen < cheapest.maxFen) cheapest = proposal.value;
  }
  if (best === null) {
    return err({ code: 'not-affordable', periods: cheapest?.periods ?? maxPeriods, minimumMonthlyFen: cheapest?.maxFen ?? 0 });
  }
  const found = best.periods;
  const commonPeriods = COMMON_PERIOD_COUNTS.find((count) => count >= found && count <= maxPeriods) ?? null;
  return ok({ ...best, commonPeriods });
}

export type AffordableInputError = 'empty' | 'not-a-number' | 'negative' | 'too-many-decimals' | 'too-large' | 'zero';

/** What the user typed as their monthly amount, in fen; zero is refused, since nothing can be split over it. */
export function parseAffordable(input: string): Result<Fen, AffordableInputError> {
  const parsed = parseYuan(input);
  if (!parsed.ok) return parsed;
  return parsed.value === 0 ? err('zero') : parsed;
}

/** One lender's debts as the plan sees them: what is left on each agreement and the date it waits on. */
export interface LenderDebt {
  key: string;
  agreements: readonly { id: string; currentDueDate: IsoDate; owedFen: Fen }[];
}

export interface LenderAsk {
  key: string;
  /** The agreement a chat about this lender starts from: the unpaid one due first. */
  agreementId: string;
  owedFen: Fen;
  /** The earliest unpaid date; before today when overdue. */
  dueDate: IsoDate;
  /** Whole days late (0 when not overdue). */
  daysLate: number;
  /** The part of the monthly amount given to this lender (in proportion to what is left). */
  shareFen: Fen;
  /** The periods and monthly figure to ask for; null when even the longest plan does not fit the share. */
  ask: { periods: number; monthlyFen: Fen; totalFen: Fen } | null;
  /** With no plan that fits: the least monthly amount over the longest plan. */
  minimumMonthlyFen: Fen | null;
}

/**
 * Which lender to deal with first: overdue debts first (the longest late first: the record is
 * being made, or about to be), then the ones whose date comes soonest, since an unpaid date is
 * reported a few days after it passes.
 */
export function orderForAsking<T extends { dueDate: IsoDate; key: string }>(debts: readonly T[]): T[] {
  return [...debts].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The plan to propose to each lender, most urgent first: the monthly amount is shared in proportion
 * to what is left with each (the fen lost to rounding go to the first), and each lender is asked
 * for the fewest periods whose payments fit its share, or the next count lenders commonly offer if
 * that still fits. The asks together never exceed the monthly amount.
 */
export function askByLender(
  lenders: readonly LenderDebt[],
  affordableMonthlyFen: Fen,
  today: IsoDate,
  terms: ProposalTerms = { method: 'interest-free' },
): Result<LenderAsk[], AffordabilityError> {
  const day = parseIsoDate(today);
  if (!day.ok) return err({ code: 'invalid-today', reason: day.error });
  if (!isFen(affordableMonthlyFen) || affordableMonthlyFen === 0) return err({ code: 'invalid-affordable' });
  const debts = lenders.flatMap((lender) => {
    const unpaid = lender.agreements.filter((a) => a.owedFen > 0);
    const first = [...unpaid].sort((a, b) => (a.currentDueDate < b.currentDueDate ? -1 : a.currentDueDate > b.currentDueDate ? 1 : 0))[0];
    if (!first) return [];
    const owedFen = unpaid.reduce((sum, a) => sum + a.owedFen, 0);
    return [{ key: lender.key, agreementId: first.id, owedFen, dueDate: first.currentDueDate }];
  });
  const ordered = orderForAsking(debts);
  const totalFen = ordered.reduce((sum, d) => sum + d.owedFen, 0);
  if (!isFen(totalFen)) return err({ code: 'invalid-total' });
  // BigInt: amount × amount can pass 2^53 fen.
  const shares = ordered.map((d) => Number((BigInt(affordableMonthlyFen) * BigInt(d.owedFen)) / BigInt(Math.max(1, totalFen))));
  const given = shares.reduce((a, b) => a + b, 0);
  if (shares.length > 0) shares[0] = (shares[0] ?? 0) + Math.min(affordableMonthlyFen, totalFen) - Math.min(given, affordableMonthlyFen, totalFen);
  const asks: LenderAsk[] = [];
  for (const [index, debt] of ordered.entries()) {
    const shareFen = Math.min(shares[index] ?? 0, debt.owedFen);
    const daysLate = Math.max(0, daysBetween(debt.dueDate, day.value));
    const base = { ...debt, daysLate, shareFen };
    const proposal = shareFen > 0 ? proposePeriods(debt.owedFen, shareFen, terms) : err<AffordabilityError>({ code: 'invalid-affordable' });
    if (proposal.ok) {
      const common = proposal.value.commonPeriods === null ? null : monthlyForPeriods(debt.owedFen, proposal.value.commonPeriods, terms);
      const chosen = common?.ok && common.value.maxFen <= shareFen ? common.value : proposal.value;
      asks.push({ ...base, ask: { periods: chosen.periods, monthlyFen: chosen.maxFen, totalFen: chosen.totalFen }, minimumMonthlyFen: null });
      continue;
    }
    if (proposal.error.code !== 'not-affordable' && proposal.error.code !== 'invalid-affordable') return proposal;
    const longest = monthlyForPeriods(debt.owedFen, DEFAULT_MAX_PROPOSED_PERIODS, terms);
    asks.push({ ...base, ask: null, minimumMonthlyFen: longest.ok ? longest.value.maxFen : null });
  }
  return ok(asks);
}

/** What is still unpaid, date by date (each period of a plan apart), for `monthlyBurden`. */
export function unpaidDues(items: readonly { dueDate: IsoDate; leftFen: Fen; paid: boolean; parts?: readonly { dueDate: IsoDate; leftFen: Fen; paid: boolean }[] }[]): BurdenItem[] {
  return items.flatMap((item) => item.parts ?? [item]).flatMap((p) => (p.paid || p.leftFen <= 0 ? [] : [{ date: p.dueDate, amountFen: p.leftFen }]));
}
