/**
 * How often a page passes user input on as lock activity. The lock itself writes the time at most
 * once a minute (ACTIVITY_WRITE_INTERVAL_MS); pages call it less often than every keystroke so a
 * busy form does not read storage on each key, yet often enough that a minute of use is never
 * missed.
 */
export const ACTIVITY_REPORT_INTERVAL_MS = 15_000;

/**
 * A function to call on every input event: it passes the time on to `report` at most once per
 * `intervalMs` (the first event at once). Times are epoch ms parameters, never read here.
 */
export function throttleActivity(report: (now: number) => void, intervalMs = ACTIVITY_REPORT_INTERVAL_MS): (now: number) => void {
  let last: number | null = null;
  return (now) => {
    if (last !== null && now - last < intervalMs && now >= last) return;
    last = now;
    report(now);
  };
}
