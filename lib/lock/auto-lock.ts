import { browser } from 'wxt/browser';
import { lockStateOf, MIN_ALARM_DELAY_MS } from '../crypto/lock-rules';
import { ALARM_AUTO_LOCK, cancelAlarm, scheduleAlarm } from '../browser/alarms';
import { dropPlaintextDrafts, sealStashedDrafts } from '../keys/draft-stash';
import { LOCK_SETTINGS_KEY, UNLOCKED_SESSION_KEY } from '../keys/state';

/**
 * The background's side of auto-lock (docs/lock-design.md): an alarm at the idle deadline forgets
 * the key. Run at start, when the alarm fires and whenever the lock's storage changes (unlocked,
 * activity noted, settings changed), so the alarm always stands at the current deadline.
 * Pages also check the deadline before each read, so a late or lost alarm never leaves data open.
 */
export async function checkAutoLock(now: number): Promise<'off' | 'locked' | 'unlocked'> {
  const [local, session] = await Promise.all([
    browser.storage.local.get(LOCK_SETTINGS_KEY),
    browser.storage.session.get(UNLOCKED_SESSION_KEY),
  ]);
  const state = lockStateOf(local[LOCK_SETTINGS_KEY], session[UNLOCKED_SESSION_KEY], now);
  if (state.kind === 'unlocked') {
    // Never sooner than the browser honours; the deadline itself is checked again when it fires.
    await scheduleAlarm(ALARM_AUTO_LOCK, { when: Math.max(state.idleDeadline, now + MIN_ALARM_DELAY_MS) });
    return 'unlocked';
  }
  await cancelAlarm(ALARM_AUTO_LOCK);
  // Past the deadline (or the settings are unreadable): the key must not outlive it. Not while the
  // lock is off: turning it on writes the session just before the settings (lib/lock/actions.ts),
  // and turning it off removes the session itself.
  if (state.kind === 'off') return 'off';
  // A side-panel draft waiting in storage.session (lib/keys/draft-stash.ts) is sealed with the key
  // before it goes; one found in plaintext with no key left is removed.
  if (session[UNLOCKED_SESSION_KEY] !== undefined) {
    await sealStashedDrafts().catch((error: unknown) => console.warn('A kept draft could not be sealed.', error));
    await browser.storage.session.remove(UNLOCKED_SESSION_KEY);
  }
  await dropPlaintextDrafts().catch(() => undefined);
  return 'locked';
}

/** Whether a change in storage concerns the lock. */
export function isLockChange(changes: Record<string, unknown>, area: string): boolean {
  return (area === 'local' && LOCK_SETTINGS_KEY in changes) || (area === 'session' && UNLOCKED_SESSION_KEY in changes);
}
