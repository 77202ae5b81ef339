import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ALARM_AUTO_LOCK } from '../browser/alarms';
import { checkAutoLock } from './auto-lock';
import { LOCK_SETTINGS_KEY, UNLOCKED_SESSION_KEY } from '../keys/state';
import { unlockedForTest } from '../keys/test-support';

const MINUTE = 60_000;
const t0 = 1_800_000_000_000;

describe('auto-lock', () => {
  it('does nothing while the lock is off', async () => {
    expect(await checkAutoLock(t0)).toBe('off');
    expect(await fakeBrowser.alarms.get(ALARM_AUTO_LOCK)).toBeUndefined();
  });

  it('leaves a key alone while the settings are not written yet (the lock is being turned on)', async () => {
    await unlockedForTest(t0);
    await fakeBrowser.storage.local.remove(LOCK_SETTINGS_KEY);
    expect(await checkAutoLock(t0)).toBe('off');
    expect((await fakeBrowser.storage.session.get(UNLOCKED_SESSION_KEY))[UNLOCKED_SESSION_KEY]).toBeDefined();
  });

  it('arms the alarm at the idle deadline, and forgets the key once it has passed', async () => {
    await unlockedForTest(t0);
    expect(await checkAutoLock(t0 + MINUTE)).toBe('unlocked');
    expect((await fakeBrowser.alarms.get(ALARM_AUTO_LOCK))?.scheduledTime).toBe(t0 + 15 * MINUTE);
    expect(await checkAutoLock(t0 + 15 * MINUTE)).toBe('locked');
    expect((await fakeBrowser.storage.session.get(UNLOCKED_SESSION_KEY))[UNLOCKED_SESSION_KEY]).toBeUndefined();
    expect(await fakeBrowser.alarms.get(ALARM_AUTO_LOCK)).toBeUndefined();
  });

  it('follows activity, and never arms sooner than 30 seconds ahead', async () => {
    await unlockedForTest(t0);
    const session = (await fakeBrowser.storage.session.get(UNLOCKED_SESSION_KEY))[UNLOCKED_SESSION_KEY] as { lastActivityAt: number };
    await fakeBrowser.storage.session.set({ [UNLOCKED_SESSION_KEY]: { ...session, lastActivityAt: t0 + 10 * MINUTE } });
    expect(await checkAutoLock(t0 + 14 * MINUTE)).toBe('unlocked');
    expect((await fakeBrowser.alarms.get(ALARM_AUTO_LOCK))?.scheduledTime).toBe(t0 + 25 * MINUTE);
    expect(await checkAutoLock(t0 + 25 * MINUTE - 1_000)).toBe('unlocked');
    expect((await fakeBrowser.alarms.get(ALARM_AUTO_LOCK))?.scheduledTime).toBe(t0 + 25 * MINUTE - 1_000 + 30_000);
  });
});
