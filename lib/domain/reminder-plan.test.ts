import { describe, expect, it } from 'vitest';
import type { Agreement } from './agreement';
import { localInstant } from './dates';
import { planReminders, type PlannedAgreement, type ReminderPlanOptions } from './reminder-plan';

const agreement: Pick<Agreement, 'id' | 'kind' | 'dueDate'> = { id: 'a1', kind: 'installment', dueDate: '2026-12-10' };
const on = (today: string, extra: Partial<ReminderPlanOptions> = {}): ReminderPlanOptions => ({
  now: localInstant(today, 12),
  today,
  ...extra,
});
const plan = (a: PlannedAgreement, options: ReminderPlanOptions) => {
  const result = planReminders(a, options);
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
};

describe('planReminders', () => {
  it('reminds at each milestone still ahead, at 09:00 local, in order', () => {
    const reminders = plan(agreement, on('2026-11-21'));
    expect(reminders.map((r) => [r.code, r.fireDate, r.untilDate])).toEqual([
      ['contact-lender-if-short', '2026-12-03', undefined],
      ['deposit-and-check-debit', '2026-12-05', '2026-12-07'],
      ['transfer-by', '2026-12-08', undefined],
      ['pay', '2026-12-10', undefined],
      // Planned ahead, so it fires even if the browser is not opened between now and then.
      ['credit-report-risk', '2026-12-14', undefined],
    ]);
    expect(reminders.every((r) => r.fireAt === localInstant(r.fireDate, 9))).toBe(true);
    expect(new Set(reminders.map((r) => r.id)).size).toBe(reminders.length);
  });

  it('moves the transfer day before a holiday and checks the credit report 3 working days after a settlement', () => {
    const settlement = { id: 's', kind: 'settlement' as const, dueDate: '2026-10-09' };
    const reminders = plan(settlement, on('2026-09-01'));
    const byCode = Object.fromEntries(reminders.map((r) => [r.code, r.fireDate]));
    // 2026-10-07 falls in the National Day holiday: the last working day before it is 09-30.
    expect(byCode['transfer-by']).toBe('2026-09-30');
    // 10-10 is a make-up working Saturday, 10-11 a Sunday.
    expect(byCode['check-credit-report']).toBe('2026-10-13');
    expect(byCode['decide-and-plan']).toBe('2026-09-09');
  });

  it('keeps only the due day when the date is already past, so a late debt is announced at once', () => {
    const reminders = plan(agreement, on('2026-12-20'));
    expect(reminders.map((r) => [r.code, r.fireDate])).toEqual([['pay', '2026-12-10']]);
  });

  it('keeps a milestone that falls today even when its hour has passed', () => {
    const reminders = plan(agreement, on('2026-12-08'));
    expect(reminders.map((r) => r.code)).toEqual(['transfer-by', 'pay', 'credit-report-risk']);
  });

  it('gives a deadline that is not a payment its own steps', () => {
    const reminders = plan({ id: 'n', kind: 'second-negotiation', dueDate: '2026-12-31' }, on('2026-11-21'));
    expect(reminders.map((r) => [r.code, r.fireDate])).toEqual([
      ['gather-documents', '2026-12-24'],
      ['apply-deadline', '2026-12-31'],
    ]);
  });

  it('honours another hour and lead times, and refuses an impossible hour or date', () => {
    const reminders = plan(agreement, on('2026-11-21', { hour: 20, milestones: { contactDaysBefore: 10 } }));
    expect(reminders[0]).toMatchObject({ code: 'contact-lender-if-short', fireDate: '2026-11-30' });
    expect(new Date(reminders[0]?.fireAt ?? 0).getHours()).toBe(20);
    expect(planReminders(agreement, on('2026-11-21', { hour: 24 }))).toEqual({ ok: false, error: { code: 'invalid-hour' } });
    expect(planReminders({ ...agreement, dueDate: '2026-02-30' }, on('2026-11-21')).ok).toBe(false);
  });
});

describe('planReminders after a payment', () => {
  it('a due date paid on time keeps only the after-payment steps still ahead', () => {
    const settlement = { id: 's1', kind: 'settlement', dueDate: '2026-12-10' } as const;
    const before = plan(settlement, on('2026-12-01')).map((r) => r.code);
    expect(before).toEqual(expect.arrayContaining(['transfer-by', 'pay', 'credit-report-risk', 'check-credit-report']));
    const paid = plan({ ...settlement, doneOn: '2026-12-01' }, on('2026-12-01'));
    // 3 working days after 1 Dec 2026 (a Tuesday): Friday 4 Dec.
    expect(paid.map((r) => [r.code, r.fireDate])).toEqual([['check-credit-report', '2026-12-04']]);
  });

  it('a payment that does not close the debt leaves no reminder at all', () => {
    expect(plan({ ...agreement, doneOn: '2026-12-09' }, on('2026-12-09'))).toEqual([]);
  });

  it('paid more than 3 days late: when the adverse record should disappear, 5 years on', () => {
    const late = plan({ ...agreement, dueDate: '2026-11-01', doneOn: '2026-11-20' }, on('2026-11-21'));
    expect(late.map((r) => [r.code, r.fireDate])).toEqual([['adverse-record-expires', '2031-11-20']]);
  });
});

describe('planReminders for promised follow-ups', () => {
  const withFollowUps: PlannedAgreement = {
    id: 'h1',
    kind: 'hardship',
    dueDate: '2026-12-04',
    followUps: [
      { date: '2026-11-20', text: 'already past' },
      { date: '2026-11-25', text: '3 个工作日内回电' },
      { date: '2026-11-25', text: 'send the plan by e-mail' },
      { date: '2026-11-25', text: '3 个工作日内回电' },
      { date: '2026-12-04', text: 'reply on the day of the deadline' },
    ],
  };

  it('plans a follow-up reminder for each future follow-up, with unique ids apart from the milestones', () => {
    const reminders = plan(withFollowUps, on('2026-11-21', { hour: 10 }));
    const followUps = reminders.filter((r) => r.id.split(':').length === 4);
    expect(followUps.map((r) => [r.code, r.fireDate, r.fireAt])).toEqual([
      ['follow-up', '2026-11-25', localInstant('2026-11-25', 10)],
      ['follow-up', '2026-11-25', localInstant('2026-11-25', 10)],
      ['follow-up', '2026-12-04', localInstant('2026-12-04', 10)],
    ]);
    // The hardship deadline's own follow-up milestone on 12-04 is still there, under another id.
    expect(reminders.filter((r) => r.code === 'follow-up' && r.fireDate === '2026-12-04')).toHaveLength(2);
    expect(new Set(reminders.map((r) => r.id)).size).toBe(reminders.length);
  });

  it('gives the same ids when planned again later, so shown reminders stay shown', () => {
    const first = plan(withFollowUps, on('2026-11-21')).map((r) => r.id);
    const again = plan(withFollowUps, on('2026-11-24')).map((r) => r.id);
    expect(again.filter((id) => id.includes(':follow-up:2026-11-25'))).toEqual(first.filter((id) => id.includes(':follow-up:2026-11-25')));
    expect(plan(withFollowUps, on('2026-11-26')).some((r) => r.fireDate === '2026-11-25')).toBe(false);
  });

  it('plans none without follow-ups', () => {
    expect(plan({ ...withFollowUps, followUps: [] }, on('2026-11-21')).filter((r) => r.id.split(':').length === 4)).toEqual([]);
  });
});
