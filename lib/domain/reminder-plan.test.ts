import { describe, expect, it } from 'vitest';
import type { Agreement } from './agreement';
import { localInstant } from './dates';
import { planReminders } from './reminder-plan';

const agreement: Agreement = {
  id: 'a1',
  lender: '借呗',
  kind: 'installment',
  amountFen: 50_000,
  dueDate: '2026-12-10',
  createdAt: 0,
  updatedAt: 0,
};

describe('planReminders', () => {
  it('reminds 3 days before and on the day, at 09:00 local', () => {
    const plan = planReminders(agreement, { now: localInstant('2026-11-21', 12) });
    expect(plan.map((p) => [p.leadDays, p.fireDate, p.fireAt])).toEqual([
      [3, '2026-12-07', localInstant('2026-12-07', 9)],
      [0, '2026-12-10', localInstant('2026-12-10', 9)],
    ]);
    expect(new Set(plan.map((p) => p.id)).size).toBe(2);
  });

  it('drops a heads-up whose moment has passed but keeps the due day', () => {
    const plan = planReminders(agreement, { now: localInstant('2026-12-08', 8) });
    expect(plan.map((p) => p.leadDays)).toEqual([0]);
  });

  it('keeps the due-day reminder of a date already past, so an overdue debt is announced', () => {
    const plan = planReminders(agreement, { now: localInstant('2026-12-20', 8) });
    expect(plan).toHaveLength(1);
    expect(plan[0]?.fireAt).toBe(localInstant('2026-12-10', 9));
  });

  it('honours another hour and other lead times, without duplicates', () => {
    const plan = planReminders(agreement, { now: 0, hour: 20, leadDays: [0, 7, 1, 7] });
    expect(plan.map((p) => p.fireDate)).toEqual(['2026-12-03', '2026-12-09', '2026-12-10']);
    expect(new Date(plan[0]?.fireAt ?? 0).getHours()).toBe(20);
  });
});
