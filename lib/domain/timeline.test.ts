import { describe, expect, it } from 'vitest';
import { agreementTimeline } from './timeline';

const run = (...args: Parameters<typeof agreementTimeline>) => {
  const result = agreementTimeline(...args);
  if (!result.ok) throw new Error(result.error.code);
  return result.value.map((m) => [m.code, m.date, m.timing]);
};

describe('agreementTimeline', () => {
  it('shows the steps already passed as well as those ahead', () => {
    // Due Thu 10 Dec 2026, seen on Sun 6 Dec.
    expect(run({ id: 'a', kind: 'settlement', dueDate: '2026-12-10' }, '2026-12-06')).toEqual([
      ['decide-and-plan', '2026-11-10', 'past'],
      ['contact-lender-if-short', '2026-12-03', 'past'],
      ['deposit-and-check-debit', '2026-12-05', 'today'],
      ['transfer-by', '2026-12-08', 'upcoming'],
      ['pay', '2026-12-10', 'upcoming'],
      ['check-credit-report', '2026-12-15', 'upcoming'],
    ]);
  });

  it('unpaid and late: the credit-report warning appears, the settlement check cannot be dated', () => {
    const steps = run({ id: 'a', kind: 'settlement', dueDate: '2026-12-10' }, '2026-12-20');
    expect(steps.at(-2)).toEqual(['pay', '2026-12-10', 'past']);
    expect(steps.at(-1)).toEqual(['credit-report-risk', '2026-12-14', 'past']);
  });

  it('paid late: the warning that was reached, the check after the payment, and when the record expires', () => {
    const steps = run({ id: 'a', kind: 'settlement', dueDate: '2026-12-10', doneOn: '2026-12-18' }, '2026-12-20');
    expect(steps.slice(-4)).toEqual([
      ['pay', '2026-12-10', 'past'],
      ['credit-report-risk', '2026-12-14', 'past'],
      // Fri 18 Dec + 3 working days.
      ['check-credit-report', '2026-12-23', 'upcoming'],
      ['adverse-record-expires', '2031-12-18', 'upcoming'],
    ]);
  });

  it('paid early: no warning, steps after the payment day dropped but the due day kept', () => {
    const steps = run({ id: 'a', kind: 'installment', dueDate: '2026-12-10', doneOn: '2026-12-04' }, '2026-12-06');
    expect(steps).toEqual([
      ['decide-and-plan', '2026-11-10', 'past'],
      ['contact-lender-if-short', '2026-12-03', 'past'],
      ['pay', '2026-12-10', 'upcoming'],
    ]);
  });
});
