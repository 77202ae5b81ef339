import { describe, expect, it } from 'vitest';
import {
  addMonthsClamped,
  addYearsClamped,
  calendarDaySchema,
  daysInMonth,
  isLeapYear,
  monthlyDay,
  monthOf,
} from './calendar';

describe('calendar', () => {
  it('knows leap years, including the century rules', () => {
    expect([2024, 2026, 2028, 2100, 2000].map(isLeapYear)).toEqual([true, false, true, false, true]);
    expect([daysInMonth(2026, 2), daysInMonth(2028, 2), daysInMonth(2026, 4), daysInMonth(2026, 12)]).toEqual([
      28, 29, 30, 31,
    ]);
  });

  it('keeps a repayment day of the 31st on each month end, back to the 31st when the month has one', () => {
    const days = [0, 1, 2, 3, 4].map((m) => monthlyDay('2026-01-31', m, 31));
    expect(days).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']);
    expect(monthlyDay('2027-12-31', 2, 31)).toBe('2028-02-29');
    expect(monthlyDay('2026-11-15', 3, 30)).toBe('2027-02-28');
  });

  it('moves by months and years, backwards too', () => {
    expect(addMonthsClamped('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonthsClamped('2028-03-31', -1)).toBe('2028-02-29');
    expect(addMonthsClamped('2026-01-15', -1)).toBe('2025-12-15');
    expect(addYearsClamped('2028-02-29', 5)).toBe('2033-02-28');
    expect(addYearsClamped('2026-07-01', 5)).toBe('2031-07-01');
    expect(monthOf('2026-07-01')).toBe('2026-07');
  });

  it('accepts only real days in range, without spaces', () => {
    expect(calendarDaySchema.safeParse('2028-02-29').success).toBe(true);
    expect(calendarDaySchema.safeParse('2026-02-29').success).toBe(false);
    expect(calendarDaySchema.safeParse(' 2026-02-28').success).toBe(false);
    expect(calendarDaySchema.safeParse('1999-12-31').success).toBe(false);
  });
});
