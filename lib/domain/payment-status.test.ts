import { describe, expect, it } from 'vitest';
import { standingOf } from './payment-status';

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
