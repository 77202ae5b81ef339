import { describe, expect, it } from 'vitest';
import { applyPayments, parsePayment, type Payment } from './payments';
import { assessSchedule, buildSchedule, type Schedule } from './schedule';

function threePeriods(): Schedule {
  const result = buildSchedule(
    { method: 'custom', principalFen: 30_000, amountsFen: [10_000, 10_000, 10_000] },
    { firstDueDate: '2026-03-10', dayOfMonth: 10 },
  );
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

let nextId = 0;
const pay = (dueDate: string, paidOn: string, amountFen: number, coverage: Payment['coverage'] = 'partial'): Payment => ({
  id: `p${++nextId}`,
  dueDate,
  paidOn,
  amountFen,
  coverage,
});

describe('parsePayment', () => {
  it('accepts a payment with a receipt reference, trimmed', () => {
    expect(
      parsePayment({ id: 'a', dueDate: '2026-03-10', paidOn: '2026-03-08', amountFen: 100, coverage: 'full', receiptRef: ' 4200001234 ' }),
    ).toEqual({
      ok: true,
      value: { id: 'a', dueDate: '2026-03-10', paidOn: '2026-03-08', amountFen: 100, coverage: 'full', receiptRef: '4200001234' },
    });
  });

  it('refuses fractional or zero fen, impossible days and unknown coverage', () => {
    const result = parsePayment({ id: '', dueDate: '2026-02-30', paidOn: '2026-03-08', amountFen: 1.5, coverage: 'most' });
    expect(result.ok ? [] : result.error.map((i) => i.path)).toEqual(['id', 'dueDate', 'amountFen', 'coverage']);
    expect(parsePayment({ id: 'a', dueDate: '2026-03-10', paidOn: '2026-03-08', amountFen: 0, coverage: 'full' })).toEqual({
      ok: false,
      error: [{ path: 'amountFen', code: 'too-small' }],
    });
  });
});

describe('applyPayments', () => {
  it('credits full and partial payments to their periods', () => {
    const result = applyPayments(threePeriods(), [
      pay('2026-03-10', '2026-03-08', 10_000, 'full'),
      pay('2026-04-10', '2026-04-09', 3_000),
      pay('2026-04-10', '2026-04-12', 7_000),
    ]);
    expect(result).toMatchObject({
      ok: true,
      value: {
        creditedFen: [10_000, 10_000, 0],
        unappliedFen: 0,
        periods: [
          { index: 1, settled: true, settledOn: '2026-03-08' },
          { index: 2, settled: true, settledOn: '2026-04-12' },
          { index: 3, settled: false, settledOn: null },
        ],
      },
    });
  });

  it('trusts "full" from the lender even when a few fen were waived', () => {
    const result = applyPayments(threePeriods(), [pay('2026-03-10', '2026-03-10', 9_950, 'full')]);
    expect(result).toMatchObject({ ok: true, value: { creditedFen: [10_000, 0, 0], periods: [{ settledOn: '2026-03-10' }, {}, {}] } });
  });

  it('carries money paid ahead to the next periods and reports what is left over', () => {
    const result = applyPayments(threePeriods(), [pay('2026-03-10', '2026-03-01', 25_000), pay('2026-05-10', '2026-05-01', 6_000)]);
    expect(result).toMatchObject({
      ok: true,
      value: {
        creditedFen: [10_000, 10_000, 10_000],
        unappliedFen: 1_000,
        periods: [{ settledOn: '2026-03-01' }, { settledOn: '2026-03-01' }, { settledOn: '2026-05-01' }],
      },
    });
  });

  it('feeds assessSchedule: a partial payment leaves the rest overdue', () => {
    const schedule = threePeriods();
    const applied = applyPayments(schedule, [pay('2026-03-10', '2026-03-10', 4_000)]);
    if (!applied.ok) throw new Error(applied.error.code);
    expect(assessSchedule(schedule, applied.value.creditedFen, '2026-03-14')).toMatchObject({
      ok: true,
      value: { overdueFen: 6_000, overdueDays: 4, periodsLeft: 3 },
    });
  });

  it('refuses a payment for a date the schedule does not have, a duplicate, or an invalid one', () => {
    const p = pay('2026-03-11', '2026-03-10', 100);
    expect(applyPayments(threePeriods(), [p])).toEqual({ ok: false, error: { code: 'unknown-due-date', paymentId: p.id } });
    const q = pay('2026-03-10', '2026-03-10', 100);
    expect(applyPayments(threePeriods(), [q, q])).toEqual({ ok: false, error: { code: 'duplicate-payment', paymentId: q.id } });
    const bad = { ...pay('2026-03-10', '2026-03-10', 100), amountFen: -5 };
    expect(applyPayments(threePeriods(), [q, bad])).toEqual({
      ok: false,
      error: { code: 'invalid-payment', index: 1, issues: [{ path: 'amountFen', code: 'too-small' }] },
    });
  });
});
