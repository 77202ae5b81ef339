import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startWebDavServer, type WebDavTestServer } from '../../tests/servers/webdav';
import { MemoryRemote } from './memory-remote';
import { SYNC_DEVICE_NAMES_KEY } from './account';
import { loadDeviceNames, readDeviceNames } from './device-names';
import { resolveVault } from './presets';
import { createSyncVault, joinSyncVault, openSyncVault, type ServerSignIn } from './setup';
import { newDeviceId } from './vault/layout';
import { FAST, testVault } from './vault/test-support';
import { writeDeviceInfo } from './vault/writer';

let server: WebDavTestServer;
let granted: Set<string>;

beforeAll(async () => {
  server = await startWebDavServer();
});

afterAll(async () => {
  await server.stop();
});

beforeEach(() => {
  granted = new Set(['http://127.0.0.1/*']);
  Object.assign(fakeBrowser.permissions, {
    contains: ({ origins = [] }: { origins?: string[] }) => Promise.resolve(origins.every((origin) => granted.has(origin))),
  });
});

const info = (device: string, name: string) => ({ v: 1 as const, kind: 'info' as const, device, name, lastChangeAt: null, lastSeq: 0 });

describe('readDeviceNames', () => {
  it('reads the names in the devices’ info files and leaves out a device that has written none', async () => {
    const ctx = await testVault();
    const [home, office, silent] = [newDeviceId(), newDeviceId(), newDeviceId()];
    await writeDeviceInfo(ctx, info(home, '家里的笔记本'));
    await writeDeviceInfo(ctx, info(office, '办公室电脑'));
    expect(await readDeviceNames(ctx, [home, silent, office])).toEqual({ [home]: '家里的笔记本', [office]: '办公室电脑' });
  });

  it('stops at the first failure and keeps what it read', async () => {
    const ctx = await testVault();
    const [home, office] = [newDeviceId(), newDeviceId()];
    await writeDeviceInfo(ctx, info(home, '家里的笔记本'));
    await writeDeviceInfo(ctx, info(office, '办公室电脑'));
    const failing = Object.assign(Object.create(ctx.remote) as MemoryRemote, {
      get: (path: string) => (path.includes(office) ? Promise.reject(new Error('offline')) : ctx.remote.get(path)),
    });
    expect(await readDeviceNames({ remote: failing, keys: ctx.keys }, [home, office])).toEqual({ [home]: '家里的笔记本' });
  });
});

describe('loadDeviceNames', () => {
  const PASSPHRASE = '同步库的口令很长很长';

  function signIn(folder: string): ServerSignIn {
    const input = { kind: 'webdav', url: `${server.url}${folder}/` } as const;
    const resolved = resolveVault(input);
    if (!resolved.ok) throw new Error(resolved.error);
    return { input, location: resolved.location, username: server.username, password: server.password };
  }

  it('names another device of the vault from the server once, then from what it kept', async () => {
    const place = signIn('names');
    const created = await createSyncVault(place, PASSPHRASE, '办公室电脑', Date.now(), { vault: FAST });
    if (!created.ok) throw new Error(created.problem);
    const office = created.value.deviceId;
    // This profile is the second device.
    fakeBrowser.reset();
    Object.assign(fakeBrowser.permissions, { contains: () => Promise.resolve(true) });
    const opened = await openSyncVault(place, PASSPHRASE, { vault: FAST });
    if (!opened.ok) throw new Error(opened.problem);
    const joined = await joinSyncVault(place, opened.value.vault, '家里的笔记本', Date.now(), { vault: FAST });
    if (!joined.ok) throw new Error(joined.problem);

    expect(await loadDeviceNames([office])).toEqual({ [office]: '办公室电脑' });
    const requests = server.counters.requests;
    expect(await loadDeviceNames([office, office])).toEqual({ [office]: '办公室电脑' });
    expect(server.counters.requests).toBe(requests);
    // Names kept for another vault are not this vault's.
    await fakeBrowser.storage.local.set({ [SYNC_DEVICE_NAMES_KEY]: { vaultId: 'f'.repeat(32), names: { [office]: '别的' } } });
    expect(await loadDeviceNames([office])).toEqual({ [office]: '办公室电脑' });
  });

  it('asks nothing without an account or without the server’s permission', async () => {
    fakeBrowser.reset();
    const requests = server.counters.requests;
    expect(await loadDeviceNames([newDeviceId()])).toEqual({});
    const place = signIn('no-permission');
    const created = await createSyncVault(place, PASSPHRASE, '办公室电脑', Date.now(), { vault: FAST });
    if (!created.ok) throw new Error(created.problem);
    granted.clear();
    Object.assign(fakeBrowser.permissions, { contains: () => Promise.resolve(false) });
    const before = server.counters.requests;
    expect(await loadDeviceNames([newDeviceId()])).toEqual({});
    expect(server.counters.requests).toBe(before);
    expect(before).toBeGreaterThan(requests);
  });
});
