import { describe, expect, it } from 'vitest';
import { localInstant } from '../domain/dates';
import { MISSED_AFTER_MS, overdueRepeatAt, snoozeUntil, wasMissed } from './timing';

const night = { startMinute: 22 * 60, endMinute: 8 * 60 };

describe('overdue repeat', () => {
  const pay = { code: 'pay', dueDate: '2026-11-21' };

  it('comes back the next day at the reminder hour', () => {
    expect(overdueRepeatAt(pay, localInstant('2026-11-21', 9), 9)).toBe(localInstant('2026-11-22', 9));
    expect(overdueRepeatAt(pay, localInstant('2026-11-25', 9, 0), 20)).toBe(localInstant('2026-11-26', 20));
  });

  it('never twice on one calendar day, even when shown before the reminder hour', () => {
    // Shown at 07:00 because the browser opened then: the next one is tomorrow, not today at 09:00.
    expect(overdueRepeatAt(pay, localInstant('2026-11-24', 7), 9)).toBe(localInstant('2026-11-25', 9));
  });

  it('starts only once the due date has passed', () => {
    expect(overdueRepeatAt(pay, localInstant('2026-11-19', 9), 9)).toBe(localInstant('2026-11-22', 9));
  });

  it('is for payments only', () => {
    expect(overdueRepeatAt({ code: 'transfer-by', dueDate: '2026-11-21' }, localInstant('2026-11-19', 9), 9)).toBeNull();
  });

  it('crosses month and year ends on the calendar', () => {
    expect(overdueRepeatAt({ code: 'pay', dueDate: '2026-12-31' }, localInstant('2026-12-31', 9), 9)).toBe(
      localInstant('2027-01-01', 9),
    );
  });
});

describe('snooze', () => {
  const now = localInstant('2026-11-21', 10, 17);
  it('one hour later, or tomorrow at the reminder hour', () => {
    expect(snoozeUntil('hour', now, 9)).toBe(now + 3_600_000);
    expect(snoozeUntil('tomorrow', now, 9)).toBe(localInstant('2026-11-22', 9));
    expect(snoozeUntil('tomorrow', localInstant('2026-11-30', 23, 50), 8)).toBe(localInstant('2026-12-01', 8));
  });
});

describe('missed while closed', () => {
  it('is late by more than the grace period, counted from the end of quiet hours', () => {
    const due = localInstant('2026-11-21', 9);
    expect(wasMissed(due, due + MISSED_AFTER_MS, null)).toBe(false);
    expect(wasMissed(due, due + MISSED_AFTER_MS + 1, null)).toBe(true);
    // Due at 23:00 inside quiet hours, shown at 08:05: on time, not missed.
    expect(wasMissed(localInstant('2026-11-21', 23), localInstant('2026-11-22', 8, 5), night)).toBe(false);
    expect(wasMissed(localInstant('2026-11-21', 23), localInstant('2026-11-22', 10), night)).toBe(true);
  });
});
