import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { askByLender, monthlyBurden, monthlyForPeriods, parseAffordable, proposePeriods, unpaidDues } from './affordability';

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

describe('parseAffordable', () => {
  it('reads yuan as typed and refuses what cannot be a monthly amount', () => {
    expect(parseAffordable('1,500.5')).toEqual({ ok: true, value: 150_050 });
    expect(parseAffordable('１２００')).toEqual({ ok: true, value: 120_000 });
    expect(parseAffordable('')).toEqual({ ok: false, error: 'empty' });
    expect(parseAffordable('  ')).toEqual({ ok: false, error: 'empty' });
    expect(parseAffordable('0')).toEqual({ ok: false, error: 'zero' });
    expect(parseAffordable('0.00')).toEqual({ ok: false, error: 'zero' });
    expect(parseAffordable('abc')).toEqual({ ok: false, error: 'not-a-number' });
    expect(parseAffordable('-3')).toEqual({ ok: false, error: 'negative' });
    expect(parseAffordable('1.234')).toEqual({ ok: false, error: 'too-many-decimals' });
    expect(parseAffordable('99999999999')).toEqual({ ok: false, error: 'too-large' });
  });
});

describe('askByLender', () => {
  const today = '2026-12-06';
  const lenders = [
    { key: 'later', agreements: [{ id: 'l1', currentDueDate: '2027-01-20', owedFen: 600_000 }] },
    { key: 'soon', agreements: [{ id: 's1', currentDueDate: '2026-12-15', owedFen: 300_000 }] },
    {
      key: 'late',
      agreements: [
        { id: 'x2', currentDueDate: '2026-12-30', owedFen: 200_000 },
        { id: 'x1', currentDueDate: '2026-11-26', owedFen: 100_000 },
        { id: 'x0', currentDueDate: '2026-10-01', owedFen: 0 }, // paid: neither counted nor chosen
      ],
    },
  ];

  it('puts overdue debts first, then the ones due soonest, each from its first unpaid agreement', () => {
    const result = askByLender(lenders, 120_000, today);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.map((a) => [a.key, a.agreementId, a.owedFen, a.dueDate, a.daysLate])).toEqual([
      ['late', 'x1', 300_000, '2026-11-26', 10],
      ['soon', 's1', 300_000, '2026-12-15', 0],
      ['later', 'l1', 600_000, '2027-01-20', 0],
    ]);
  });

  it('shares the monthly amount by what is left and asks for a common period count that fits', () => {
    const result = askByLender(lenders, 120_000, today);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    // 300k/1.2M of 1,200 yuan is 300 yuan: 10 periods fit, 12 (a common count) fits too.
    expect(result.value.map((a) => [a.shareFen, a.ask])).toEqual([
      [30_000, { periods: 12, monthlyFen: 25_000, totalFen: 300_000 }],
      [30_000, { periods: 12, monthlyFen: 25_000, totalFen: 300_000 }],
      [60_000, { periods: 12, monthlyFen: 50_000, totalFen: 600_000 }],
    ]);
  });

  it('says the least monthly amount when even the longest plan does not fit', () => {
    const result = askByLender(lenders, 12_000, today);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    // 3,000 yuan over 36 periods: 35 of 83.33 and a last one of 83.45, which the budget must cover.
    expect(result.value[0]).toMatchObject({ shareFen: 3_000, ask: null, minimumMonthlyFen: 8_345 });
  });

  it('never asks for more in all than the monthly amount, whatever the debts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50_000_000 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (owed, monthly) => {
          const input = owed.map((owedFen, i) => ({ key: `k${i}`, agreements: [{ id: `a${i}`, currentDueDate: '2026-12-20', owedFen }] }));
          const result = askByLender(input, monthly, today);
          if (!result.ok) return false;
          const asked = result.value.reduce((sum, a) => sum + (a.ask?.monthlyFen ?? 0), 0);
          const shared = result.value.reduce((sum, a) => sum + a.shareFen, 0);
          return asked <= monthly && shared <= monthly && result.value.every((a) => a.ask === null || a.ask.totalFen === a.owedFen);
        },
      ),
    );
  });

  it('refuses a zero monthly amount and a bad day', () => {
    expect(askByLender(lenders, 0, today)).toEqual({ ok: false, error: { code: 'invalid-affordable' } });
    expect(askByLender(lenders, 1, '2026-13-01').ok).toBe(false);
  });
});

describe('unpaidDues', () => {
  it('takes each unpaid period of a plan apart and leaves paid ones out', () => {
    const plan = {
      dueDate: '2026-12-10',
      leftFen: 10_000,
      paid: false,
      parts: [
        { dueDate: '2026-11-10', leftFen: 0, paid: true },
        { dueDate: '2026-12-10', leftFen: 10_000, paid: false },
        { dueDate: '2027-01-10', leftFen: 20_000, paid: false },
      ],
    };
    expect(unpaidDues([plan, { dueDate: '2026-12-01', leftFen: 5_000, paid: false }, { dueDate: '2026-12-02', leftFen: 0, paid: true }])).toEqual([
      { date: '2026-12-10', amountFen: 10_000 },
      { date: '2027-01-10', amountFen: 20_000 },
      { date: '2026-12-01', amountFen: 5_000 },
    ]);
  });
});
