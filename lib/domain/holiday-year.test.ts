import { describe, expect, it } from 'vitest';
import { checkHolidayYear, openNoticeYears, type HolidayYearDraft } from './holiday-year';
import { MADE_UP_2027 } from './holiday-year.test-data';
import { deriveMilestones, type TrackedDue } from './milestones';
import { addWorkingDays, isWorkingDay, lastWorkingDayOnOrBefore, workingCalendarOf } from './working-days';

const TODAY = '2026-12-06';
const draft = (change: Partial<HolidayYearDraft>): HolidayYearDraft => ({ ...MADE_UP_2027, ...change });
const withHoliday = (name: string, from: string, to: string) =>
  draft({ holidays: MADE_UP_2027.holidays.map((h) => (h.name === name ? { ...h, from, to } : h)) });
const problems = (d: HolidayYearDraft, today = TODAY) => {
  const result = checkHolidayYear(d, today);
  return result.ok ? [] : result.error;
};

describe('checking a year typed from the State Council notice', () => {
  it('takes a plausible notice: empty rows left out, make-up days sorted', () => {
    const result = checkHolidayYear(MADE_UP_2027, TODAY);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.holidays.map((h) => h.name)).toEqual(['new-year', 'spring-festival', 'qingming', 'labour-day', 'dragon-boat', 'national-day']);
    expect(result.value.workdays).toEqual(['2027-02-20', '2027-05-08', '2027-09-26', '2027-10-09']);
  });

  it('offers the years after the table up to next year, and refuses a year the table covers or one not yet due', () => {
    expect(openNoticeYears('2026-12-06')).toEqual([2027]);
    expect(openNoticeYears('2028-01-10')).toEqual([2027, 2028, 2029]);
    expect(problems(draft({ year: 2026 }))).toEqual([{ code: 'year-covered', year: 2026 }]);
    expect(problems(draft({ year: 2028 }))).toEqual([{ code: 'year-not-open', year: 2028 }]);
  });

  it('lets the New Year break and a make-up day start in the last week of the December before, nothing earlier', () => {
    expect(problems(withHoliday('new-year', '2026-12-31', '2027-01-02'))).toEqual([]);
    expect(problems(draft({ workdays: ['2026-12-26'] }))).toEqual([]);
    expect(problems(withHoliday('new-year', '2026-12-20', '2027-01-01'))).toEqual([{ code: 'holiday-outside-year', name: 'new-year' }]);
    expect(problems(draft({ workdays: ['2026-12-19'] }))).toEqual([{ code: 'workday-outside-year', day: '2026-12-19' }]);
    expect(problems(withHoliday('spring-festival', '2026-12-31', '2027-01-01'))).toContainEqual({ code: 'holiday-outside-year', name: 'spring-festival' });
    expect(problems(withHoliday('national-day', '2027-12-31', '2028-01-02'))).toEqual([{ code: 'holiday-outside-year', name: 'national-day' }]);
  });

  it('names each bad holiday: half filled, not a day, backwards, too long, overlapping', () => {
    expect(problems(withHoliday('qingming', '2027-04-03', ''))).toEqual([{ code: 'holiday-incomplete', name: 'qingming' }]);
    expect(problems(withHoliday('qingming', '2027-04-31', '2027-05-01'))).toEqual([{ code: 'holiday-invalid-date', name: 'qingming' }]);
    expect(problems(withHoliday('qingming', '2027-04-05', '2027-04-03'))).toEqual([{ code: 'holiday-ends-before-start', name: 'qingming' }]);
    expect(problems(withHoliday('national-day', '2027-10-01', '2027-12-31'))).toEqual([{ code: 'holiday-too-long', name: 'national-day', days: 92 }]);
    expect(problems(withHoliday('mid-autumn', '2027-10-03', '2027-10-04'))).toEqual([{ code: 'holiday-overlap', name: 'national-day', other: 'mid-autumn' }]);
  });

  it('wants New Year’s Day itself off', () => {
    expect(problems(withHoliday('new-year', '', ''))).toEqual([{ code: 'new-year-missing' }]);
    expect(problems(withHoliday('new-year', '2027-01-02', '2027-01-03'))).toEqual([{ code: 'new-year-missing' }]);
  });

  it('names each bad make-up day: not a day, a weekday, a day off, twice, and refuses a list no notice has', () => {
    expect(problems(draft({ workdays: ['2027-02-30'] }))).toEqual([{ code: 'workday-invalid-date', text: '2027-02-30' }]);
    expect(problems(draft({ workdays: ['2027-02-10'] }))).toEqual([{ code: 'workday-not-weekend', day: '2027-02-10' }]);
    expect(problems(draft({ workdays: ['2027-10-02'] }))).toEqual([{ code: 'workday-is-holiday', day: '2027-10-02', name: 'national-day' }]);
    expect(problems(draft({ workdays: ['2027-09-26', '2027-09-26'] }))).toEqual([{ code: 'workday-duplicate', day: '2027-09-26' }]);
    const saturdays = Array.from({ length: 13 }, (_, i) => `2027-03-${String(6 + (i % 4) * 7).padStart(2, '0')}`);
    expect(problems(draft({ workdays: saturdays }))[0]).toEqual({ code: 'too-many-workdays', count: 13 });
  });

  it('reports every problem at once', () => {
    const bad = draft({ holidays: [{ name: 'qingming', from: '2027-04-05', to: '2027-04-03' }], workdays: ['2027-02-10'] });
    expect(problems(bad).map((p) => p.code)).toEqual(['holiday-ends-before-start', 'new-year-missing', 'workday-not-weekend']);
  });
});

describe('working days with a year typed by the user', () => {
  const notice = checkHolidayYear(MADE_UP_2027, TODAY);
  if (!notice.ok) throw new Error('test notice refused');
  const calendar = workingCalendarOf([notice.value]);

  it('follows the notice and is no longer provisional', () => {
    expect(isWorkingDay('2027-10-04')).toEqual({ ok: true, value: { working: true, provisional: true } });
    expect(isWorkingDay('2027-10-04', calendar)).toEqual({ ok: true, value: { working: false, provisional: false } });
    // A make-up Sunday works; an ordinary Sunday does not.
    expect(isWorkingDay('2027-09-26', calendar)).toEqual({ ok: true, value: { working: true, provisional: false } });
    expect(isWorkingDay('2027-09-19', calendar)).toEqual({ ok: true, value: { working: false, provisional: false } });
    expect(lastWorkingDayOnOrBefore('2027-10-02', calendar)).toEqual({ ok: true, value: { day: '2027-09-30', provisional: false } });
    expect(addWorkingDays('2027-09-30', 1, calendar)).toEqual({ ok: true, value: { day: '2027-10-08', provisional: false } });
  });

  it('makes the end of December before it certain, and takes its New Year days there', () => {
    expect(isWorkingDay('2026-12-28')).toEqual({ ok: true, value: { working: true, provisional: true } });
    expect(isWorkingDay('2026-12-28', calendar)).toEqual({ ok: true, value: { working: true, provisional: false } });
    const early = checkHolidayYear(withHoliday('new-year', '2026-12-31', '2027-01-02'), TODAY);
    if (!early.ok) throw new Error('refused');
    expect(isWorkingDay('2026-12-31', workingCalendarOf([early.value]))).toEqual({ ok: true, value: { working: false, provisional: false } });
    // The end of the typed year stays provisional: the next notice is not known.
    expect(isWorkingDay('2027-12-28', calendar)).toEqual({ ok: true, value: { working: true, provisional: true } });
  });

  it('lets the package’s table win for a year it covers', () => {
    // A stored notice for 2026 (an older build, or a package update since): the table answers.
    const stale = workingCalendarOf([{ year: 2026, holidays: [{ from: '2026-03-02', to: '2026-03-04' }], workdays: [] }]);
    expect(stale.years.has(2026)).toBe(false);
    expect(isWorkingDay('2026-03-03', stale)).toEqual({ ok: true, value: { working: true, provisional: false } });
    expect(isWorkingDay('2026-10-01', stale)).toEqual({ ok: true, value: { working: false, provisional: false } });
  });

  it('takes the provisional mark off the milestones that used it', () => {
    const due: TrackedDue = { date: '2027-10-04', role: 'settlement', isPayment: true, closesDebt: true, ref: 'a', doneOn: null };
    const guessed = deriveMilestones([due], '2026-12-06');
    const known = deriveMilestones([due], '2026-12-06', { holidayYears: [notice.value] });
    if (!guessed.ok || !known.ok) throw new Error('not planned');
    const transfer = (list: typeof guessed.value) => list.find((m) => m.code === 'transfer-by');
    const check = (list: typeof guessed.value) => list.find((m) => m.code === 'check-credit-report');
    expect(transfer(guessed.value)).toMatchObject({ date: '2027-10-01', provisional: true });
    expect(transfer(known.value)).toMatchObject({ date: '2027-09-30', provisional: false });
    expect(check(guessed.value)).toMatchObject({ date: '2027-10-07', provisional: true });
    expect(check(known.value)).toMatchObject({ date: '2027-10-11', provisional: false });
    expect(known.value.some((m) => m.provisional)).toBe(false);
  });
});
