import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DATA_KEY_AAD, newSession, type LockSettings } from '../crypto/lock-state';
import { seal } from '../crypto/envelope';
import { exportRawKey, newPassphraseKey } from '../crypto/passphrase-key';
import { LOCK_SETTINGS_KEY, UNLOCKED_SESSION_KEY, resetLockCache } from './state';

/**
 * Unit tests only: the lock turned on and unlocked in the fake browser's storage, with a data key
 * and a passphrase key derived with few iterations. Returns the data key. Records already stored
 * are left as they are (tests that need them sealed write them after).
 */
export async function unlockedForTest(now = Date.now()): Promise<CryptoKey> {
  const { key: passphraseKey, header } = await newPassphraseKey('correct horse battery', { unsafeTestIterations: 1_000 });
  const dataKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  const raw = await exportRawKey(dataKey);
  if (raw === null) throw new Error('test key not extractable');
  const settings: LockSettings = { v: 1, key: header, dataKey: await seal(passphraseKey, raw, DATA_KEY_AAD), autoLockMinutes: 15 };
  await fakeBrowser.storage.local.set({ [LOCK_SETTINGS_KEY]: settings });
  await fakeBrowser.storage.session.set({ [UNLOCKED_SESSION_KEY]: newSession(raw, now) });
  resetLockCache();
  return dataKey;
}

/** Unit tests only: forgets the held key, as the browser closing or auto-lock would. */
export async function lockForTest(): Promise<void> {
  await fakeBrowser.storage.session.remove(UNLOCKED_SESSION_KEY);
  resetLockCache();
}
