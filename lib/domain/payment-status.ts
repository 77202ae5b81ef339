import type { IsoDate } from './dates';
import type { Fen } from './money';
import type { PaymentCoverage } from './payments';

/**
 * Where one due date stands after the payments recorded against it. Kept apart from the schedule
 * engine (payments.ts) so the popup's first screen and the badge count can use it cheaply.
 */

export interface PaymentFacts {
  amountFen: Fen;
  paidOn: IsoDate;
  coverage: PaymentCoverage;
}

export type PaidState = 'unpaid' | 'partial' | 'paid';

export interface DueStanding {
  state: PaidState;
  paidFen: Fen;
  /** What is still owed: 0 once paid, even when less was paid (a `full` payment: the bill says cleared). */
  leftFen: Fen;
  /** The day it became fully paid; null while it is not. */
  settledOn: IsoDate | null;
}

/**
 * A due date is paid once a payment says the bill is cleared, or once the money paid reaches the
 * amount, counted in the order it was paid. With no payment at all it is unpaid, even at 0 yuan:
 * a deadline with nothing to pay (a hardship follow-up) is met only when the user says so.
 * Every payment counts in `paidFen`, even beyond the amount.
 */
export function standingOf(amountFen: Fen, payments: readonly PaymentFacts[]): DueStanding {
  return creditDue(amountFen, payments, { keepExcess: true }).standing;
}

/**
 * One period of a plan, and what is left of its payments for the next one. Money beyond what the
 * period still needs, and any money paid once it was cleared, is passed on (as lenders apply paying
 * ahead to the following periods), dated the day it was paid; `keepExcess` keeps it on this
 * period instead (a single due date, or a plan's last period, which has no next one to take it).
 * A `full` payment clears the period whatever its amount, but only the money it brought counts as
 * paid, so an excess is never counted twice and a waived fen never becomes money.
 */
export function creditDue(
  amountFen: Fen,
  payments: readonly PaymentFacts[],
  { keepExcess }: { keepExcess: boolean },
): { standing: DueStanding; excess: PaymentFacts[] } {
  const ordered = [...payments].sort((a, b) => a.paidOn.localeCompare(b.paidOn));
  let paidFen = 0;
  let settledOn: IsoDate | null = null;
  const excess: PaymentFacts[] = [];
  for (const p of ordered) {
    const used = keepExcess ? p.amountFen : settledOn === null ? Math.min(p.amountFen, amountFen - paidFen) : 0;
    paidFen += used;
    if (settledOn === null && (p.coverage === 'full' || paidFen >= amountFen)) settledOn = p.paidOn;
    if (used < p.amountFen) excess.push({ amountFen: p.amountFen - used, paidOn: p.paidOn, coverage: 'partial' });
  }
  if (settledOn !== null) return { standing: { state: 'paid', paidFen, leftFen: 0, settledOn }, excess };
  return { standing: { state: paidFen > 0 ? 'partial' : 'unpaid', paidFen, leftFen: amountFen - paidFen, settledOn: null }, excess };
}
