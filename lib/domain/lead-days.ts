import { MAX_LEAD_DAY, MAX_LEAD_DAYS, MIN_LEAD_DAY, sortLeadDays } from './lead-days-schema';
import { err, ok, type Result } from './result';

/**
 * Extra reminders "N days before each due date", on top of the milestones (7, 5, 2 days before and
 * the day itself). A list of whole days, typed by the user as text ("7, 3, 1"), either once in the
 * settings for every agreement or on one agreement instead of the settings' list. The stored shape
 * (and the default) is in lead-days-schema.ts, which the background and the popup's first screen
 * load; this module is for the pages that read what the user typed.
 */
export {
  DEFAULT_EXTRA_LEAD_DAYS,
  leadDaysSchema,
  MAX_LEAD_DAY,
  MAX_LEAD_DAYS,
  MIN_LEAD_DAY,
  sortLeadDays,
} from './lead-days-schema';

export type LeadDaysError =
  /** A part that is not a whole number ("x", "1.5"), as typed. */
  | { code: 'not-a-number'; part: string }
  /** A whole number outside MIN_LEAD_DAY–MAX_LEAD_DAY. */
  | { code: 'out-of-range'; part: string }
  /** More than MAX_LEAD_DAYS different days. */
  | { code: 'too-many'; count: number };

/** Commas (also the Chinese ，and 、), semicolons and spaces separate the days. */
const SEPARATORS = /[\s,，、;；]+/u;

/**
 * Reads "7, 3, 1" (or "7、3、1", "７，３", "7天 3天") into distinct days, largest first. Empty text is
 * an empty list. The first bad part is named in the error, so the message can point at it.
 */
export function parseLeadDays(text: string): Result<number[], LeadDaysError> {
  // NFKC turns full-width digits and punctuation (typed with a Chinese input method) into ASCII.
  const parts = text
    .normalize('NFKC')
    .replace(/天/gu, ' ')
    .split(SEPARATORS)
    .filter((part) => part !== '');
  const days = new Set<number>();
  for (const part of parts) {
    if (!/^[+-]?\d+$/u.test(part)) return err({ code: 'not-a-number', part });
    const value = Number(part);
    if (value < MIN_LEAD_DAY || value > MAX_LEAD_DAY) return err({ code: 'out-of-range', part });
    days.add(value);
  }
  if (days.size > MAX_LEAD_DAYS) return err({ code: 'too-many', count: days.size });
  return ok(sortLeadDays(days));
}

/** "7, 3, 1": how a list is shown in a text field, and read back by parseLeadDays. */
export function formatLeadDays(days: readonly number[]): string {
  return sortLeadDays(days).join(', ');
}
