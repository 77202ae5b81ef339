/**
 * Every alarm this extension creates. IndexedDB holds the reminders; alarms only wake the
 * background: one for the next due reminder, one periodic sweep in case an alarm was lost
 * (Firefox drops alarms on restart, Chrome on update and on disable/enable).
 */
export const ALARM_NEXT_DUE = 'next-due';
export const ALARM_SWEEP = 'sweep';
export const SWEEP_PERIOD_MINUTES = 15;
/** While unlocked: fires at the idle deadline to forget the key (lib/lock/auto-lock.ts). */
export const ALARM_AUTO_LOCK = 'auto-lock';
