import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysIso } from './dates';
import { dueDatesOf, DUE_ROLES } from './kinds';
import { compareMilestones, deriveMilestones, type Milestone, type MilestoneSettings, type TrackedDue } from './milestones';

const payment = (date: string, extra: Partial<TrackedDue> = {}): TrackedDue => ({
  date,
  role: 'installment',
  isPayment: true,
  closesDebt: false,
  ref: 'a1',
  doneOn: null,
  ...extra,
});

function derive(dues: TrackedDue[], today: string, settings: Partial<MilestoneSettings> = {}): Milestone[] {
  const result = deriveMilestones(dues, today, settings);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

const brief = (list: Milestone[]) => list.map((m) => [m.code, m.date, ...(m.until ? [m.until] : [])]);
const find = (list: Milestone[], code: Milestone['code']) => list.find((m) => m.code === code);

describe('before a payment', () => {
  it('plans a month, a week, the deposit window, the transfer and the day, in order', () => {
    expect(brief(derive([payment('2026-12-10')], '2026-11-01'))).toEqual([
      ['decide-and-plan', '2026-11-10'],
      ['contact-lender-if-short', '2026-12-03'],
      ['deposit-and-check-debit', '2026-12-05', '2026-12-07'],
      ['transfer-by', '2026-12-08'],
      ['pay', '2026-12-10'],
    ]);
  });

  it('keeps the month-before step on a real day at month ends and in leap years', () => {
    expect(find(derive([payment('2026-03-31')], '2026-01-01'), 'decide-and-plan')?.date).toBe('2026-02-28');
    expect(find(derive([payment('2028-03-30')], '2028-01-01'), 'decide-and-plan')?.date).toBe('2028-02-29');
  });

  it('moves the transfer deadline off a weekend to the Friday before', () => {
    // D is Monday 2026-11-23; 48 hours before is Saturday.
    expect(find(derive([payment('2026-11-23')], '2026-11-01'), 'transfer-by')).toMatchObject({ date: '2026-11-20', provisional: false });
  });

  it('moves it before the National Day week, and keeps the make-up Saturday after it', () => {
    expect(find(derive([payment('2026-10-09')], '2026-09-01'), 'transfer-by')?.date).toBe('2026-09-30');
    expect(find(derive([payment('2026-10-12')], '2026-09-01'), 'transfer-by')?.date).toBe('2026-10-10');
  });

  it('moves it before the Spring Festival week, to the make-up Saturday 2026-02-14', () => {
    expect(find(derive([payment('2026-02-25')], '2026-01-01'), 'transfer-by')?.date).toBe('2026-02-14');
    expect(find(derive([payment('2026-03-02')], '2026-01-01'), 'transfer-by')?.date).toBe('2026-02-28');
  });

  it('marks the transfer deadline provisional in a year the official calendar does not cover', () => {
    const list = derive([payment('2027-03-01')], '2027-01-01');
    expect(find(list, 'transfer-by')).toMatchObject({ date: '2027-02-26', provisional: true });
    expect(find(list, 'pay')?.provisional).toBe(false);
  });

  it('asks for a second negotiation 14 days before a deferral ends, on a working day', () => {
    const list = derive([payment('2026-10-20', { role: 'deferral-end' })], '2026-09-01');
    expect(find(list, 'apply-second-negotiation-by')).toMatchObject({ date: '2026-09-30', provisional: false });
    expect(find(derive([payment('2026-10-20')], '2026-09-01'), 'apply-second-negotiation-by')).toBeUndefined();
  });

  it('gives a second-negotiation deadline its documents step and a hardship file its follow-up, no money steps', () => {
    const applyBy: TrackedDue = { date: '2026-12-15', role: 'apply-by', isPayment: false, closesDebt: false, ref: 'b', doneOn: null };
    expect(brief(derive([applyBy], '2026-11-01'))).toEqual([
      ['gather-documents', '2026-12-08'],
      ['apply-deadline', '2026-12-15'],
    ]);
    const followUp: TrackedDue = { ...applyBy, role: 'hardship-follow-up' };
    expect(brief(derive([followUp], '2026-12-20'))).toEqual([['follow-up', '2026-12-15']]);
  });

  it('honours other lead times', () => {
    const list = derive([payment('2026-12-10')], '2026-11-01', {
      decideMonthsBefore: 2,
      contactDaysBefore: 10,
      depositFromDaysBefore: 4,
      depositUntilDaysBefore: 2,
      transferHoursBefore: 72,
    });
    expect(brief(list)).toEqual([
      ['decide-and-plan', '2026-10-10'],
      ['contact-lender-if-short', '2026-11-30'],
      ['deposit-and-check-debit', '2026-12-06', '2026-12-08'],
      ['transfer-by', '2026-12-07'],
      ['pay', '2026-12-10'],
    ]);
  });
});

describe('timing', () => {
  it('says whether each step is past, today or upcoming; a window is "today" while open', () => {
    const list = derive([payment('2026-12-10')], '2026-12-06');
    expect(list.map((m) => [m.code, m.timing])).toEqual([
      ['decide-and-plan', 'past'],
      ['contact-lender-if-short', 'past'],
      ['deposit-and-check-debit', 'today'],
      ['transfer-by', 'upcoming'],
      ['pay', 'upcoming'],
    ]);
    expect(find(derive([payment('2026-12-10')], '2026-12-10'), 'pay')?.timing).toBe('today');
  });
});

describe('after a payment', () => {
  const settlement = (extra: Partial<TrackedDue> = {}) => payment('2026-09-30', { role: 'settlement', closesDebt: true, ...extra });

  it('projects the credit-report check 3 working days after a settlement, across National Day', () => {
    expect(find(derive([settlement()], '2026-09-01'), 'check-credit-report')).toMatchObject({
      date: '2026-10-10',
      provisional: false,
      timing: 'upcoming',
    });
  });

  it('dates the check from the real payment day once paid, and drops the steps before it', () => {
    expect(brief(derive([settlement({ doneOn: '2026-09-28' })], '2026-10-01'))).toEqual([['check-credit-report', '2026-10-08']]);
  });

  it('checks after the last installment only', () => {
    const list = derive([payment('2026-11-10'), payment('2026-12-10', { closesDebt: true })], '2026-11-01');
    expect(list.filter((m) => m.code === 'check-credit-report').map((m) => m.dueDate)).toEqual(['2026-12-10']);
  });

  it('warns that an unpaid debt may be reported from the 4th day overdue', () => {
    expect(find(derive([payment('2026-11-10')], '2026-11-10'), 'credit-report-risk')).toBeUndefined();
    expect(find(derive([payment('2026-11-10')], '2026-11-11'), 'credit-report-risk')).toMatchObject({
      date: '2026-11-14',
      timing: 'upcoming',
    });
    expect(find(derive([payment('2026-11-10')], '2026-11-21'), 'credit-report-risk')?.timing).toBe('past');
  });

  it('has no credit-report date to project while a settlement is overdue and unpaid', () => {
    expect(find(derive([settlement()], '2026-10-09'), 'check-credit-report')).toBeUndefined();
  });

  it('says when an adverse record should disappear: 5 years after a late debt is paid', () => {
    expect(brief(derive([payment('2026-11-10', { doneOn: '2026-11-20' })], '2026-12-01'))).toEqual([
      ['adverse-record-expires', '2031-11-20'],
    ]);
    expect(derive([payment('2026-11-10', { doneOn: '2026-11-13' })], '2026-12-01')).toEqual([]);
    expect(find(derive([payment('2028-02-20', { doneOn: '2028-02-29' })], '2028-03-01'), 'adverse-record-expires')?.date).toBe(
      '2033-02-28',
    );
  });
});

describe('from agreement details', () => {
  it('derives every period of an installment plan', () => {
    const dues = dueDatesOf({
      kind: 'installment',
      periods: 3,
      dayOfMonth: 31,
      firstDueDate: '2026-12-31',
      amountPerPeriodFen: 10_000,
      method: 'interest-free',
      interestRestarts: false,
    });
    if (!dues.ok) throw new Error('bad example');
    const list = derive(
      dues.value.map((d) => ({ ...d, ref: `plan:${d.period?.index ?? 0}`, doneOn: null })),
      '2026-12-01',
    );
    expect(list.filter((m) => m.code === 'pay').map((m) => m.date)).toEqual(['2026-12-31', '2027-01-31', '2027-02-28']);
    expect(find(list, 'check-credit-report')).toMatchObject({ dueDate: '2027-02-28', provisional: true });
  });
});

describe('invalid input', () => {
  it('is refused with a typed error, never a wrong date', () => {
    expect(deriveMilestones([], '2026-02-30')).toEqual({ ok: false, error: { code: 'invalid-today', reason: 'invalid-date' } });
    expect(deriveMilestones([payment('2026-1-5')], '2026-01-01')).toEqual({
      ok: false,
      error: { code: 'invalid-due', index: 0, field: 'date', reason: 'invalid-date' },
    });
    expect(deriveMilestones([payment('2026-01-05', { doneOn: '2026-01-09' })], '2026-01-08')).toEqual({
      ok: false,
      error: { code: 'invalid-due', index: 0, field: 'doneOn', reason: 'after-today' },
    });
    expect(deriveMilestones([payment('2026-01-05', { role: 'lunch' as TrackedDue['role'] })], '2026-01-01')).toEqual({
      ok: false,
      error: { code: 'invalid-due', index: 0, field: 'role' },
    });
    expect(deriveMilestones([], '2026-01-01', { contactDaysBefore: 1.5 })).toEqual({
      ok: false,
      error: { code: 'invalid-setting', setting: 'contactDaysBefore' },
    });
    expect(deriveMilestones([], '2026-01-01', { depositFromDaysBefore: 2, depositUntilDaysBefore: 4 })).toEqual({
      ok: false,
      error: { code: 'invalid-setting', setting: 'depositUntilDaysBefore' },
    });
    expect(deriveMilestones([payment('1999-12-31')], '2000-01-01')).toEqual({
      ok: false,
      error: { code: 'invalid-due', index: 0, field: 'date', reason: 'out-of-range' },
    });
    expect(deriveMilestones([payment('2101-01-01')], '2000-01-01')).toEqual({
      ok: false,
      error: { code: 'invalid-due', index: 0, field: 'date', reason: 'out-of-range' },
    });
  });

  it('plans the first day of the range: steps that would fall before it are left out, being past', () => {
    const first = derive([payment('2000-01-01')], '2000-01-01');
    expect(first.map((m) => m.code)).not.toContain('transfer-by');
    expect(find(first, 'pay')).toMatchObject({ date: '2000-01-01', timing: 'today' });
    expect(first.filter((m) => m.date < '2000-01-01').every((m) => m.timing === 'past')).toBe(true);
    const end = derive([payment('2000-01-20', { role: 'deferral-end' })], '2000-01-01', { secondNegotiationDaysBefore: 180, transferHoursBefore: 720 });
    expect(end.map((m) => m.code)).not.toContain('apply-second-negotiation-by');
    expect(end.map((m) => m.code)).not.toContain('transfer-by');
  });
});

describe('properties', () => {
  const due = fc.record({
    date: fc.integer({ min: 0, max: 365 * 3 }).map((n) => addDaysIso('2025-06-01', n)),
    role: fc.constantFrom(...DUE_ROLES),
    isPayment: fc.boolean(),
    closesDebt: fc.boolean(),
    ref: fc.string({ maxLength: 4 }),
    paidAfter: fc.option(fc.integer({ min: -30, max: 60 }), { nil: null }),
  });

  it('always come out sorted, and every step before a payment is before its day', () => {
    fc.assert(
      fc.property(fc.array(due, { maxLength: 8 }), fc.integer({ min: 0, max: 365 * 4 }), (raw, todayOffset) => {
        const today = addDaysIso('2025-06-01', todayOffset);
        const dues: TrackedDue[] = raw.map(({ paidAfter, ...d }) => {
          const doneOn = paidAfter === null ? null : addDaysIso(d.date, paidAfter);
          return { ...d, doneOn: doneOn !== null && doneOn <= today ? doneOn : null };
        });
        const result = deriveMilestones(dues, today);
        if (!result.ok) return false;
        const list = result.value;
        const sorted = list.every((m, i) => i === 0 || compareMilestones(list[i - 1]!, m) <= 0);
        const datesOrdered = list.every((m, i) => i === 0 || list[i - 1]!.date <= m.date);
        const beforeDue = list
          .filter((m) => ['decide-and-plan', 'contact-lender-if-short', 'transfer-by', 'apply-second-negotiation-by', 'gather-documents'].includes(m.code))
          .every((m) => m.date < m.dueDate && (m.until ?? m.date) < m.dueDate);
        const afterDue = list
          .filter((m) => ['credit-report-risk', 'adverse-record-expires'].includes(m.code))
          .every((m) => m.date > m.dueDate);
        return sorted && datesOrdered && beforeDue && afterDue;
      }),
      { numRuns: 300 },
    );
  });
});
