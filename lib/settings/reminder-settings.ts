import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import { DEFAULT_EXTRA_LEAD_DAYS, leadDaysSchema, sortLeadDays } from '../domain/lead-days-schema';
import type { MilestoneSettings } from '../domain/milestones';
import { isMinuteInWindow } from '../domain/quiet-hours';

/**
 * The user's reminder settings, in browser.storage.local. Read by the background on every
 * reconcile, so this module must stay light: it names the milestone settings by type only and
 * repeats their defaults (a test checks they agree with DEFAULT_MILESTONE_SETTINGS), because
 * importing the milestone engine would pull the holiday table into the background.
 *
 * A stored value that is missing or out of range falls back to its default field by field: a
 * corrupted or older setting must never silence reminders.
 */
export const REMINDER_SETTINGS_KEY = 'reminderSettings';

/** The lead times a user may change; the rest of MilestoneSettings are facts, not preferences. */
export type LeadTimes = Pick<
  MilestoneSettings,
  'decideMonthsBefore' | 'contactDaysBefore' | 'depositFromDaysBefore' | 'depositUntilDaysBefore' | 'transferHoursBefore'
>;

export interface ReminderSettings {
  /** Local hour (0–23) at which a day's reminders are shown. */
  reminderHour: number;
  quietHoursEnabled: boolean;
  /** Minutes after local midnight; the window may wrap midnight (22:00–08:00). */
  quietStartMinute: number;
  quietEndMinute: number;
  leadTimes: LeadTimes;
  /** Extra reminders this many days before each due date, largest first (see lead-days.ts). */
  extraLeadDays: number[];
}

export const DEFAULT_LEAD_TIMES: Readonly<LeadTimes> = {
  decideMonthsBefore: 1,
  contactDaysBefore: 7,
  depositFromDaysBefore: 5,
  depositUntilDaysBefore: 3,
  transferHoursBefore: 48,
};

export const DEFAULT_REMINDER_SETTINGS: Readonly<ReminderSettings> = {
  reminderHour: 9,
  quietHoursEnabled: true,
  quietStartMinute: 22 * 60,
  quietEndMinute: 8 * 60,
  leadTimes: DEFAULT_LEAD_TIMES,
  extraLeadDays: [...DEFAULT_EXTRA_LEAD_DAYS],
};

/** Bounds of each lead time, the same as the milestone engine's sanity limits. */
export const LEAD_TIME_LIMITS: Record<keyof LeadTimes, readonly [min: number, max: number]> = {
  decideMonthsBefore: [0, 12],
  contactDaysBefore: [0, 90],
  depositFromDaysBefore: [0, 60],
  depositUntilDaysBefore: [0, 60],
  transferHoursBefore: [0, 24 * 30],
};

const intIn = (min: number, max: number, fallback: number) =>
  z.catch(z.int().check(z.minimum(min), z.maximum(max)), fallback);

const leadTimesSchema = z.object(
  Object.fromEntries(
    (Object.keys(LEAD_TIME_LIMITS) as (keyof LeadTimes)[]).map((key) => {
      const [min, max] = LEAD_TIME_LIMITS[key];
      return [key, intIn(min, max, DEFAULT_LEAD_TIMES[key])];
    }),
  ) as Record<keyof LeadTimes, ReturnType<typeof intIn>>,
);

const MINUTES_PER_DAY = 24 * 60;

export const reminderSettingsSchema = z.object({
  reminderHour: intIn(0, 23, DEFAULT_REMINDER_SETTINGS.reminderHour),
  quietHoursEnabled: z.catch(z.boolean(), DEFAULT_REMINDER_SETTINGS.quietHoursEnabled),
  quietStartMinute: intIn(0, MINUTES_PER_DAY - 1, DEFAULT_REMINDER_SETTINGS.quietStartMinute),
  quietEndMinute: intIn(0, MINUTES_PER_DAY - 1, DEFAULT_REMINDER_SETTINGS.quietEndMinute),
  leadTimes: z.catch(leadTimesSchema, { ...DEFAULT_LEAD_TIMES }),
  // A bad list (a day out of range, a repeat, too many) is replaced whole: a half-kept list would
  // be a list the user never typed.
  extraLeadDays: z.catch(leadDaysSchema, () => [...DEFAULT_EXTRA_LEAD_DAYS]),
});

/** Reads any stored value into valid settings: every bad or missing field becomes its default. */
export function parseReminderSettings(value: unknown): ReminderSettings {
  const object = typeof value === 'object' && value !== null ? value : {};
  const parsed = reminderSettingsSchema.parse(object);
  const lead = parsed.leadTimes;
  // The deposit window must open before it closes; if not, both go back to their defaults.
  const leadTimes =
    lead.depositFromDaysBefore >= lead.depositUntilDaysBefore
      ? lead
      : {
          ...lead,
          depositFromDaysBefore: DEFAULT_LEAD_TIMES.depositFromDaysBefore,
          depositUntilDaysBefore: DEFAULT_LEAD_TIMES.depositUntilDaysBefore,
        };
  return { ...parsed, leadTimes, extraLeadDays: sortLeadDays(parsed.extraLeadDays) };
}

export type SettingsProblem = 'deposit-window' | 'hour-in-quiet-hours' | 'quiet-hours-empty';

/**
 * What the settings page refuses to save (reading never refuses: it falls back instead).
 * A reminder hour inside quiet hours would make every reminder wait for the next morning.
 */
export function checkReminderSettings(settings: ReminderSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const { leadTimes: lead } = settings;
  if (lead.depositFromDaysBefore < lead.depositUntilDaysBefore) problems.push('deposit-window');
  if (settings.quietHoursEnabled) {
    if (settings.quietStartMinute === settings.quietEndMinute) problems.push('quiet-hours-empty');
    else if (isMinuteInWindow(settings.reminderHour * 60, settings.quietStartMinute, settings.quietEndMinute)) {
      problems.push('hour-in-quiet-hours');
    }
  }
  return problems;
}

export async function loadReminderSettings(): Promise<ReminderSettings> {
  const stored = await browser.storage.local.get(REMINDER_SETTINGS_KEY);
  return parseReminderSettings(stored[REMINDER_SETTINGS_KEY]);
}

export async function saveReminderSettings(settings: ReminderSettings): Promise<ReminderSettings> {
  const clean = parseReminderSettings(settings);
  await browser.storage.local.set({ [REMINDER_SETTINGS_KEY]: clean });
  return clean;
}

/** "08:30" for a minute of the day: 24-hour, in every language. */
export function formatMinuteOfDay(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Quiet hours start and end on the hour or the half hour. */
const QUIET_TIME_STEP = 30;

/**
 * The times a quiet-hours field offers, as minutes of the day in order: every half hour, and the
 * saved one if it is between them (set by an older version or a restored backup), so that showing
 * the form never changes a setting.
 */
export function quietTimeChoices(saved: number): number[] {
  const steps = Array.from({ length: (24 * 60) / QUIET_TIME_STEP }, (_, index) => index * QUIET_TIME_STEP);
  return steps.includes(saved) ? steps : [...steps, saved].sort((a, b) => a - b);
}
