import type { HolidayName, HolidayYearProblem } from '../domain/holiday-year';
import { MAX_HOLIDAY_DAYS, MAX_MAKE_UP_DAYS } from '../domain/holiday-year-schema';
import { formatShortDate } from './day-format';
import { t, uiLanguage, type MessageKey } from './index';

// Only the settings page needs these: apart from labels.ts, which the popup's first screen loads.

const NAME_KEYS: Record<HolidayName, MessageKey> = {
  'new-year': 'holidayNew_year',
  'spring-festival': 'holidaySpring_festival',
  qingming: 'holidayQingming',
  'labour-day': 'holidayLabour_day',
  'dragon-boat': 'holidayDragon_boat',
  'mid-autumn': 'holidayMid_autumn',
  'national-day': 'holidayNational_day',
};

export const holidayName = (name: HolidayName): string => t(NAME_KEYS[name]);

const day = (value: string) => formatShortDate(value, uiLanguage());

/** What is wrong with one entry of a typed notice, naming the entry. */
export function holidayProblemText(problem: HolidayYearProblem, year: number): string {
  switch (problem.code) {
    case 'year-covered':
      return t('holidayProblemYearCovered', String(problem.year));
    case 'year-not-open':
      return t('holidayProblemYearNotOpen', String(problem.year));
    case 'holiday-incomplete':
      return t('holidayProblemIncomplete', holidayName(problem.name));
    case 'holiday-invalid-date':
      return t('holidayProblemInvalidDate', holidayName(problem.name));
    case 'holiday-ends-before-start':
      return t('holidayProblemEndsBeforeStart', holidayName(problem.name));
    case 'holiday-outside-year':
      return t(problem.name === 'new-year' ? 'holidayProblemNewYearOutside' : 'holidayProblemOutsideYear', [holidayName(problem.name), String(year)]);
    case 'holiday-too-long':
      return t('holidayProblemTooLong', [holidayName(problem.name), String(problem.days), String(MAX_HOLIDAY_DAYS)]);
    case 'holiday-overlap':
      return t('holidayProblemOverlap', [holidayName(problem.other), holidayName(problem.name)]);
    case 'new-year-missing':
      return t('holidayProblemNewYearMissing', [holidayName('new-year'), String(year)]);
    case 'workday-invalid-date':
      return t('holidayProblemWorkdayInvalid', problem.text);
    case 'workday-outside-year':
      return t('holidayProblemWorkdayOutside', [day(problem.day), String(year)]);
    case 'workday-not-weekend':
      return t('holidayProblemWorkdayNotWeekend', day(problem.day));
    case 'workday-is-holiday':
      return t('holidayProblemWorkdayIsHoliday', [day(problem.day), holidayName(problem.name)]);
    case 'workday-duplicate':
      return t('holidayProblemWorkdayDuplicate', day(problem.day));
    case 'too-many-workdays':
      return t('holidayProblemTooManyWorkdays', [String(problem.count), String(MAX_MAKE_UP_DAYS)]);
  }
}
