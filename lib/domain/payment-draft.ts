import { parseIsoDate, type DateParseError, type IsoDate } from './dates';
import type { Fen } from './money';
import { parseYuan, type YuanParseError } from './money-input';
import type { PaymentCoverage } from './payments';

/** What the "mark paid" form holds: raw text, exactly as typed. */
export interface PaymentDraft {
  amount: string;
  paidOn: string;
  /** The lender's app shows the due date as cleared. */
  clears: boolean;
}

export interface PaymentDraftErrors {
  amount?: YuanParseError | 'zero';
  paidOn?: DateParseError | 'in-future';
}

export interface PaymentInput {
  amountFen: Fen;
  paidOn: IsoDate;
  coverage: PaymentCoverage;
  /** More than what is left: the form asks before recording it (a typo adds a zero). */
  exceedsLeft: boolean;
}

export type PaymentDraftValidation = { ok: true; value: PaymentInput } | { ok: false; errors: PaymentDraftErrors };

/**
 * Checks the form at once. A payment is never in the future: recording one before the money has
 * left would silence the reminders that make sure it does.
 */
export function validatePaymentDraft(draft: PaymentDraft, leftFen: Fen, today: IsoDate): PaymentDraftValidation {
  const errors: PaymentDraftErrors = {};
  const amount = parseYuan(draft.amount);
  if (!amount.ok) errors.amount = amount.error;
  else if (amount.value === 0) errors.amount = 'zero';
  const paidOn = parseIsoDate(draft.paidOn);
  if (!paidOn.ok) errors.paidOn = paidOn.error;
  else if (paidOn.value > today) errors.paidOn = 'in-future';
  if (!amount.ok || !paidOn.ok || errors.amount || errors.paidOn) return { ok: false, errors };
  return {
    ok: true,
    value: {
      amountFen: amount.value,
      paidOn: paidOn.value,
      coverage: draft.clears || amount.value >= leftFen ? 'full' : 'partial',
      exceedsLeft: amount.value > leftFen,
    },
  };
}
