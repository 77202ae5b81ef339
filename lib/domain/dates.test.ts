import { describe, expect, it } from 'vitest';
import { addDaysIso, daysBetween, isIsoDate, localInstant, parseIsoDate, toIsoDate } from './dates';

describe('calendar days', () => {
  it('accepts real days only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-5')).toBe(false);
    expect(isIsoDate('26-01-05')).toBe(false);
  });

  it('explains why a date is refused', () => {
    expect(parseIsoDate('')).toEqual({ ok: false, error: 'empty' });
    expect(parseIsoDate('2026-02-30')).toEqual({ ok: false, error: 'invalid-date' });
    expect(parseIsoDate('0202-02-02')).toEqual({ ok: false, error: 'out-of-range' });
    expect(parseIsoDate(' 2026-12-31 ')).toEqual({ ok: true, value: '2026-12-31' });
  });

  it('counts calendar days across month and year ends', () => {
    expect(daysBetween('2026-11-21', '2026-11-22')).toBe(1);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-11-21', '2026-11-18')).toBe(-3);
    expect(addDaysIso('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDaysIso('2026-12-30', 3)).toBe('2027-01-02');
  });

  it('turns a day into the local instant of a wall-clock hour', () => {
    const at = new Date(localInstant('2026-11-21', 9));
    expect([at.getFullYear(), at.getMonth(), at.getDate(), at.getHours(), at.getMinutes()]).toEqual([2026, 10, 21, 9, 0]);
    expect(toIsoDate(at)).toBe('2026-11-21');
  });

  it('counts days between any two days of 2020–2031 as date-fns does', async () => {
    const { differenceInCalendarDays } = await import('date-fns');
    let from = '2020-01-01';
    for (let i = 0; i < 4400; i += 7) {
      const to = addDaysIso(from, (i * 37) % 900 - 300);
      expect(daysBetween(from, to), `${from} → ${to}`).toBe(differenceInCalendarDays(new Date(`${to}T12:00`), new Date(`${from}T12:00`)));
      from = addDaysIso(from, 3);
    }
    expect(Number.isNaN(daysBetween('2026-02-31', '2026-03-01'))).toBe(true);
  });
});

describe('local stamps written by hand', () => {
  it('match date-fns for instants across years, months and times of day', async () => {
    const { format } = await import('date-fns');
    const { localDateTime, localStamp, toIsoDate } = await import('./dates');
    for (let at = Date.UTC(1999, 11, 31, 23, 59, 59); at < Date.UTC(2031, 0, 1); at += 86_400_000 * 37 + 3_601_001) {
      expect(toIsoDate(at)).toBe(format(at, 'yyyy-MM-dd'));
      expect(localDateTime(at)).toBe(format(at, 'yyyy-MM-dd HH:mm:ss'));
      expect(localDateTime(at, false)).toBe(format(at, 'yyyy-MM-dd HH:mm'));
      const { hh, mm } = localStamp(at);
      expect(`${hh}${mm}`).toBe(format(at, 'HHmm'));
    }
    expect(() => toIsoDate(Number.NaN)).toThrow(RangeError);
  });
});
