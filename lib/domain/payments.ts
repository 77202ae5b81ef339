import * as z from 'zod/mini';
import { calendarDaySchema, type IsoDate } from './dates';
import { parseWith, type FieldIssue } from './issues';
import { MAX_FEN, type Fen } from './money';
import { err, ok, type Result } from './result';
import type { Schedule } from './schedule';

/**
 * A payment the borrower made, recorded against the due date it was meant for. Keeping the
 * receipt reference (the bank's transaction number, or where the screenshot is) matters: when a
 * lender later says a payment never arrived, it is the borrower's only proof.
 */

/**
 * `full`: the lender's app shows that due date as cleared (还款成功, 已结清), whatever the amount:
 * the bill is the source of truth, and it may differ from our figure by a waived fee or a fen of
 * rounding. `partial`: only the amount counts.
 */
export const PAYMENT_COVERAGES = ['full', 'partial'] as const;
export type PaymentCoverage = (typeof PAYMENT_COVERAGES)[number];

export const MAX_RECEIPT_REF_LENGTH = 200;

export const paymentSchema = z.object({
  id: z.string().check(z.minLength(1)),
  /** The due date this payment was for. */
  dueDate: calendarDaySchema,
  paidOn: calendarDaySchema,
  amountFen: z.int().check(z.positive(), z.maximum(MAX_FEN)),
  coverage: z.enum(PAYMENT_COVERAGES),
  receiptRef: z.optional(z.string().check(z.trim(), z.maxLength(MAX_RECEIPT_REF_LENGTH))),
});
export type Payment = z.infer<typeof paymentSchema>;

export function parsePayment(input: unknown): Result<Payment, FieldIssue[]> {
  return parseWith(paymentSchema, input);
}

export interface PeriodCredit {
  index: number;
  dueDate: IsoDate;
  amountFen: Fen;
  /** What counts towards this period, at most its amount. */
  creditedFen: Fen;
  settled: boolean;
  /** The day the period became fully paid; null while it is not (or when it was 0). */
  settledOn: IsoDate | null;
}

export interface AppliedPayments {
  periods: PeriodCredit[];
  /** `creditedFen` of each period, in order: what `assessSchedule` takes. */
  creditedFen: Fen[];
  /** Money paid beyond the whole schedule. */
  unappliedFen: Fen;
}

export type PaymentApplyError =
  /** `index`: the position in the list, since an invalid payment may have no usable id. */
  | { code: 'invalid-payment'; index: number; issues: FieldIssue[] }
  | { code: 'duplicate-payment'; paymentId: string }
  | { code: 'unknown-due-date'; paymentId: string };

const later = (a: IsoDate | null, b: IsoDate): IsoDate => (a !== null && a > b ? a : b);

/**
 * Credits payments to the periods of a schedule. Money paid beyond a period's amount goes to the
 * next periods in order, as lenders treat paying ahead; what is left after the last period is
 * reported, not lost. A period counts its money in the order it was paid, so `settledOn` is the day
 * the last missing fen arrived.
 */
export function applyPayments(
  schedule: Schedule,
  payments: readonly Payment[],
): Result<AppliedPayments, PaymentApplyError> {
  const byDueDate = new Map<IsoDate, Payment[]>(schedule.periods.map((p) => [p.dueDate, []]));
  const seen = new Set<string>();
  for (const [index, payment] of payments.entries()) {
    const parsed = parsePayment(payment);
    if (!parsed.ok) return err({ code: 'invalid-payment', index, issues: parsed.error });
    if (seen.has(payment.id)) return err({ code: 'duplicate-payment', paymentId: payment.id });
    seen.add(payment.id);
    const list = byDueDate.get(payment.dueDate);
    if (!list) return err({ code: 'unknown-due-date', paymentId: payment.id });
    list.push(parsed.value);
  }

  let surplus = 0;
  let surplusOn: IsoDate | null = null;
  const periods = schedule.periods.map((period): PeriodCredit => {
    const contributions = (byDueDate.get(period.dueDate) ?? []).map((p) => ({
      fen: p.amountFen,
      on: p.paidOn,
      full: p.coverage === 'full',
    }));
    if (surplus > 0 && surplusOn !== null) contributions.push({ fen: surplus, on: surplusOn, full: false });
    surplus = 0;
    surplusOn = null;
    contributions.sort((a, b) => a.on.localeCompare(b.on));

    let credited = 0;
    let settledOn: IsoDate | null = null;
    for (const c of contributions) {
      const need = period.amountFen - credited;
      const used = Math.min(need, c.fen);
      credited = c.full ? period.amountFen : credited + used;
      if (need > 0 && credited === period.amountFen) settledOn = c.on;
      if (c.fen > used) {
        surplus += c.fen - used;
        surplusOn = later(surplusOn, c.on);
      }
    }
    return {
      index: period.index,
      dueDate: period.dueDate,
      amountFen: period.amountFen,
      creditedFen: credited,
      settled: credited === period.amountFen,
      settledOn,
    };
  });
  return ok({ periods, creditedFen: periods.map((p) => p.creditedFen), unappliedFen: surplus });
}
