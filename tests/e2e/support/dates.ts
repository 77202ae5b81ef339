import { format, formatDuration } from 'date-fns';
import { enUS, zhCN } from 'date-fns/locale';

/** The local calendar day `offsetDays` from today, as the date input wants it ('yyyy-MM-dd'). */
export function localDay(offsetDays: number, from: Date = new Date()): string {
  const day = new Date(from.getFullYear(), from.getMonth(), from.getDate() + offsetDays, 12);
  return format(day, 'yyyy-MM-dd');
}

/** Epoch ms of a local wall-clock hour on a 'yyyy-MM-dd' day (reminders fire at 09:00 local). */
export function localInstant(day: string, hour: number): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, hour).getTime();
}

/** "1 天" / "1 day": the duration phrase the countdown substitutes into dueIn/overdueBy. */
export function dayCount(days: number, language: 'zh-CN' | 'en'): string {
  return formatDuration({ days }, { locale: language === 'zh-CN' ? zhCN : enUS, zero: true });
}
