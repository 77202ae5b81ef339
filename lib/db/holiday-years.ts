import * as z from 'zod/mini';
import { checkStoredNotice, holidayYearShape, type HolidayYear } from '../domain/holiday-year-schema';
import { openDatabase } from './database';
import { reportInvalid } from './invalid';

/**
 * The holidayYears store: one record per year the holiday table does not cover, keyed by the year
 * ("2027"). The dates are the State Council's, public and the same for everyone, so they are kept in
 * plaintext with the lock on and need no stamp; a backup carries them (lib/backup/stores.ts), so a
 * restored profile does not fall back to Monday–Friday guesses. Written only with every agreement's
 * reminders re-planned (save-holiday-year.ts).
 */

export const holidayYearRecordSchema = z.object({ id: z.string(), ...holidayYearShape, savedAt: z.int().check(z.nonnegative()) }).check(
  checkStoredNotice,
  z.superRefine((record, ctx) => {
    if (record.id !== String(record.year)) ctx.addIssue({ code: 'custom', message: 'id-not-year', path: ['id'], input: record.id });
  }),
);

export type HolidayYearRecord = HolidayYear & { id: string; savedAt: number };

/** Checks one stored row; undefined (reported) when it fails. */
export function checkHolidayYearRow(row: unknown): HolidayYearRecord | undefined {
  const parsed = holidayYearRecordSchema.safeParse(row);
  if (parsed.success) return parsed.data;
  reportInvalid('holidayYears', row, parsed.error);
  return undefined;
}

/** Every stored year, oldest first; a row that fails its schema is reported and left out (that year stays provisional). */
export async function loadHolidayYears(): Promise<HolidayYearRecord[]> {
  const rows: unknown[] = await (await openDatabase()).getAll('holidayYears');
  return rows.flatMap((row) => {
    const record = checkHolidayYearRow(row);
    return record ? [record] : [];
  }).sort((a, b) => a.year - b.year);
}
