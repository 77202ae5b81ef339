import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreementStanding, dueStandings, type PaymentPlan } from './agreement-dues';

const plan: PaymentPlan = {
  method: 'annuity',
  dayOfMonth: 10,
  annualRatePercent: 12,
  dues: [
    { date: '2027-01-10', amountFen: 88_849 },
    { date: '2027-02-10', amountFen: 88_849 },
    { date: '2027-03-10', amountFen: 88_847 },
  ],
};
const agreement = { dueDate: '2027-01-10', amountFen: 266_545, plan };
const pay = (dueDate: string, amountFen: number, paidOn: string, coverage: 'full' | 'partial' = 'partial') => ({
  dueDate,
  amountFen,
  paidOn,
  coverage,
});

describe('dueStandings: paying more than the current period', () => {
  it('counts two months paid at once towards the next period, settled the day it was paid', () => {
    const dues = dueStandings(agreement, [pay('2027-01-10', 177_698, '2027-01-08', 'full')]);
    expect(dues.map((d) => d.standing)).toEqual([
      { state: 'paid', paidFen: 88_849, leftFen: 0, settledOn: '2027-01-08' },
      { state: 'paid', paidFen: 88_849, leftFen: 0, settledOn: '2027-01-08' },
      { state: 'unpaid', paidFen: 0, leftFen: 88_847, settledOn: null },
    ]);
    expect(agreementStanding(agreement, [pay('2027-01-10', 177_698, '2027-01-08', 'full')])).toMatchObject({
      due: { index: 3, date: '2027-03-10' },
      totalLeftFen: 88_847,
    });
  });

  it('leaves the next period partly paid when the excess does not cover it', () => {
    const dues = dueStandings(agreement, [pay('2027-01-10', 100_000, '2027-01-08', 'full')]);
    expect(dues[1]?.standing).toEqual({ state: 'partial', paidFen: 11_151, leftFen: 77_698, settledOn: null });
    expect(agreementStanding(agreement, [pay('2027-01-10', 100_000, '2027-01-08', 'full')])).toMatchObject({
      due: { index: 2 },
      state: 'partial',
      leftFen: 77_698,
      totalLeftFen: 266_545 - 100_000,
    });
  });

  it('adds the excess to what is later paid for the next period, which passes its own excess on', () => {
    const dues = dueStandings(agreement, [pay('2027-01-10', 100_000, '2027-01-08'), pay('2027-02-10', 80_000, '2027-02-09')]);
    expect(dues.map((d) => d.standing.paidFen)).toEqual([88_849, 88_849, 2_302]);
    expect(dues[1]?.standing.settledOn).toBe('2027-02-09');
    expect(dues[2]?.standing).toMatchObject({ state: 'partial', leftFen: 86_545 });
  });

  it('passes on money paid for a period that a cleared bill had already settled', () => {
    // The bill said cleared after 888.00 (49 fen waived); a second payment was recorded on it later.
    const dues = dueStandings(agreement, [pay('2027-01-10', 88_800, '2027-01-08', 'full'), pay('2027-01-10', 5_000, '2027-01-20')]);
    expect(dues[0]?.standing).toEqual({ state: 'paid', paidFen: 88_800, leftFen: 0, settledOn: '2027-01-08' });
    expect(dues[1]?.standing).toEqual({ state: 'partial', paidFen: 5_000, leftFen: 83_849, settledOn: null });
  });

  it('keeps on the last period what is paid beyond the whole plan', () => {
    const dues = dueStandings(agreement, [pay('2027-01-10', 300_000, '2027-01-08', 'full')]);
    expect(dues.map((d) => d.standing.paidFen)).toEqual([88_849, 88_849, 122_302]);
    expect(dues.every((d) => d.standing.state === 'paid')).toBe(true);
  });

  it('still counts every payment towards a single due date', () => {
    expect(dueStandings({ dueDate: '2027-01-10', amountFen: 1_000 }, [pay('2027-01-10', 1_500, '2027-01-08')])[0]?.standing).toEqual({
      state: 'paid',
      paidFen: 1_500,
      leftFen: 0,
      settledOn: '2027-01-08',
    });
  });
});

describe('dueStandings: no money lost or counted twice', () => {
  const amounts = fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 24 });
  /** A custom plan with these period amounts, on distinct days in date order. */
  const customPlan = (periodAmounts: readonly number[], year: number) => {
    const dues = periodAmounts.map((amountFen, i) => {
      const month = String(1 + (i % 12)).padStart(2, '0');
      return { date: `${year}-${month}-${String(1 + Math.floor(i / 12)).padStart(2, '0')}`, amountFen };
    });
    dues.sort((a, b) => a.date.localeCompare(b.date));
    return { dues, agreement: { dueDate: dues[0]?.date ?? `${year}-01-01`, amountFen: 0, plan: { method: 'custom' as const, dayOfMonth: 1, dues } } };
  };
  const day = (n: number) => `2027-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;

  it('the periods’ paid amounts always add up to the money paid, and none owes less than it should', () => {
    fc.assert(
      fc.property(
        amounts,
        fc.array(
          fc.record({
            period: fc.nat({ max: 30 }),
            amountFen: fc.integer({ min: 1, max: 2_000_000 }),
            paidOn: fc.nat({ max: 400 }),
            full: fc.boolean(),
          }),
          { maxLength: 30 },
        ),
        (periodAmounts, raw) => {
          const { dues, agreement: withPlan } = customPlan(periodAmounts, 2028);
          // A period index past the plan stands for a period that no longer exists.
          const payments = raw.map((p) => pay(dues[p.period]?.date ?? '2026-01-01', p.amountFen, day(p.paidOn), p.full ? 'full' : 'partial'));
          const result = dueStandings(withPlan, payments);
          const paid = payments.reduce((sum, p) => sum + p.amountFen, 0);
          const credited = result.reduce((sum, d) => sum + d.standing.paidFen, 0);
          const fullPayments = payments.some((p) => p.coverage === 'full');
          const total = dues.reduce((sum, d) => sum + d.amountFen, 0);
          return (
            credited === paid &&
            result.every((d, i) => {
              if (i === result.length - 1) return true;
              const left = d.standing.state === 'paid' ? 0 : d.amountFen - d.standing.paidFen;
              return d.standing.paidFen <= d.amountFen && d.standing.leftFen === left;
            }) &&
            // Money recorded for a later period does not pay an earlier one, so at least the plan minus
            // the money is left; a cleared bill may leave less.
            (fullPayments || result.reduce((sum, d) => sum + d.standing.leftFen, 0) >= Math.max(0, total - paid))
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('paying on the current period: earlier periods are paid first, and the plan minus the money is left', () => {
    fc.assert(
      fc.property(amounts, fc.array(fc.integer({ min: 1, max: 3_000_000 }), { maxLength: 10 }), (periodAmounts, paidAmounts) => {
        const { dues, agreement: withPlan } = customPlan(periodAmounts, 2029);
        const result = dueStandings(withPlan, paidAmounts.map((amountFen, i) => pay(withPlan.dueDate, amountFen, day(i))));
        const total = dues.reduce((sum, d) => sum + d.amountFen, 0);
        const paid = paidAmounts.reduce((sum, a) => sum + a, 0);
        return (
          result.every((d, i) => i === 0 || d.standing.state === 'unpaid' || result[i - 1]?.standing.state === 'paid') &&
          result.reduce((sum, d) => sum + d.standing.leftFen, 0) === Math.max(0, total - paid)
        );
      }),
      { numRuns: 300 },
    );
  });
});
