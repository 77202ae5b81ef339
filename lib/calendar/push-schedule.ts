import { browser } from 'wxt/browser';
import { runInOffscreen } from '../browser/offscreen';
import { CALENDAR_ACCOUNT_KEY, hasCalendarAccount } from './account';

/**
 * When the background pushes to the user's calendar: a short while after each change the write
 * path announces (several saves in a row make one push), on the sweep alarm, and when something the
 * events depend on changes in storage (the privacy choice, the reminder hour and lead times, the
 * account, the lock opening). Nothing is loaded, and nothing is asked of the network, while no
 * calendar is connected. Debounced with a timer, which the worker outlives: a push starts within
 * seconds of the event that woke it.
 */

export const PUSH_DEBOUNCE_MS = 2_000;

const TRIGGER_KEYS: Record<string, readonly string[]> = {
  local: ['calendarLeaveOutDetails', 'reminderSettings', CALENDAR_ACCOUNT_KEY],
  session: ['unlockedSession'],
};

let timer: ReturnType<typeof setTimeout> | null = null;

/**
 * Pushes once if a calendar is connected; errors end in the status the section shows. The push
 * itself runs in the offscreen document (lib/browser/offscreen.ts), at the time it starts there.
 */
export async function pushIfConnected(): Promise<void> {
  if (!(await hasCalendarAccount())) return;
  await runInOffscreen({ kind: 'push' });
}

/** Pushes in this context: the offscreen document's job. */
export async function pushHere(now: number): Promise<void> {
  const { pushCalendar } = await import('./push');
  await pushCalendar(now);
}

/** A push a moment from now; calls in between move it later. */
export function schedulePush(delayMs: number = PUSH_DEBOUNCE_MS): void {
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    pushIfConnected().catch((error: unknown) => console.error('Calendar push failed', error));
  }, delayMs);
}

/** Register synchronously in the background's main(). */
export function watchCalendarTriggers(): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (Object.keys(changes).some((key) => TRIGGER_KEYS[area]?.includes(key))) schedulePush();
  });
}
