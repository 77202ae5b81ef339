import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth, dayParts } from './calendar';
import {
  assessSchedule,
  buildSchedule,
  MAX_PERIODS,
  monthlyDueDates,
  rateToMillionths,
  splitRepayment,
  type MoneyPlan,
  type Schedule,
} from './schedule';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function split(plan: MoneyPlan) {
  const result = splitRepayment(plan);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('splitRepayment: 等额本息 (annuity)', () => {
  it('gives the bank calculators\' payment for ¥10,000 over 12 months at 12%: 888.49, rounded half up', () => {
    const periods = split({ method: 'annuity', principalFen: 1_000_000, periods: 12, annualRatePercent: 12 });
    // 10000 × 1% × 1.01^12 / (1.01^12 − 1) = 888.4879…, which a lender's app shows as 888.49.
    expect(periods[0]).toEqual({ index: 1, principalFen: 78_849, interestFen: 10_000, amountFen: 88_849 });
    expect(periods.slice(0, 11).every((p) => p.amountFen === 88_849)).toBe(true);
    expect(sum(periods.map((p) => p.principalFen))).toBe(1_000_000);
    // The last period takes the principal the rounding left (checked against exact fractions): 2 fen less.
    expect(periods[11]).toEqual({ index: 12, principalFen: 87_967, interestFen: 880, amountFen: 88_847 });
    expect(sum(periods.map((p) => p.interestFen))).toBe(66_186);
  });

  it('rounds the level payment half up, not down, and exactly at the half fen', () => {
    // 1,000.00 at 6% a year over 3 months: 336.6722… → 336.67; at 18% over 12: 91.6799… → 91.68.
    expect(split({ method: 'annuity', principalFen: 100_000, periods: 3, annualRatePercent: 6 })[0]?.amountFen).toBe(33_667);
    expect(split({ method: 'annuity', principalFen: 100_000, periods: 12, annualRatePercent: 18 })[0]?.amountFen).toBe(9_168);
    // 1 fen over 2 periods at 0%: exactly half a fen each, which rounds up; the last period gets nothing.
    expect(split({ method: 'annuity', principalFen: 1, periods: 2, annualRatePercent: 0 }).map((p) => p.amountFen)).toEqual([1, 0]);
  });

  it('computes interest on the balance exactly, half up', () => {
    // 9.125% a year is a daily 0.025%: 100.00 yuan → 0.7604 yuan of interest in the first month.
    const periods = split({ method: 'annuity', principalFen: 10_000, periods: 2, annualRatePercent: 9.125 });
    expect(periods[0]?.interestFen).toBe(76);
    // Half a fen rounds up: 50 fen at 1% a month is 0.5 fen → 1.
    expect(split({ method: 'equal-principal', principalFen: 100, periods: 2, annualRatePercent: 12 })[1]).toEqual({
      index: 2,
      principalFen: 50,
      interestFen: 1,
      amountFen: 51,
    });
  });

  it('is a level payment at 0% too, half up, the remainder on the last period', () => {
    expect(split({ method: 'annuity', principalFen: 100, periods: 3, annualRatePercent: 0 }).map((p) => p.amountFen)).toEqual([
      33, 33, 34,
    ]);
    expect(split({ method: 'annuity', principalFen: 200, periods: 3, annualRatePercent: 0 }).map((p) => p.amountFen)).toEqual([
      67, 67, 66,
    ]);
  });

  it('rounds the level payment to the nearest fen of the exact annuity formula', () => {
    // Checked against the formula in floats, away from the half fen where a float could be wrong.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000_000 }),
        fc.integer({ min: 2, max: MAX_PERIODS }),
        fc.integer({ min: 1, max: 360_000 }),
        (principalFen, periods, rateTenThousandths) => {
          const r = rateTenThousandths / 10_000 / 100 / 12;
          // (1 + r)^n − 1 without cancellation: at a tiny rate the plain float form loses whole fen.
          const growthLessOne = Math.expm1(periods * Math.log1p(r));
          const exact = (principalFen * r * (1 + growthLessOne)) / growthLessOne;
          const fraction = exact - Math.floor(exact);
          if (Math.abs(fraction - 0.5) < 1e-6) return true;
          const first = split({ method: 'annuity', principalFen, periods, annualRatePercent: rateTenThousandths / 10_000 })[0];
          return first?.amountFen === Math.round(exact);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('splitRepayment: 等额本金 (equal principal)', () => {
  it('repays the same principal each month and less interest each time', () => {
    const periods = split({ method: 'equal-principal', principalFen: 1_000_000, periods: 12, annualRatePercent: 12 });
    expect(periods.slice(0, 11).every((p) => p.principalFen === 83_333)).toBe(true);
    expect(periods[11]?.principalFen).toBe(83_337);
    expect(periods.map((p) => p.interestFen).slice(0, 3)).toEqual([10_000, 9_167, 8_333]);
    expect(sum(periods.map((p) => p.principalFen))).toBe(1_000_000);
  });
});

describe('splitRepayment: zero interest and custom', () => {
  it('puts the remainder fen on the last period', () => {
    expect(split({ method: 'interest-free', principalFen: 100_001, periods: 3 }).map((p) => p.amountFen)).toEqual([
      33_333, 33_333, 33_335,
    ]);
    expect(split({ method: 'interest-free', principalFen: 2, periods: 3 }).map((p) => p.amountFen)).toEqual([0, 0, 2]);
  });

  it('copies custom amounts that add up to the total', () => {
    expect(split({ method: 'custom', principalFen: 3_000, amountsFen: [500, 500, 2_000] }).map((p) => p.amountFen)).toEqual([
      500, 500, 2_000,
    ]);
    expect(splitRepayment({ method: 'custom', principalFen: 3_001, amountsFen: [500, 500, 2_000] })).toEqual({
      ok: false,
      error: 'amounts-do-not-add-up',
    });
    expect(splitRepayment({ method: 'custom', principalFen: 0, amountsFen: [] })).toEqual({ ok: false, error: 'invalid-periods' });
    expect(splitRepayment({ method: 'custom', principalFen: 1, amountsFen: [1.5, -0.5] })).toEqual({
      ok: false,
      error: 'invalid-amounts',
    });
  });

  it('refuses invalid principal, periods and rates', () => {
    expect(splitRepayment({ method: 'interest-free', principalFen: -1, periods: 3 })).toEqual({ ok: false, error: 'invalid-principal' });
    expect(splitRepayment({ method: 'interest-free', principalFen: 10.5, periods: 3 })).toEqual({ ok: false, error: 'invalid-principal' });
    expect(splitRepayment({ method: 'interest-free', principalFen: 100, periods: 0 })).toEqual({ ok: false, error: 'invalid-periods' });
    expect(splitRepayment({ method: 'interest-free', principalFen: 100, periods: MAX_PERIODS + 1 })).toEqual({
      ok: false,
      error: 'invalid-periods',
    });
    expect(splitRepayment({ method: 'annuity', principalFen: 100, periods: 3, annualRatePercent: -1 })).toEqual({
      ok: false,
      error: 'invalid-rate',
    });
    expect(splitRepayment({ method: 'annuity', principalFen: 100, periods: 3, annualRatePercent: 12.00001 })).toEqual({
      ok: false,
      error: 'invalid-rate',
    });
    expect(rateToMillionths(18.25)).toBe(182_500);
    expect(rateToMillionths(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('always repays exactly the principal, never a negative or fractional amount', () => {
    const plan = fc.oneof(
      fc.record({
        method: fc.constantFrom('annuity' as const, 'equal-principal' as const),
        principalFen: fc.integer({ min: 0, max: 1_000_000_000 }),
        periods: fc.integer({ min: 1, max: MAX_PERIODS }),
        annualRatePercent: fc.integer({ min: 0, max: 360_000 }).map((n) => n / 10_000),
      }),
      fc.record({
        method: fc.constant('interest-free' as const),
        principalFen: fc.integer({ min: 0, max: 1_000_000_000 }),
        periods: fc.integer({ min: 1, max: MAX_PERIODS }),
      }),
      fc
        .array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 36 })
        .map((amountsFen) => ({ method: 'custom' as const, principalFen: sum(amountsFen), amountsFen })),
    );
    fc.assert(
      fc.property(plan, (p) => {
        const result = splitRepayment(p);
        if (!result.ok) return false;
        const periods = result.value;
        return (
          sum(periods.map((x) => x.principalFen)) === p.principalFen &&
          periods.every(
            (x) =>
              Number.isSafeInteger(x.principalFen) &&
              Number.isSafeInteger(x.interestFen) &&
              x.principalFen >= 0 &&
              x.interestFen >= 0 &&
              x.amountFen === x.principalFen + x.interestFen,
          )
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe('monthlyDueDates', () => {
  it('keeps a plan on the 31st on each month end, in a common and a leap year', () => {
    expect(monthlyDueDates({ firstDueDate: '2026-01-31', dayOfMonth: 31 }, 5)).toEqual({
      ok: true,
      value: ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31'],
    });
    expect(monthlyDueDates({ firstDueDate: '2027-12-31', dayOfMonth: 31 }, 3)).toEqual({
      ok: true,
      value: ['2027-12-31', '2028-01-31', '2028-02-29'],
    });
  });

  it('returns to the 30th after February for a plan on the 30th', () => {
    expect(monthlyDueDates({ firstDueDate: '2028-01-30', dayOfMonth: 30 }, 3)).toEqual({
      ok: true,
      value: ['2028-01-30', '2028-02-29', '2028-03-30'],
    });
  });

  it('accepts a first due date off the day of month, as lenders set a short first period', () => {
    expect(monthlyDueDates({ firstDueDate: '2026-02-28', dayOfMonth: 31 }, 2)).toEqual({
      ok: true,
      value: ['2026-02-28', '2026-03-31'],
    });
    expect(monthlyDueDates({ firstDueDate: '2026-12-20', dayOfMonth: 5 }, 2)).toEqual({
      ok: true,
      value: ['2026-12-20', '2027-01-05'],
    });
  });

  it('refuses a bad first due date or day of month', () => {
    expect(monthlyDueDates({ firstDueDate: '2026-02-29', dayOfMonth: 5 }, 2)).toEqual({
      ok: false,
      error: 'first-due-date-invalid-date',
    });
    expect(monthlyDueDates({ firstDueDate: '2026-02-01', dayOfMonth: 32 }, 2)).toEqual({ ok: false, error: 'invalid-day-of-month' });
    expect(monthlyDueDates({ firstDueDate: '2026-02-01', dayOfMonth: 0 }, 2)).toEqual({ ok: false, error: 'invalid-day-of-month' });
  });

  it('always gives increasing dates on the day of month or the month end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2090 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 1, max: 60 }),
        (year, month, dayOfMonth, periods) => {
          const first = `${year}-${String(month).padStart(2, '0')}-${String(Math.min(dayOfMonth, daysInMonth(year, month))).padStart(2, '0')}`;
          const result = monthlyDueDates({ firstDueDate: first, dayOfMonth }, periods);
          if (!result.ok) return false;
          return result.value.every((date, i) => {
            const parts = dayParts(date);
            const onRule = parts.day === Math.min(dayOfMonth, daysInMonth(parts.year, parts.month));
            return onRule && (i === 0 || date > (result.value[i - 1] ?? ''));
          });
        },
      ),
    );
  });
});

function schedule(): Schedule {
  const result = buildSchedule(
    { method: 'interest-free', principalFen: 120_000, periods: 12 },
    { firstDueDate: '2026-01-31', dayOfMonth: 31 },
  );
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('buildSchedule', () => {
  it('joins amounts and dates and totals them', () => {
    const s = schedule();
    expect(s.totalFen).toBe(120_000);
    expect(s.interestFen).toBe(0);
    expect(s.periods[1]).toEqual({ index: 2, dueDate: '2026-02-28', principalFen: 10_000, interestFen: 0, amountFen: 10_000 });
    expect(s.periods[11]?.dueDate).toBe('2026-12-31');
  });

  it('passes on the first error', () => {
    expect(buildSchedule({ method: 'interest-free', principalFen: 1, periods: 0 }, { firstDueDate: 'x', dayOfMonth: 1 })).toEqual({
      ok: false,
      error: 'invalid-periods',
    });
    expect(buildSchedule({ method: 'interest-free', principalFen: 1, periods: 1 }, { firstDueDate: '', dayOfMonth: 1 })).toEqual({
      ok: false,
      error: 'first-due-date-empty',
    });
  });
});

describe('assessSchedule', () => {
  const paid = (n: number): number[] => Array.from({ length: 12 }, (_, i) => (i < n ? 10_000 : 0));

  it('says how many periods are left and what remains', () => {
    const result = assessSchedule(schedule(), paid(9), '2026-09-30');
    expect(result).toMatchObject({
      ok: true,
      value: { remainingFen: 30_000, remainingPrincipalFen: 30_000, periodsLeft: 3, periodsTotal: 12, overdueFen: 0, overdueDays: 0 },
    });
    expect(result.ok && result.value.nextUnpaid?.dueDate).toBe('2026-10-31');
  });

  it('does not count the due day itself as overdue', () => {
    expect(assessSchedule(schedule(), paid(1), '2026-02-28')).toMatchObject({ ok: true, value: { overdueFen: 0, overdueDays: 0 } });
    expect(assessSchedule(schedule(), paid(1), '2026-03-01')).toMatchObject({
      ok: true,
      value: { overdueFen: 10_000, overduePeriods: 1, overdueDays: 1 },
    });
  });

  it('counts overdue days from the oldest unpaid period and adds partial payments', () => {
    const partial = paid(1);
    partial[1] = 4_000;
    const result = assessSchedule(schedule(), partial, '2026-04-10');
    expect(result).toMatchObject({
      ok: true,
      value: { overdueFen: 16_000, overduePeriods: 2, overdueDays: 41, periodsLeft: 11, remainingFen: 106_000 },
    });
  });

  it('splits a partial payment into interest first, then principal', () => {
    const s = buildSchedule(
      { method: 'equal-principal', principalFen: 1_000_000, periods: 12, annualRatePercent: 12 },
      { firstDueDate: '2026-01-15', dayOfMonth: 15 },
    );
    if (!s.ok) throw new Error(s.error);
    const credits = Array.from({ length: 12 }, () => 0);
    credits[0] = 12_000;
    expect(assessSchedule(s.value, credits, '2026-01-15')).toMatchObject({
      ok: true,
      value: { remainingPrincipalFen: 1_000_000 - 2_000 },
    });
  });

  it('is done when everything is paid, even overpaid', () => {
    expect(assessSchedule(schedule(), paid(12).map((p) => p + 1), '2027-06-01')).toMatchObject({
      ok: true,
      value: { remainingFen: 0, remainingPrincipalFen: 0, periodsLeft: 0, overdueDays: 0, nextUnpaid: null },
    });
  });

  it('refuses a bad day or credits that do not match the periods', () => {
    expect(assessSchedule(schedule(), paid(0), '2026-13-01')).toEqual({ ok: false, error: 'today-invalid-date' });
    expect(assessSchedule(schedule(), [0], '2026-01-01')).toEqual({ ok: false, error: 'invalid-paid' });
    expect(assessSchedule(schedule(), paid(0).map(() => -1), '2026-01-01')).toEqual({ ok: false, error: 'invalid-paid' });
  });
});
