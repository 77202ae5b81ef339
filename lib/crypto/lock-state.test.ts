import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './bytes';
import { open, openText, seal } from './envelope';
import {
  ACTIVITY_WRITE_INTERVAL_MS,
  autoLockDecision,
  AUTO_LOCK_MINUTES,
  DEFAULT_AUTO_LOCK_MINUTES,
  idleDeadline,
  lockSettingsSchema,
  lockStateOf,
  MIN_ALARM_DELAY_MS,
  newSession,
  recordActivity,
  type LockSettings,
} from './lock-state';
import { exportRawKey, importRawKey, newPassphraseKey, unlockPassphraseKey } from './passphrase-key';

const FAST = { unsafeTestIterations: 1_000 };
const NOW = Date.parse('2026-11-22T09:00:00+08:00');
const MINUTE = 60_000;

async function setUp() {
  const { key: passphraseKey, header } = await newPassphraseKey('一个足够长的测试口令 abc', FAST);
  // The data key: random, sealed with the passphrase's key.
  const dataKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  const raw = await exportRawKey(dataKey);
  if (raw === null) throw new Error('not extractable');
  const settings: LockSettings = { v: 1, key: header, dataKey: await seal(passphraseKey, base64ToBytes(raw)!, 'data-key'), autoLockMinutes: 15 };
  // Unlocking: the passphrase opens the data key, whose raw form goes to storage.session.
  const unlocked = await unlockPassphraseKey('一个足够长的测试口令 abc', settings.key, FAST);
  if (!unlocked.ok) throw new Error(unlocked.problem);
  const opened = await open(unlocked.value, settings.dataKey, 'data-key');
  if (!opened.ok) throw new Error(opened.problem);
  expect(bytesToBase64(opened.value)).toBe(raw);
  return { settings, key: dataKey, raw };
}

describe('lock state', () => {
  it('is off without settings, locked without a session, unlocked until the idle deadline', async () => {
    const { settings, raw } = await setUp();
    expect(lockStateOf(undefined, undefined, NOW)).toEqual({ kind: 'off' });
    expect(lockStateOf(settings, undefined, NOW)).toEqual({ kind: 'locked', reason: 'no-session' });
    const session = newSession(raw, NOW);
    expect(lockStateOf(settings, session, NOW)).toEqual({ kind: 'unlocked', session, idleDeadline: NOW + 15 * MINUTE });
    expect(lockStateOf(settings, session, NOW + 15 * MINUTE - 1).kind).toBe('unlocked');
    expect(lockStateOf(settings, session, NOW + 15 * MINUTE)).toEqual({ kind: 'locked', reason: 'idle' });
    expect(lockStateOf({ ...settings, autoLockMinutes: 60 }, session, NOW + 15 * MINUTE).kind).toBe('unlocked');
  });

  it('settings marked as converting (records not all sealed yet) are read like any other', async () => {
    const { settings, raw } = await setUp();
    const converting = { ...settings, converting: true };
    expect(lockSettingsSchema.parse(converting).converting).toBe(true);
    expect(lockSettingsSchema.parse(settings).converting).toBeUndefined();
    expect(lockStateOf(converting, newSession(raw, NOW), NOW).kind).toBe('unlocked');
    expect(lockStateOf(converting, undefined, NOW)).toEqual({ kind: 'locked', reason: 'no-session' });
    // Unlocking checks the settings in full: only `true` marks a conversion.
    expect(lockSettingsSchema.safeParse({ ...settings, converting: 'yes' }).success).toBe(false);
  });

  it('unreadable settings or sessions count as locked, never as off', async () => {
    const { settings, raw } = await setUp();
    expect(lockStateOf({ v: 1 }, newSession(raw, NOW), NOW)).toEqual({ kind: 'locked', reason: 'settings-invalid' });
    expect(lockStateOf({ ...settings, autoLockMinutes: 0 }, newSession(raw, NOW), NOW)).toEqual({ kind: 'locked', reason: 'settings-invalid' });
    expect(lockStateOf(settings, { ...newSession(raw, NOW), rawKey: 'AAAA' }, NOW)).toEqual({ kind: 'locked', reason: 'session-invalid' });
    expect(lockStateOf(settings, 'key', NOW)).toEqual({ kind: 'locked', reason: 'session-invalid' });
  });

  it('activity moves the deadline, written at most once a minute', async () => {
    const { settings, raw } = await setUp();
    const session = newSession(raw, NOW);
    expect(recordActivity(session, NOW + ACTIVITY_WRITE_INTERVAL_MS - 1)).toBeNull();
    const later = recordActivity(session, NOW + 10 * MINUTE);
    expect(later?.lastActivityAt).toBe(NOW + 10 * MINUTE);
    expect(later?.unlockedAt).toBe(NOW);
    expect(idleDeadline(later!, settings)).toBe(NOW + 25 * MINUTE);
    expect(lockStateOf(settings, later, NOW + 20 * MINUTE).kind).toBe('unlocked');
  });

  it('the auto-lock alarm locks once idle, else checks again at the new deadline (never sooner than the browser allows)', async () => {
    const { settings, raw } = await setUp();
    const session = newSession(raw, NOW);
    expect(autoLockDecision(settings, null, NOW)).toEqual({ action: 'lock' });
    expect(autoLockDecision(settings, session, NOW + 15 * MINUTE)).toEqual({ action: 'lock' });
    const active = recordActivity(session, NOW + 14 * MINUTE)!;
    expect(autoLockDecision(settings, active, NOW + 15 * MINUTE)).toEqual({ action: 'check-again', armAt: NOW + 29 * MINUTE });
    expect(autoLockDecision(settings, active, NOW + 29 * MINUTE - 1_000)).toEqual({ action: 'check-again', armAt: NOW + 29 * MINUTE - 1_000 + MIN_ALARM_DELAY_MS });
  });

  it('offers the default among its choices', () => {
    expect(AUTO_LOCK_MINUTES).toContain(DEFAULT_AUTO_LOCK_MINUTES);
  });
});

describe('the key kept while unlocked', () => {
  it('round-trips through its raw form and opens what the derived key sealed', async () => {
    const { key, raw } = await setUp();
    const sealed = await seal(key, '借呗 1234.56');
    const restored = await importRawKey(raw);
    expect(restored?.extractable).toBe(false);
    expect(await openText(restored!, sealed)).toEqual({ ok: true, value: '借呗 1234.56' });
    expect(await exportRawKey(restored!)).toBeNull();
    expect(await importRawKey('AAAA')).toBeNull();
  });
});
