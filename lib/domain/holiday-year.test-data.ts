import type { HolidayYearDraft } from './holiday-year';

/**
 * Made-up dates in the shape of a State Council notice for 2027 (the real one is not in
 * DOMAIN.md): used to test the rules, never shipped as a default.
 */
export const MADE_UP_2027: HolidayYearDraft = {
  year: 2027,
  holidays: [
    { name: 'new-year', from: '2027-01-01', to: '2027-01-03' },
    { name: 'spring-festival', from: '2027-02-06', to: '2027-02-13' },
    { name: 'qingming', from: '2027-04-03', to: '2027-04-05' },
    { name: 'labour-day', from: '2027-05-01', to: '2027-05-05' },
    { name: 'dragon-boat', from: '2027-06-09', to: '2027-06-11' },
    { name: 'mid-autumn', from: '', to: '' },
    { name: 'national-day', from: '2027-10-01', to: '2027-10-07' },
  ],
  workdays: ['2027-02-20', '', '2027-05-08', '2027-09-26', '2027-10-09'],
};
