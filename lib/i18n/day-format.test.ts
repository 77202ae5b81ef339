import { format } from 'date-fns';
import { enUS, zhCN } from 'date-fns/locale';
import { describe, expect, it } from 'vitest';
import { addDaysIso, isoDateToNoon } from '../domain/dates';
import { formatDayAndMonth, formatShortDate } from './day-format';

describe('day formats', () => {
  it('write every day of 2024–2031 exactly as date-fns does, in both languages', () => {
    let day = '2024-01-01';
    let checked = 0;
    while (day < '2032-01-01') {
      const noon = isoDateToNoon(day);
      expect(formatShortDate(day, 'zh-CN')).toBe(format(noon, 'yyyy年M月d日 EEE', { locale: zhCN }));
      expect(formatShortDate(day, 'en')).toBe(format(noon, 'EEE, d MMM yyyy', { locale: enUS }));
      expect(formatDayAndMonth(day, 'zh-CN')).toBe(format(noon, 'M月d日 EEE', { locale: zhCN }));
      expect(formatDayAndMonth(day, 'en')).toBe(format(noon, 'EEE d MMM', { locale: enUS }));
      day = addDaysIso(day, 1);
      checked++;
    }
    expect(checked).toBe(2922);
  });
});

describe('day counts', () => {
  it('say "N天" and "N day(s)" as date-fns formatDuration does, without its space before 天 (docs/glossary.md)', async () => {
    const { formatDuration } = await import('date-fns');
    const { formatDayCount } = await import('./index');
    for (let days = 0; days <= 400; days++) {
      expect(formatDayCount(days, 'zh-CN')).toBe(formatDuration({ days }, { locale: zhCN, zero: true }).replace(' 天', '天'));
      expect(formatDayCount(days, 'en')).toBe(formatDuration({ days }, { locale: enUS, zero: true }));
    }
  });
});

describe('times', () => {
  // Local wall-clock instants, so the expectations hold in any time zone the suite runs in.
  const at = new Date(2026, 10, 27, 9, 5, 7).getTime();

  it('write an instant as its day in the list format, then a 24-hour clock, in both languages', async () => {
    const { formatClock, formatDateTime, formatDayMonthTime } = await import('./time-format');
    expect(formatClock(at)).toBe('09:05');
    expect(formatClock(at, true)).toBe('09:05:07');
    expect(formatDateTime(at, 'zh-CN')).toBe('2026年11月27日 周五 09:05');
    expect(formatDateTime(at, 'en', true)).toBe('Fri, 27 Nov 2026, 09:05:07');
    expect(formatDayMonthTime(at, 'zh-CN')).toBe('11月27日 周五 09:05');
    expect(formatDayMonthTime(at, 'en')).toBe('Fri 27 Nov, 09:05');
  });

  it('agree with date-fns at every hour of a day that changes the clocks somewhere', async () => {
    const { formatDateTime } = await import('./time-format');
    for (let hour = 0; hour < 24; hour++) {
      const instant = new Date(2026, 2, 8, hour, 30).getTime();
      expect(formatDateTime(instant, 'zh-CN')).toBe(format(instant, 'yyyy年M月d日 EEE HH:mm', { locale: zhCN }));
      expect(formatDateTime(instant, 'en')).toBe(format(instant, 'EEE, d MMM yyyy, HH:mm', { locale: enUS }));
    }
  });

  it('refuses an instant that is not a time rather than writing "NaN"', async () => {
    const { formatDateTime } = await import('./time-format');
    expect(() => formatDateTime(Number.NaN, 'en')).toThrow(RangeError);
  });
});
