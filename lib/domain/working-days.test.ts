import { isWorkday } from 'chinese-days';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysIso, isoDateToNoon } from './dates';
import {
  addWorkingDays,
  isOfficialCalendarYear,
  isWorkingDay,
  lastWorkingDayOnOrBefore,
  officialCalendarYears,
} from './working-days';

const working = (day: string) => {
  const result = isWorkingDay(day);
  if (!result.ok) throw new Error(result.error);
  return result.value.working;
};

describe('official calendar coverage', () => {
  it('is what chinese-days 1.5.7 ships: 2004 to 2026', () => {
    expect(officialCalendarYears()).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(isOfficialCalendarYear(2026)).toBe(true);
    expect(isOfficialCalendarYear(2027)).toBe(false);
  });

  // The package's own function is only right at or east of Greenwich; the suite runs on China time.
  it.runIf(new Date(2026, 0, 1).getTimezoneOffset() <= 0)('agrees with the package’s isWorkday on every covered day', () => {
    const disagreements: string[] = [];
    for (let day = '2004-01-01'; day <= '2026-12-31'; day = addDaysIso(day, 1)) {
      if (working(day) !== isWorkday(isoDateToNoon(day))) disagreements.push(day);
    }
    expect(disagreements).toEqual([]);
  });

  it('gives the same answers west of Greenwich, where the package’s own function is a day off', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(new Date(2026, 0, 1).getTimezoneOffset()).toBeGreaterThan(0);
      expect([working('2026-10-10'), working('2026-10-01'), working('2026-09-30'), working('2026-02-14')]).toEqual([
        true,
        false,
        true,
        true,
      ]);
      expect(addWorkingDays('2026-09-30', 3)).toEqual({ ok: true, value: { day: '2026-10-10', provisional: false } });
    } finally {
      process.env.TZ = zone;
    }
  });
});

describe('isWorkingDay', () => {
  it('follows the 2026 Spring Festival notice: Sat 02-14 and Sat 02-28 worked, 02-15 to 02-23 off', () => {
    expect(working('2026-02-13')).toBe(true);
    expect(working('2026-02-14')).toBe(true);
    for (let day = '2026-02-15'; day <= '2026-02-23'; day = addDaysIso(day, 1)) expect(working(day)).toBe(false);
    expect(working('2026-02-24')).toBe(true);
    expect(working('2026-02-28')).toBe(true);
    expect(working('2026-03-01')).toBe(false);
  });

  it('follows the 2026 National Day notice: Sun 09-20 and Sat 10-10 worked, 10-01 to 10-07 off', () => {
    expect(working('2026-09-20')).toBe(true);
    expect(working('2026-09-25')).toBe(false);
    expect(working('2026-09-30')).toBe(true);
    for (let day = '2026-10-01'; day <= '2026-10-07'; day = addDaysIso(day, 1)) expect(working(day)).toBe(false);
    expect(working('2026-10-10')).toBe(true);
    expect(working('2026-10-11')).toBe(false);
  });

  it('is certain inside the table, provisional Monday–Friday outside it', () => {
    expect(isWorkingDay('2026-06-19')).toEqual({ ok: true, value: { working: false, provisional: false } });
    expect(isWorkingDay('2027-10-01')).toEqual({ ok: true, value: { working: true, provisional: true } });
    expect(isWorkingDay('2027-10-02')).toEqual({ ok: true, value: { working: false, provisional: true } });
    expect(isWorkingDay('2003-01-01')).toEqual({ ok: true, value: { working: true, provisional: true } });
  });

  it('treats the last week of December as provisional until the next notice is known', () => {
    expect(isWorkingDay('2026-12-24')).toEqual({ ok: true, value: { working: true, provisional: false } });
    expect(isWorkingDay('2026-12-28')).toEqual({ ok: true, value: { working: true, provisional: true } });
    // 2018-12-29 was a make-up Saturday set by the 2019 notice, which the table holds.
    expect(isWorkingDay('2018-12-29')).toEqual({ ok: true, value: { working: true, provisional: false } });
  });

  it('refuses what is not a day', () => {
    expect(isWorkingDay('2026-02-30')).toEqual({ ok: false, error: 'invalid-date' });
    expect(isWorkingDay('')).toEqual({ ok: false, error: 'empty' });
  });
});

describe('addWorkingDays', () => {
  it('counts 3 working days after 2026-09-30 to the make-up Saturday 2026-10-10', () => {
    expect(addWorkingDays('2026-09-30', 3)).toEqual({ ok: true, value: { day: '2026-10-10', provisional: false } });
  });

  it('crosses the Spring Festival week in both directions', () => {
    expect(addWorkingDays('2026-02-13', 1)).toEqual({ ok: true, value: { day: '2026-02-14', provisional: false } });
    expect(addWorkingDays('2026-02-14', 1)).toEqual({ ok: true, value: { day: '2026-02-24', provisional: false } });
    expect(addWorkingDays('2026-02-24', -1)).toEqual({ ok: true, value: { day: '2026-02-14', provisional: false } });
    expect(addWorkingDays('2026-02-16', 0)).toEqual({ ok: true, value: { day: '2026-02-24', provisional: false } });
    expect(addWorkingDays('2026-02-24', 0)).toEqual({ ok: true, value: { day: '2026-02-24', provisional: false } });
  });

  it('falls back to Monday–Friday, flagged, in a year not covered', () => {
    expect(addWorkingDays('2027-03-05', 1)).toEqual({ ok: true, value: { day: '2027-03-08', provisional: true } });
    expect(addWorkingDays('2026-12-21', 1)).toEqual({ ok: true, value: { day: '2026-12-22', provisional: false } });
    expect(addWorkingDays('2026-12-30', 1)).toEqual({ ok: true, value: { day: '2026-12-31', provisional: true } });
  });

  it('refuses a count that is not a whole number or is absurdly large', () => {
    expect(addWorkingDays('2026-01-05', 1.5)).toEqual({ ok: false, error: 'invalid-count' });
    expect(addWorkingDays('2026-01-05', Number.NaN)).toEqual({ ok: false, error: 'invalid-count' });
    expect(addWorkingDays('2026-01-05', 1e9)).toEqual({ ok: false, error: 'invalid-count' });
    expect(addWorkingDays('2026-13-05', 1)).toEqual({ ok: false, error: 'invalid-date' });
  });

  it('always lands on a working day strictly after the start', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), fc.integer({ min: 1, max: 30 }), (offset, n) => {
        const start = addDaysIso('2024-01-01', offset);
        const result = addWorkingDays(start, n);
        if (!result.ok) return false;
        return result.value.day > start && working(result.value.day);
      }),
      { numRuns: 200 },
    );
  });
});

describe('lastWorkingDayOnOrBefore', () => {
  it('keeps a working day, moves a holiday back to before the break', () => {
    expect(lastWorkingDayOnOrBefore('2026-10-10')).toEqual({ ok: true, value: { day: '2026-10-10', provisional: false } });
    expect(lastWorkingDayOnOrBefore('2026-10-07')).toEqual({ ok: true, value: { day: '2026-09-30', provisional: false } });
    expect(lastWorkingDayOnOrBefore('2026-02-22')).toEqual({ ok: true, value: { day: '2026-02-14', provisional: false } });
    expect(lastWorkingDayOnOrBefore('2027-02-07')).toEqual({ ok: true, value: { day: '2027-02-05', provisional: true } });
  });

  it('refuses an invalid day', () => {
    expect(lastWorkingDayOnOrBefore('1999-01-01')).toEqual({ ok: false, error: 'out-of-range' });
  });
});
