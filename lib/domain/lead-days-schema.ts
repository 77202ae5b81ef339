import * as z from 'zod/mini';

/**
 * The stored shape of extra lead days ("remind me N days before each due date"): in the settings
 * and on an agreement. Apart from the parsing in lead-days.ts, because the background (settings)
 * and the popup's first screen (agreement records) read these, and only the forms parse text.
 */

export const MIN_LEAD_DAY = 0;
/** The same bound as the "contact the lender" lead time: further ahead, the decide step covers it. */
export const MAX_LEAD_DAY = 90;
/** More than this would be a daily nag rather than a reminder. */
export const MAX_LEAD_DAYS = 8;

/**
 * The default: one day before. With the default milestones a payment already has reminders 7 days,
 * 5 days (deposit window) and 2 days (last safe transfer) before and on the day; the day before is
 * the one left free, and the one people expect ("due tomorrow"), so it never doubles up a day.
 */
export const DEFAULT_EXTRA_LEAD_DAYS: readonly number[] = [1];

export const leadDaysSchema = z.array(z.int().check(z.minimum(MIN_LEAD_DAY), z.maximum(MAX_LEAD_DAY))).check(
  z.maxLength(MAX_LEAD_DAYS),
  z.refine((days) => new Set(days).size === days.length, { message: 'lead-days-not-unique' }),
);

/** Distinct days, largest (earliest reminder) first: the order they are read in. */
export function sortLeadDays(days: Iterable<number>): number[] {
  return [...new Set(days)].sort((a, b) => b - a);
}

/**
 * One agreement's own reminder choices: switched off altogether (an agreement the user tracks
 * elsewhere, or one the lender debits automatically), or its own extra lead days instead of the
 * settings' list. Absent means "as in the settings". Off silences reminders only: the agreement is
 * still due, so it still counts on the toolbar badge and sits in its urgency group.
 */
export const agreementRemindersSchema = z.object({
  off: z.optional(z.boolean()),
  /** Replaces the settings' extra lead days for this agreement; [] means no extra reminders. */
  leadDays: z.optional(leadDaysSchema),
});
export type AgreementReminders = z.infer<typeof agreementRemindersSchema>;
