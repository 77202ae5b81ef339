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
