import { describe, expect, it } from 'vitest';
import { validatePaymentDraft } from './payment-draft';

const TODAY = '2026-11-21';

describe('validatePaymentDraft', () => {
  it('accepts what is left as a full payment, less as partial, and more with a flag to confirm', () => {
    expect(validatePaymentDraft({ amount: '500', paidOn: TODAY, clears: false }, 50_000, TODAY)).toEqual({
      ok: true,
      value: { amountFen: 50_000, paidOn: TODAY, coverage: 'full', exceedsLeft: false },
    });
    expect(validatePaymentDraft({ amount: '200.5', paidOn: '2026-11-20', clears: false }, 50_000, TODAY)).toEqual({
      ok: true,
      value: { amountFen: 20_050, paidOn: '2026-11-20', coverage: 'partial', exceedsLeft: false },
    });
    expect(validatePaymentDraft({ amount: '5000', paidOn: TODAY, clears: false }, 50_000, TODAY)).toMatchObject({
      ok: true,
      value: { coverage: 'full', exceedsLeft: true },
    });
  });

  it('a smaller amount clears the due date when the lender says so', () => {
    expect(validatePaymentDraft({ amount: '480', paidOn: TODAY, clears: true }, 50_000, TODAY)).toMatchObject({
      ok: true,
      value: { amountFen: 48_000, coverage: 'full' },
    });
  });

  it('refuses every bad field at once', () => {
    expect(validatePaymentDraft({ amount: '', paidOn: '', clears: false }, 100, TODAY)).toEqual({
      ok: false,
      errors: { amount: 'empty', paidOn: 'empty' },
    });
    expect(validatePaymentDraft({ amount: '0', paidOn: '2026-11-22', clears: false }, 100, TODAY)).toEqual({
      ok: false,
      errors: { amount: 'zero', paidOn: 'in-future' },
    });
    expect(validatePaymentDraft({ amount: '-3', paidOn: '2026-02-30', clears: false }, 100, TODAY)).toEqual({
      ok: false,
      errors: { amount: 'negative', paidOn: 'invalid-date' },
    });
  });
});
