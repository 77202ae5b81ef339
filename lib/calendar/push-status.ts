import * as z from 'zod/mini';
import { browser } from 'wxt/browser';

/**
 * What the last push to the user's calendar did, for the Calendar section ("12 events up to date,
 * 2 minutes ago") and for the background's back-off. No personal data: counts, times, the kind of
 * error. Plain in storage.local, readable while locked.
 */

export const CALENDAR_STATUS_KEY = 'calendarStatus';

export const PUSH_PROBLEMS = ['unauthorized', 'forbidden', 'not-caldav', 'network', 'server', 'bad-response', 'busy', 'permission'] as const;
export type PushProblem = (typeof PUSH_PROBLEMS)[number];

const statusSchema = z.object({
  /** When the last push ended. */
  at: z.number(),
  /** The last push that succeeded, and how many events the calendar had of ours then. */
  okAt: z.nullable(z.number()),
  events: z.nullable(z.number()),
  problem: z.nullable(z.object({ kind: z.enum(PUSH_PROBLEMS), status: z.nullable(z.number()) })),
  /** Failures in a row, for the back-off. */
  failures: z.number(),
  /** Not before this (a 429/503's Retry-After, or the back-off after no answer); automatic pushes wait. */
  notBefore: z.nullable(z.number()),
});

export type PushStatus = z.infer<typeof statusSchema>;

export async function loadPushStatus(): Promise<PushStatus | null> {
  const stored = (await browser.storage.local.get(CALENDAR_STATUS_KEY))[CALENDAR_STATUS_KEY];
  const parsed = statusSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export async function savePushStatus(status: PushStatus): Promise<void> {
  await browser.storage.local.set({ [CALENDAR_STATUS_KEY]: statusSchema.parse(status) });
}

export async function clearPushStatus(): Promise<void> {
  await browser.storage.local.remove(CALENDAR_STATUS_KEY);
}

/** Calls `listener` whenever the status changes in any page or the background. Returns the way to stop. */
export function watchPushStatus(listener: (status: PushStatus | null) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(CALENDAR_STATUS_KEY in changes)) return;
    const parsed = statusSchema.safeParse(changes[CALENDAR_STATUS_KEY].newValue);
    listener(parsed.success ? parsed.data : null);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
