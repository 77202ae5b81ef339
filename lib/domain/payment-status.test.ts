import { describe, expect, it } from 'vitest';
import { creditDue, standingOf } from './payment-status';

const pay = (amountFen: number, paidOn: string, coverage: 'full' | 'partial' = 'partial') => ({ amountFen, paidOn, coverage });

describe('standingOf', () => {
  it('is unpaid with no payment, even for a zero amount', () => {
    expect(standingOf(10_000, [])).toEqual({ state: 'unpaid', paidFen: 0, leftFen: 10_000, settledOn: null });
    expect(standingOf(0, []).state).toBe('unpaid');
  });

  it('is partially paid while the money is short, with what is left', () => {
    expect(standingOf(10_000, [pay(2_500, '2026-03-01'), pay(1_000, '2026-03-02')])).toEqual({
      state: 'partial',
      paidFen: 3_500,
      leftFen: 6_500,
      settledOn: null,
    });
  });

  it('is paid on the day the last missing fen arrived, counted in payment order', () => {
    const standing = standingOf(10_000, [pay(6_000, '2026-03-09'), pay(5_000, '2026-03-02')]);
    expect(standing).toEqual({ state: 'paid', paidFen: 11_000, leftFen: 0, settledOn: '2026-03-09' });
  });

  it('a full payment clears the due date whatever its amount', () => {
    expect(standingOf(10_000, [pay(9_990, '2026-03-05', 'full')])).toMatchObject({ state: 'paid', leftFen: 0, settledOn: '2026-03-05' });
  });
});

describe('creditDue', () => {
  it('passes on what a period does not need, dated the day it was paid', () => {
    expect(creditDue(10_000, [pay(4_000, '2026-03-01'), pay(9_000, '2026-03-05'), pay(2_000, '2026-03-09')], { keepExcess: false })).toEqual({
      standing: { state: 'paid', paidFen: 10_000, leftFen: 0, settledOn: '2026-03-05' },
      excess: [
        { amountFen: 3_000, paidOn: '2026-03-05', coverage: 'partial' },
        { amountFen: 2_000, paidOn: '2026-03-09', coverage: 'partial' },
      ],
    });
  });

  it('keeps everything when told to, as standingOf does', () => {
    expect(creditDue(10_000, [pay(12_000, '2026-03-01')], { keepExcess: true })).toEqual({
      standing: { state: 'paid', paidFen: 12_000, leftFen: 0, settledOn: '2026-03-01' },
      excess: [],
    });
  });
});
