import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resealAll } from '../lock/convert';
import { lockForTest, unlockedForTest } from '../keys/test-support';
import { LockedError } from '../keys/state';
import { leaveSync, loadAccount, loadAccountPlace, saveAccount, SYNC_ACCOUNT_KEY, SYNC_DEVICE_NAMES_KEY, SYNC_SECRET_KEY, type SyncAccount } from './account';
import { resolveVault } from './presets';
import { SYNC_STATUS_KEY } from './status';

let granted: Set<string>;

beforeEach(() => {
  granted = new Set(['http://127.0.0.1/*']);
  Object.assign(fakeBrowser.permissions, {
    contains: ({ origins = [] }: { origins?: string[] }) => Promise.resolve(origins.every((origin) => granted.has(origin))),
    remove: ({ origins = [] }: { origins?: string[] }) => Promise.resolve(origins.map((origin) => granted.delete(origin)).every(Boolean)),
  });
});

function anAccount(): SyncAccount {
  const input = { kind: 'webdav', url: 'http://127.0.0.1:8080/dav/vault/' } as const;
  const resolved = resolveVault(input);
  if (!resolved.ok) throw new Error(resolved.error);
  return {
    input,
    location: resolved.location,
    username: 'amy',
    password: '同步服务器的密码',
    vaultId: 'a'.repeat(32),
    deviceId: 'b'.repeat(32),
    deviceName: '办公室电脑',
    rawSyncKey: new Uint8Array(32).fill(7),
    joinedAt: Date.now(),
  };
}

const stored = async (key: string): Promise<unknown> => (await fakeBrowser.storage.local.get(key))[key];

describe('the sync account', () => {
  it('is kept in storage.local and read back whole while the lock is off, the secrets in plaintext there', async () => {
    expect(await loadAccount()).toEqual({ kind: 'none' });
    await saveAccount(anAccount());
    const loaded = await loadAccount();
    expect(loaded.kind).toBe('ready');
    if (loaded.kind !== 'ready') return;
    expect(loaded.account.password).toBe('同步服务器的密码');
    expect([...loaded.account.rawSyncKey]).toEqual(new Array(32).fill(7));
    expect(loaded.account.location.folderUrl).toBe('http://127.0.0.1:8080/dav/vault/');
    expect(JSON.stringify(await stored(SYNC_SECRET_KEY))).toContain('同步服务器的密码');
    // Nothing secret in the part shown while locked.
    expect(JSON.stringify(await stored(SYNC_ACCOUNT_KEY))).not.toContain('同步服务器的密码');
  });

  it('seals the password and sync key with the lock’s key, and cannot be read while locked', async () => {
    await unlockedForTest();
    await saveAccount(anAccount());
    const secret = JSON.stringify(await stored(SYNC_SECRET_KEY));
    expect(secret).toContain('sealed');
    expect(secret).not.toContain('同步服务器的密码');
    expect(secret).not.toContain('BwcH'); // base64 of the key's 7s
    expect((await loadAccount()).kind).toBe('ready');

    await lockForTest();
    const locked = await loadAccount();
    expect(locked.kind).toBe('locked');
    // Where it syncs and which device this is stay known while locked; the secrets do not.
    if (locked.kind === 'locked') expect(locked.place.deviceName).toBe('办公室电脑');
    expect(await loadAccountPlace()).not.toBeNull();
  });

  it('refuses to save while locked, and leaves what was stored as it was', async () => {
    await saveAccount(anAccount());
    const before = await stored(SYNC_SECRET_KEY);
    await unlockedForTest();
    await lockForTest();
    await expect(saveAccount({ ...anAccount(), password: 'new' })).rejects.toBeInstanceOf(LockedError);
    expect(await stored(SYNC_SECRET_KEY)).toEqual(before);
  });

  it('follows the lock when it is turned on and off', async () => {
    await saveAccount(anAccount());
    const key = await unlockedForTest();
    await resealAll(key, null);
    expect(JSON.stringify(await stored(SYNC_SECRET_KEY))).not.toContain('同步服务器的密码');
    const on = await loadAccount();
    expect(on.kind === 'ready' && on.account.password).toBe('同步服务器的密码');
    await resealAll(null, key);
    expect(JSON.stringify(await stored(SYNC_SECRET_KEY))).toContain('同步服务器的密码');
  });

  it('reads an edited or foreign value as damaged, never as an account', async () => {
    await saveAccount(anAccount());
    await fakeBrowser.storage.local.set({ [SYNC_SECRET_KEY]: { password: 'x', rawSyncKey: 'short' } });
    expect(await loadAccount()).toEqual({ kind: 'damaged' });
    await fakeBrowser.storage.local.set({ [SYNC_ACCOUNT_KEY]: { v: 1, vaultId: 'nope' } });
    expect(await loadAccount()).toEqual({ kind: 'damaged' });
  });

  it('is removed on leaving, with its status, the other devices’ names and the server’s permission, and nothing else', async () => {
    await saveAccount(anAccount());
    await fakeBrowser.storage.local.set({
      [SYNC_STATUS_KEY]: { v: 1, failures: 0 },
      [SYNC_DEVICE_NAMES_KEY]: { vaultId: 'a'.repeat(32), names: { ['b'.repeat(32)]: '家里的笔记本' } },
      reminderSettings: { hour: 9 },
    });
    await leaveSync();
    expect(await loadAccount()).toEqual({ kind: 'none' });
    expect(await stored(SYNC_STATUS_KEY)).toBeUndefined();
    expect(await stored(SYNC_DEVICE_NAMES_KEY)).toBeUndefined();
    expect(await stored('reminderSettings')).toEqual({ hour: 9 });
    expect(granted.has('http://127.0.0.1/*')).toBe(false);
  });
});
