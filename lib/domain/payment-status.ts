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
 */
export function standingOf(amountFen: Fen, payments: readonly PaymentFacts[]): DueStanding {
  const ordered = [...payments].sort((a, b) => a.paidOn.localeCompare(b.paidOn));
  let paidFen = 0;
  let settledOn: IsoDate | null = null;
  for (const p of ordered) {
    paidFen += p.amountFen;
    if (settledOn === null && (p.coverage === 'full' || paidFen >= amountFen)) settledOn = p.paidOn;
  }
  if (settledOn !== null) return { state: 'paid', paidFen, leftFen: 0, settledOn };
  return { state: paidFen > 0 ? 'partial' : 'unpaid', paidFen, leftFen: amountFen - paidFen, settledOn: null };
}
