import { browser } from 'wxt/browser';

/**
 * Every alarm this extension creates, by name, and the one function that creates them. IndexedDB
 * holds the reminders; alarms only wake the background, which dispatches each by its name
 * (entrypoints/background.ts keeps the table of handlers). Chrome allows 500 alarms; we use at most
 * three:
 * - next-due: the soonest pending reminder;
 * - sweep: every 15 minutes, in case an alarm was lost (Firefox drops alarms on restart, Chrome on
 *   update and on disable/enable);
 * - auto-lock: while unlocked, at the idle deadline, to forget the key (lib/lock/auto-lock.ts).
 */
export const ALARM_NEXT_DUE = 'next-due';
export const ALARM_SWEEP = 'sweep';
export const SWEEP_PERIOD_MINUTES = 15;
export const ALARM_AUTO_LOCK = 'auto-lock';

export const ALARM_NAMES = [ALARM_NEXT_DUE, ALARM_SWEEP, ALARM_AUTO_LOCK] as const;
export type AlarmName = (typeof ALARM_NAMES)[number];

export function isAlarmName(name: string): name is AlarmName {
  return (ALARM_NAMES as readonly string[]).includes(name);
}

/** Arms an alarm (an existing one of the same name is replaced): once at `when`, or every `periodInMinutes`. */
export async function scheduleAlarm(name: AlarmName, when: { when: number } | { periodInMinutes: number }): Promise<void> {
  await browser.alarms.create(name, when);
}

export async function cancelAlarm(name: AlarmName): Promise<void> {
  await browser.alarms.clear(name);
}
