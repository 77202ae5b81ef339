import { describe, expect, it } from 'vitest';
import type { Agreement } from './agreement';
import { localInstant } from './dates';
import { DEFAULT_EXTRA_LEAD_DAYS } from './lead-days';
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
      // The default extra reminder, the day before: the one day of the last week left free.
      ['due-soon', '2026-12-09', undefined],
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
    expect(reminders.map((r) => r.code)).toEqual(['transfer-by', 'due-soon', 'pay', 'credit-report-risk']);
  });

  it('gives a deadline that is not a payment its own steps', () => {
    const reminders = plan({ id: 'n', kind: 'second-negotiation', dueDate: '2026-12-31' }, on('2026-11-21'));
    expect(reminders.map((r) => [r.code, r.fireDate])).toEqual([
      ['gather-documents', '2026-12-24'],
      ['due-soon', '2026-12-30'],
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

describe('planReminders: extra reminders N days before the due date', () => {
  const dueSoon = (reminders: { code: string; fireDate: string }[]) =>
    reminders.filter((r) => r.code === 'due-soon').map((r) => r.fireDate);

  it('plans one per lead day, skipping a day that already has a reminder of the same due date', () => {
    const reminders = plan(agreement, on('2026-11-21', { leadDays: [7, 6, 3, 2, 1, 0] }));
    // 7 = contact the lender, 2 = last safe transfer (12-08, a Tuesday), 0 = the day itself: taken.
    expect(dueSoon(reminders)).toEqual(['2026-12-04', '2026-12-07', '2026-12-09']);
    // The deposit window shows on its first day (12-05) only, so its last day (3 before) is free.
    expect(reminders.find((r) => r.code === 'deposit-and-check-debit')).toMatchObject({ fireDate: '2026-12-05', untilDate: '2026-12-07' });
    // One notification a day for the due date: every fire day is distinct.
    const days = reminders.filter((r) => r.dueDate === '2026-12-10').map((r) => r.fireDate);
    expect(new Set(days).size).toBe(days.length);
    expect(reminders.filter((r) => r.code === 'due-soon').every((r) => r.fireAt === localInstant(r.fireDate, 9))).toBe(true);
  });

  it('skips a day the transfer step moved onto before a weekend', () => {
    // Due Monday 2026-12-14: 48 h before is Saturday, so the transfer step moves to Friday 12-11.
    const monday = { ...agreement, dueDate: '2026-12-14' };
    const reminders = plan(monday, on('2026-11-21', { leadDays: [3, 2] }));
    expect(reminders.find((r) => r.code === 'transfer-by')?.fireDate).toBe('2026-12-11');
    expect(dueSoon(reminders)).toEqual(['2026-12-12']);
  });

  it('defaults to the day before, and a list of none plans none', () => {
    expect(DEFAULT_EXTRA_LEAD_DAYS).toEqual([1]);
    expect(dueSoon(plan(agreement, on('2026-11-21')))).toEqual(['2026-12-09']);
    expect(dueSoon(plan(agreement, on('2026-11-21', { leadDays: [] })))).toEqual([]);
  });

  it("the agreement's own list replaces the settings' list", () => {
    const own = { ...agreement, reminders: { leadDays: [4] } };
    expect(dueSoon(plan(own, on('2026-11-21', { leadDays: [1, 3] })))).toEqual(['2026-12-06']);
    expect(dueSoon(plan({ ...agreement, reminders: { leadDays: [] } }, on('2026-11-21', { leadDays: [1] })))).toEqual([]);
  });

  it('drops days already past and keeps today, like the milestones', () => {
    expect(dueSoon(plan(agreement, on('2026-12-07', { leadDays: [4, 3, 1] })))).toEqual(['2026-12-07', '2026-12-09']);
    expect(dueSoon(plan(agreement, on('2026-12-10', { leadDays: [4, 3, 1] })))).toEqual([]);
  });

  it('none once the due date is paid, and none for a hardship follow-up (the lender\'s date)', () => {
    expect(dueSoon(plan({ ...agreement, doneOn: '2026-12-01' }, on('2026-12-01', { leadDays: [3, 1] })))).toEqual([]);
    expect(dueSoon(plan({ id: 'h', kind: 'hardship', dueDate: '2026-12-10' }, on('2026-11-21', { leadDays: [3, 1] })))).toEqual([]);
  });

  it('gives stable ids: planned again later, at another hour or with a longer list, the same day has the same id', () => {
    const first = plan(agreement, on('2026-11-21', { leadDays: [3, 1] })).filter((r) => r.code === 'due-soon');
    const again = plan(agreement, on('2026-12-05', { hour: 20, leadDays: [6, 3, 1] })).filter((r) => r.code === 'due-soon');
    expect(first.map((r) => r.id)).toEqual(['a1:due-soon:2026-12-10:3', 'a1:due-soon:2026-12-10:1']);
    expect(again.map((r) => r.id)).toEqual(first.map((r) => r.id));
    expect(again.map((r) => r.fireAt)).toEqual([localInstant('2026-12-07', 20), localInstant('2026-12-09', 20)]);
    // Another due date is another reminder.
    expect(plan({ ...agreement, dueDate: '2026-12-11' }, on('2026-11-21', { leadDays: [1] })).find((r) => r.code === 'due-soon')?.id).toBe(
      'a1:due-soon:2026-12-11:1',
    );
  });
});

describe('planReminders: extra reminders for each period of a plan', () => {
  it('one per open period, with ids naming the period', () => {
    const periods: PlannedAgreement = {
      ...agreement,
      dues: [
        { date: '2026-11-10', doneOn: '2026-11-09' },
        { date: '2026-12-10', doneOn: null },
        { date: '2027-01-10', doneOn: null },
      ],
    };
    const dueSoon = plan(periods, on('2026-11-21', { leadDays: [1] })).filter((r) => r.code === 'due-soon');
    expect(dueSoon.map((r) => [r.id, r.dueDate, r.fireDate])).toEqual([
      ['a1:due-soon:2026-12-10:1', '2026-12-10', '2026-12-09'],
      ['a1:due-soon:2027-01-10:1', '2027-01-10', '2027-01-09'],
    ]);
  });
});

describe('planReminders with reminders switched off', () => {
  it('plans nothing at all, not even promised follow-ups', () => {
    const off: PlannedAgreement = {
      ...agreement,
      reminders: { off: true, leadDays: [3] },
      followUps: [{ date: '2026-11-25', text: 'call back' }],
    };
    expect(plan(off, on('2026-11-21'))).toEqual([]);
    expect(plan({ ...off, reminders: { leadDays: [3] } }, on('2026-11-21')).length).toBeGreaterThan(0);
  });
});
