import { dayParts, daysInMonth, formatDay } from '../domain/calendar';
import { addDaysIso, daysBetween, isIsoDate, type IsoDate } from '../domain/dates';
import { MAX_FEN, type Fen } from '../domain/money';
import { parseYuan } from '../domain/money-input';
import { addWorkingDays } from '../domain/working-days';

/**
 * Amounts and dates typed quickly into chat notes ("同意分6期，每期1,250元，12月5日前还第一期",
 * "they will call back within 3 working days"), recognised so the panel can offer them as fields
 * of the agreement being negotiated. Recognition only proposes: the user confirms every value.
 */
export type Recognised =
  | { kind: 'amount'; fen: Fen; text: string; start: number; end: number }
  | {
      kind: 'date';
      date: IsoDate;
      text: string;
      start: number;
      end: number;
      /** "within 3 working days": a promised follow-up, worth a reminder. */
      followUp: boolean;
      /** Counted in working days beyond the official holiday table (Monday–Friday guess). */
      provisional: boolean;
    };

const FULL_WIDTH = /[０-９．，]/g;
const toHalfWidth = (text: string) => text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

const NUMBER = String.raw`\d[\d,]*(?:\.\d+)?`;
const AMOUNT_PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => string | null; scale: (m: RegExpExecArray) => number }[] = [
  // ¥1,200.50 · RMB 300 · CNY300
  { re: new RegExp(String.raw`(?:¥|￥|RMB\s?|CNY\s?)(${NUMBER})(\s?[万千])?`, 'gi'), read: (m) => m[1] ?? null, scale: (m) => unitScale(m[2]) },
  // 1250元 · 2.5万元 · 3千块 · 2.5万
  { re: new RegExp(String.raw`(${NUMBER})\s?([万千])?\s?(?:元|块钱|块)|(${NUMBER})\s?([万千])(?![\d])`, 'g'), read: (m) => m[1] ?? m[3] ?? null, scale: (m) => unitScale(m[2] ?? m[4]) },
  // 300 yuan · 1,250.50 RMB
  { re: new RegExp(String.raw`(${NUMBER})\s?(?:yuan|RMB|CNY)\b`, 'gi'), read: (m) => m[1] ?? null, scale: () => 1 },
];

function unitScale(unit: string | undefined): number {
  const trimmed = unit?.trim();
  return trimmed === '万' ? 10_000 : trimmed === '千' ? 1_000 : 1;
}

/** "2.5" × 10,000 without floats: scale the digits, then round to the fen. */
function scaledFen(digits: string, scale: number): Fen | null {
  const parsed = parseYuan(digits.replace(/(\.\d{2})\d+$/, '$1'));
  if (!parsed.ok) return null;
  const fen = parsed.value * scale;
  return Number.isSafeInteger(fen) && fen <= MAX_FEN ? fen : null;
}

const WEEKDAYS_ZH: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 0, 天: 0 };
const WEEKDAYS_EN = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS_EN = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

interface DateRule {
  re: RegExp;
  resolve: (m: RegExpExecArray, today: IsoDate) => { date: IsoDate; followUp: boolean; provisional: boolean } | null;
}

const plain = (date: IsoDate | null, followUp = false) => (date ? { date, followUp, provisional: false } : null);

function weekdayOf(day: IsoDate): number {
  const { year, month, day: d } = dayParts(day);
  return new Date(Date.UTC(year, month - 1, d)).getUTCDay();
}

/** The next `weekday` after today; "下周一" is the Monday of next week, "周一" the coming one. */
function nextWeekday(today: IsoDate, weekday: number, nextWeek: boolean): IsoDate {
  const current = weekdayOf(today);
  if (nextWeek) {
    const toNextMonday = ((8 - current) % 7) || 7;
    return addDaysIso(today, toNextMonday + ((weekday + 6) % 7));
  }
  return addDaysIso(today, ((weekday - current + 7) % 7) || 7);
}

/** A month and day without a year: the occurrence nearest to today (notes speak of the next weeks or the last ones). */
function nearestYear(today: IsoDate, month: number, day: number): IsoDate | null {
  const { year } = dayParts(today);
  const candidates = [year - 1, year, year + 1]
    .map((y) => (month >= 1 && month <= 12 && day >= 1 && day <= 31 ? formatDay(y, month, day) : ''))
    .filter(isIsoDate);
  candidates.sort((a, b) => Math.abs(daysBetween(today, a)) - Math.abs(daysBetween(today, b)));
  return candidates[0] ?? null;
}

const DATE_RULES: DateRule[] = [
  {
    re: /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?/g,
    resolve: (m) => {
      const date = formatDay(Number(m[1]), Number(m[2]), Number(m[3]));
      return plain(isIsoDate(date) ? date : null);
    },
  },
  { re: /(\d{1,2})月(\d{1,2})[日号]/g, resolve: (m, today) => plain(nearestYear(today, Number(m[1]), Number(m[2]))) },
  {
    re: /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s(\d{1,2})(?:st|nd|rd|th)?\b|\b(\d{1,2})(?:st|nd|rd|th)?\s(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/gi,
    resolve: (m, today) => {
      const month = MONTHS_EN.indexOf((m[1] ?? m[4] ?? '').toLowerCase()) + 1;
      return plain(nearestYear(today, month, Number(m[2] ?? m[3])));
    },
  },
  {
    re: /(\d{1,3})\s?个?工作日(?:内|之内|以内)?|within\s(\d{1,3})\sworking\sdays?|(\d{1,3})\sworking\sdays?/gi,
    resolve: (m, today) => {
      const result = addWorkingDays(today, Number(m[1] ?? m[2] ?? m[3]));
      return result.ok ? { date: result.value.day, followUp: true, provisional: result.value.provisional } : null;
    },
  },
  {
    re: /(\d{1,3})\s?天(?:后|内|之内|以内)|within\s(\d{1,3})\sdays?|in\s(\d{1,3})\sdays?/gi,
    resolve: (m, today) => plain(addDaysIso(today, Number(m[1] ?? m[2] ?? m[3])), true),
  },
  { re: /(下)?(?:周|星期|礼拜)([一二三四五六日天])/g, resolve: (m, today) => plain(nextWeekday(today, WEEKDAYS_ZH[m[2] ?? ''] ?? 1, m[1] === '下')) },
  {
    re: /\b(next\s)?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/gi,
    resolve: (m, today) => plain(nextWeekday(today, WEEKDAYS_EN.indexOf((m[2] ?? '').toLowerCase()), Boolean(m[1]))),
  },
  {
    re: /月底|月末|end of (?:the |this )?month/gi,
    resolve: (_m, today) => {
      const { year, month } = dayParts(today);
      return plain(formatDay(year, month, daysInMonth(year, month)));
    },
  },
  { re: /今天|today/gi, resolve: (_m, today) => plain(today) },
  { re: /后天|the day after tomorrow/gi, resolve: (_m, today) => plain(addDaysIso(today, 2)) },
  { re: /明天|tomorrow/gi, resolve: (_m, today) => plain(addDaysIso(today, 1)) },
];

/** Every amount and date in a note, in reading order, never two overlapping. */
export function recogniseInNote(note: string, today: IsoDate): Recognised[] {
  const text = toHalfWidth(note);
  const found: Recognised[] = [];
  const taken: [number, number][] = [];
  const free = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e);

  // Dates first: "12月5日" and "2026-12-05" contain numbers an amount rule must not take.
  for (const rule of DATE_RULES) {
    for (const m of text.matchAll(rule.re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!free(start, end)) continue;
      const resolved = rule.resolve(m, today);
      if (!resolved) continue;
      taken.push([start, end]);
      found.push({ kind: 'date', ...resolved, text: note.slice(start, end), start, end });
    }
  }
  for (const rule of AMOUNT_PATTERNS) {
    for (const m of text.matchAll(rule.re)) {
      const start = m.index;
      const end = start + m[0].length;
      const digits = rule.read(m);
      if (!digits || !free(start, end)) continue;
      const fen = scaledFen(digits, rule.scale(m));
      if (fen === null) continue;
      taken.push([start, end]);
      found.push({ kind: 'amount', fen, text: note.slice(start, end).trim(), start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
