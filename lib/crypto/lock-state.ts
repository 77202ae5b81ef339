import * as z from 'zod/mini';
import { base64Field, envelopeSchema } from './envelope';
import { keyHeaderSchema } from './passphrase-key';

/**
 * The at-rest lock's state, as pure rules over what is stored (docs/lock-design.md). Not wired
 * into storage yet: the background and pages will read `LockSettings` from storage.local and
 * `UnlockedSession` from storage.session, and ask these functions what to do.
 *
 * - Off: no passphrase; records are stored in plaintext.
 * - Locked: a passphrase is set and no key is held (browser restarted, auto-lock, "lock now").
 * - Unlocked: the key is in storage.session (memory only, gone when the browser closes) until the
 *   idle deadline, `autoLockMinutes` after the last activity.
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

/** storage.local: present once the user turned the lock on. */
export const lockSettingsSchema = z.object({
  v: z.literal(1),
  /** The passphrase's key parameters and check value: the passphrase itself is never stored. */
  key: keyHeaderSchema,
  /**
   * The random AES key that seals the records, sealed with the passphrase's key: a new passphrase
   * re-seals these 32 bytes, not every record.
   */
  dataKey: envelopeSchema,
  autoLockMinutes: z.int().check(z.gte(1), z.lte(24 * 60)),
});
export type LockSettings = z.infer<typeof lockSettingsSchema>;

/** storage.session while unlocked: the raw data key, and when the user was last active. */
export const unlockedSessionSchema = z.object({
  v: z.literal(1),
  rawKey: base64Field({ bytes: 32 }),
  unlockedAt: z.int().check(z.nonnegative()),
  lastActivityAt: z.int().check(z.nonnegative()),
});
export type UnlockedSession = z.infer<typeof unlockedSessionSchema>;

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
  const parsedSettings = lockSettingsSchema.safeParse(settings);
  if (!parsedSettings.success) return { kind: 'locked', reason: 'settings-invalid' };
  if (session === undefined || session === null) return { kind: 'locked', reason: 'no-session' };
  const parsedSession = unlockedSessionSchema.safeParse(session);
  if (!parsedSession.success) return { kind: 'locked', reason: 'session-invalid' };
  const deadline = idleDeadline(parsedSession.data, parsedSettings.data);
  if (now >= deadline) return { kind: 'locked', reason: 'idle' };
  return { kind: 'unlocked', session: parsedSession.data, idleDeadline: deadline };
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
