import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { currentLockState, currentRecordKey, LockedError, lockKnownOff, LOCK_SETTINGS_KEY } from './state';
import { lockForTest, unlockedForTest } from './test-support';

describe('the lock as pages and the background read it', () => {
  it('is known off only once read, and no longer once the settings change', async () => {
    expect(lockKnownOff()).toBe(false);
    expect(await currentLockState()).toEqual({ kind: 'off' });
    expect(lockKnownOff()).toBe(true);
    expect(await currentRecordKey()).toBeNull();
    await fakeBrowser.storage.local.set({ [LOCK_SETTINGS_KEY]: { v: 1 } });
    expect(lockKnownOff()).toBe(false);
    // Unreadable settings count as locked, never as off.
    expect(await currentLockState()).toEqual({ kind: 'locked', reason: 'settings-invalid' });
    await expect(currentRecordKey()).rejects.toBeInstanceOf(LockedError);
  });

  it('gives the data key while unlocked, and refuses once locked or idle', async () => {
    const now = Date.now();
    const key = await unlockedForTest(now);
    const held = await currentRecordKey(now);
    expect(held?.algorithm).toEqual(key.algorithm);
    expect(held?.extractable).toBe(false);
    await expect(currentRecordKey(now + 15 * 60_000)).rejects.toBeInstanceOf(LockedError);
    await lockForTest();
    await expect(currentRecordKey(now)).rejects.toBeInstanceOf(LockedError);
  });
});
