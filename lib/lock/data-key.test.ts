import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openText, seal } from '../crypto/envelope';
import { DATA_KEY_AAD, type LockSettings } from '../crypto/lock-state';
import { exportRawKey, newPassphraseKey, unlockPassphraseKey } from '../crypto/passphrase-key';
import { LOCK_SETTINGS_KEY, resetLockCache } from '../keys/state';
import { lockNow, turnOnLock, unlock } from './actions';

const FAST = { unsafeTestIterations: 1_000 };
const PASSPHRASE = 'correct horse battery staple';
const NOW = Date.parse('2026-11-20T10:00:00+08:00');

async function settings(): Promise<LockSettings> {
  return (await fakeBrowser.storage.local.get(LOCK_SETTINGS_KEY))[LOCK_SETTINGS_KEY] as LockSettings;
}

describe('the data key\u2019s envelope', () => {
  it('is bound to its place: it opens with its associated data only', async () => {
    expect(await turnOnLock(PASSPHRASE, 15, NOW, FAST)).toEqual({ ok: true });
    const stored = await settings();
    const key = await unlockPassphraseKey(PASSPHRASE, stored.key, FAST);
    if (!key.ok) throw new Error('passphrase refused');
    expect((await openText(key.value, stored.dataKey, DATA_KEY_AAD)).ok).toBe(true);
    // Moved anywhere else (another associated data, or none), it does not open.
    expect(await openText(key.value, stored.dataKey, 'repay-companion/encrypted-backup/v1')).toEqual({ ok: false, problem: 'failed' });
    expect(await openText(key.value, stored.dataKey)).toEqual({ ok: false, problem: 'failed' });
  });

  it('sealed before it was bound, still unlocks, and is sealed again bound', async () => {
    // What an earlier build wrote: the data key sealed with no associated data.
    const { key, header } = await newPassphraseKey(PASSPHRASE, FAST);
    const dataKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
    const raw = await exportRawKey(dataKey);
    if (raw === null) throw new Error('key not extractable');
    await fakeBrowser.storage.local.set({ [LOCK_SETTINGS_KEY]: { v: 1, key: header, dataKey: await seal(key, raw), autoLockMinutes: 15 } });
    resetLockCache();
    await lockNow();

    expect(await unlock(PASSPHRASE, NOW, FAST)).toEqual({ ok: true });
    const after = await settings();
    expect(await openText(key, after.dataKey, DATA_KEY_AAD)).toEqual({ ok: true, value: raw });
    expect(await openText(key, after.dataKey)).toEqual({ ok: false, problem: 'failed' });
    // And it unlocks again.
    await lockNow();
    expect(await unlock(PASSPHRASE, NOW, FAST)).toEqual({ ok: true });
    expect(await unlock('a wrong passphrase entirely', NOW, FAST)).toEqual({ ok: false, problem: 'wrong-passphrase' });
  });
});
