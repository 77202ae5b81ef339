import type { LockSettings, UnlockedSession } from './lock-state';

/**
 * The at-rest lock's state, as pure rules over what is stored (docs/lock-design.md). The background
 * and every page ask them before reading records, so they carry no zod and no crypto: the stored
 * values are checked by hand for what the rules use. Unlocking checks the settings in full
 * (lockSettingsSchema in lock-state.ts).
 *
 * Times are epoch ms parameters, never read from a clock here.
 */

/** What the options page will offer for "lock after … without use". */
export const AUTO_LOCK_MINUTES = [5, 15, 30, 60, 240] as const;
export const DEFAULT_AUTO_LOCK_MINUTES = 15;
const MINUTE = 60_000;
/**
 * Activity moves the deadline, but is written to storage.session at most this often (not on every
 * keystroke). The deadline can thus come up to this much early, never late.
 */
export const ACTIVITY_WRITE_INTERVAL_MS = MINUTE;
/** Chrome clamps alarms of packed extensions to 30 s; a check sooner than that cannot be armed. */
export const MIN_ALARM_DELAY_MS = 30_000;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isTime = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
/** Canonical base64 of 32 bytes: what a raw AES-256 key is written as. */
const RAW_KEY = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

/** What the rules need of the settings: the auto-lock time, and the two sealed parts present. */
function settingsOutline(value: unknown): value is Pick<LockSettings, 'autoLockMinutes'> {
  return (
    isObject(value) &&
    value.v === 1 &&
    isObject(value.key) &&
    isObject(value.dataKey) &&
    Number.isInteger(value.autoLockMinutes) &&
    (value.autoLockMinutes as number) >= 1 &&
    (value.autoLockMinutes as number) <= 24 * 60
  );
}

function sessionShape(value: unknown): value is UnlockedSession {
  return isObject(value) && value.v === 1 && typeof value.rawKey === 'string' && RAW_KEY.test(value.rawKey) && isTime(value.unlockedAt) && isTime(value.lastActivityAt);
}

export type LockState =
  | { kind: 'off' }
  | { kind: 'locked'; reason: 'no-session' | 'idle' | 'session-invalid' | 'settings-invalid' }
  | { kind: 'unlocked'; session: UnlockedSession; idleDeadline: number };

/**
 * Unreadable settings count as locked, never as off: falling back to "off" would make pages write
 * plaintext next to sealed records.
 */
export function lockStateOf(settings: unknown, session: unknown, now: number): LockState {
  if (settings === undefined || settings === null) return { kind: 'off' };
  if (!settingsOutline(settings)) return { kind: 'locked', reason: 'settings-invalid' };
  if (session === undefined || session === null) return { kind: 'locked', reason: 'no-session' };
  if (!sessionShape(session)) return { kind: 'locked', reason: 'session-invalid' };
  const deadline = idleDeadline(session, settings);
  if (now >= deadline) return { kind: 'locked', reason: 'idle' };
  return { kind: 'unlocked', session, idleDeadline: deadline };
}

export function idleDeadline(session: UnlockedSession, settings: Pick<LockSettings, 'autoLockMinutes'>): number {
  return session.lastActivityAt + settings.autoLockMinutes * MINUTE;
}

/** A session for a key just unlocked. */
export function newSession(rawKey: string, now: number): UnlockedSession {
  return { v: 1, rawKey, unlockedAt: now, lastActivityAt: now };
}

/**
 * The session to write after user activity at `now`, or null when nothing needs writing (written
 * less than ACTIVITY_WRITE_INTERVAL_MS ago). Activity never revives a session past its deadline:
 * the caller must check the state first.
 */
export function recordActivity(session: UnlockedSession, now: number): UnlockedSession | null {
  return now - session.lastActivityAt >= ACTIVITY_WRITE_INTERVAL_MS ? { ...session, lastActivityAt: now } : null;
}

/**
 * What the auto-lock alarm should do when it fires at `now`: lock (forget the key), or check again
 * later because there was activity since it was armed. `armAt` is never sooner than the browser
 * can honour.
 */
export function autoLockDecision(
  settings: Pick<LockSettings, 'autoLockMinutes'>,
  session: UnlockedSession | null,
  now: number,
): { action: 'lock' } | { action: 'check-again'; armAt: number } {
  if (!session) return { action: 'lock' };
  const deadline = idleDeadline(session, settings);
  if (now >= deadline) return { action: 'lock' };
  return { action: 'check-again', armAt: Math.max(deadline, now + MIN_ALARM_DELAY_MS) };
}
