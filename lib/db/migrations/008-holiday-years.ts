import type { Migration } from './index';

/**
 * Version 8: the official holidays of years the holiday table does not cover yet, as the user typed
 * them from the State Council's notice, one record per year (id: the year, "2027").
 */
export const migration008HolidayYears: Migration = (db) => {
  db.createObjectStore('holidayYears', { keyPath: 'id' });
};
