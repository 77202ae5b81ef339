import { describe, expect, it } from 'vitest';
import { localInstant } from './dates';
import { planReminders, type PlannedAgreement } from './reminder-plan';
import { agreementTimeline } from './timeline';

/** An installment plan of three periods, the first one paid. */
const agreement: PlannedAgreement = {
  id: 'p1',
  kind: 'installment',
  dueDate: '2027-02-10',
  dues: [
    { date: '2027-01-11', doneOn: '2027-01-08' },
    { date: '2027-02-10', doneOn: null },
    { date: '2027-03-10', doneOn: null },
  ],
};
const today = '2027-01-20';
const planned = () => {
  const result = planReminders(agreement, { now: localInstant(today, 12), today, leadDays: [] });
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
};

describe('planReminders for an installment plan', () => {
  it('reminds of every unpaid period, not of the paid one', () => {
    const pays = planned().filter((r) => r.code === 'pay').map((r) => r.dueDate);
    expect(pays).toEqual(['2027-02-10', '2027-03-10']);
  });

  it('checks the credit report only after the last period, which clears the debt', () => {
    const checks = planned().filter((r) => r.code === 'check-credit-report');
    expect(checks.map((r) => r.dueDate)).toEqual(['2027-03-10']);
  });

  it('gives every reminder its own id', () => {
    const ids = planned().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('plans every step of a due date for each period still ahead', () => {
    const second = planned().filter((r) => r.dueDate === '2027-02-10').map((r) => r.code);
    expect(second).toEqual(expect.arrayContaining(['contact-lender-if-short', 'deposit-and-check-debit', 'transfer-by', 'pay']));
  });
});

describe('agreementTimeline for an installment plan', () => {
  it('details the current period and shows the other periods by their payment day', () => {
    const result = agreementTimeline(agreement, today);
    if (!result.ok) throw new Error(result.error.code);
    const byDue = (due: string) => result.value.filter((m) => m.dueDate === due).map((m) => m.code);
    expect(byDue('2027-01-11')).toEqual(['pay']);
    expect(byDue('2027-02-10')).toEqual(expect.arrayContaining(['contact-lender-if-short', 'transfer-by', 'pay']));
    expect(byDue('2027-03-10')).toEqual(expect.arrayContaining(['pay', 'check-credit-report']));
    expect(byDue('2027-03-10')).not.toContain('transfer-by');
  });
});
