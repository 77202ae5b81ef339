import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthlyBurden, monthlyForPeriods, proposePeriods } from './affordability';

describe('monthlyBurden', () => {
  const items = [
    { date: '2026-10-20', amountFen: 50_000 }, // overdue: owed now
    { date: '2026-11-25', amountFen: 100_000 },
    { date: '2026-11-30', amountFen: 80_000 },
    { date: '2026-12-10', amountFen: 100_000 },
    { date: '2027-06-10', amountFen: 999_999 }, // beyond the range
  ];

  it('adds every agreement’s dues per month, overdue ones in the current month', () => {
    expect(monthlyBurden(items, 200_000, '2026-11-21', 3)).toEqual({
      ok: true,
      value: [
        { month: '2026-11', dueFen: 230_000, affordableFen: 200_000, shortfallFen: 30_000 },
        { month: '2026-12', dueFen: 100_000, affordableFen: 200_000, shortfallFen: 0 },
        { month: '2027-01', dueFen: 0, affordableFen: 200_000, shortfallFen: 0 },
      ],
    });
  });

  it('refuses bad input', () => {
    expect(monthlyBurden(items, -1, '2026-11-21')).toEqual({ ok: false, error: { code: 'invalid-affordable' } });
    expect(monthlyBurden(items, 1, '2026-11-31')).toEqual({ ok: false, error: { code: 'invalid-today', reason: 'invalid-date' } });
    expect(monthlyBurden(items, 1, '2026-11-21', 0)).toEqual({ ok: false, error: { code: 'invalid-months' } });
    expect(monthlyBurden([{ date: '2026-11-21', amountFen: 0.5 }], 1, '2026-11-21')).toEqual({
      ok: false,
      error: { code: 'invalid-item', index: 0 },
    });
  });
});

describe('monthlyForPeriods', () => {
  it('shows what N periods cost, remainder on the last', () => {
    expect(monthlyForPeriods(1_000_000, 3)).toEqual({
      ok: true,
      value: { periods: 3, firstFen: 333_333, maxFen: 333_334, lastFen: 333_334, totalFen: 1_000_000 },
    });
  });

  it('includes interest when the plan has it', () => {
    const result = monthlyForPeriods(1_000_000, 12, { method: 'annuity', annualRatePercent: 12 });
    expect(result).toMatchObject({ ok: true, value: { firstFen: 88_849, maxFen: 88_849, lastFen: 88_847, totalFen: 1_066_186 } });
  });

  it('refuses what is not a plan', () => {
    expect(monthlyForPeriods(1_000, 0)).toEqual({ ok: false, error: { code: 'invalid-terms', reason: 'invalid-periods' } });
    expect(monthlyForPeriods(-5, 3)).toEqual({ ok: false, error: { code: 'invalid-total' } });
  });
});

describe('proposePeriods', () => {
  it('finds the fewest periods that fit the budget, and the common count to ask for', () => {
    // ¥10,000 at ¥1,200 a month: 9 periods of ¥1,111.11 (the last ¥1,111.12).
    expect(proposePeriods(1_000_000, 120_000)).toEqual({
      ok: true,
      value: { periods: 9, firstFen: 111_111, maxFen: 111_112, lastFen: 111_112, totalFen: 1_000_000, commonPeriods: 9 },
    });
    expect(proposePeriods(1_000_000, 100_000)).toMatchObject({ ok: true, value: { periods: 10, commonPeriods: 12 } });
  });

  it('counts the remainder on the last period against the budget', () => {
    // 99 fen at 25 a month: 4 periods would end with 27 fen.
    expect(proposePeriods(99, 25)).toMatchObject({ ok: true, value: { periods: 5, maxFen: 23 } });
  });

  it('needs more periods when interest accrues', () => {
    expect(proposePeriods(1_000_000, 90_000, { method: 'annuity', annualRatePercent: 12 })).toMatchObject({
      ok: true,
      value: { periods: 12, maxFen: 88_849 },
    });
  });

  it('says the least monthly amount that would work when nothing fits', () => {
    expect(proposePeriods(1_000_000, 10_000)).toEqual({
      ok: false,
      error: { code: 'not-affordable', periods: 36, minimumMonthlyFen: 27_805 },
    });
    expect(proposePeriods(1_000_000, 10_000, { method: 'annuity', annualRatePercent: 24 })).toMatchObject({
      ok: false,
      error: { code: 'not-affordable' },
    });
  });

  it('refuses bad input', () => {
    expect(proposePeriods(0, 100)).toEqual({ ok: false, error: { code: 'invalid-total' } });
    expect(proposePeriods(100, 0)).toEqual({ ok: false, error: { code: 'invalid-affordable' } });
    expect(proposePeriods(100, 10, { method: 'interest-free' }, 500)).toEqual({ ok: false, error: { code: 'invalid-months' } });
    expect(proposePeriods(100, 10, { method: 'annuity', annualRatePercent: Number.NaN })).toEqual({
      ok: false,
      error: { code: 'invalid-terms', reason: 'invalid-rate' },
    });
  });

  it('round-trips: the proposed periods always fit, and one fewer never does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), (total, affordable) => {
        const result = proposePeriods(total, affordable);
        if (!result.ok) return result.error.code === 'not-affordable' && result.error.minimumMonthlyFen > affordable;
        const fewer = result.value.periods > 1 ? monthlyForPeriods(total, result.value.periods - 1) : null;
        return result.value.maxFen <= affordable && (fewer === null || (fewer.ok && fewer.value.maxFen > affordable));
      }),
    );
  });
});
