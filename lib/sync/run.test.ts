// The set-up steps and the runner against a real WebDAV server (webdav-server in this process,
// tests/servers/webdav.ts). The engine is given to the runner by the background; here it is a
// small one that reads the vault through the keys and the remote it was handed, so what the
// runner passes on is checked by using it.

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startWebDavServer, type WebDavTestServer } from '../../tests/servers/webdav';
import { lockForTest, unlockedForTest } from '../keys/test-support';
import { resetLockCache, UNLOCKED_SESSION_KEY } from '../keys/state';
import { loadAccount } from './account';
import { resolveVault } from './presets';
import { runSync, type EngineRun, type SyncEngine } from './run';
import { createSyncVault, joinSyncVault, openSyncVault, type ServerSignIn } from './setup';
import { readSyncStatus } from './status';
import { listDevices, readDeviceInfo } from './vault/reader';
import { FAST } from './vault/test-support';

let granted: Set<string>;
let plain: WebDavTestServer;
let busy: WebDavTestServer;
let folderNumber = 0;

beforeAll(async () => {
  plain = await startWebDavServer();
  busy = await startWebDavServer({ profile: 'jianguoyun', jianguoyun: { requestsPerWindow: 1_000, retryAfterSeconds: 120 } });
});

afterAll(async () => {
  await plain.stop();
  await busy.stop();
});

beforeEach(() => {
  vi.useRealTimers();
  granted = new Set(['http://127.0.0.1/*']);
  Object.assign(fakeBrowser.permissions, {
    contains: ({ origins = [] }: { origins?: string[] }) => Promise.resolve(origins.every((origin) => granted.has(origin))),
    remove: ({ origins = [] }: { origins?: string[] }) => Promise.resolve(origins.map((origin) => granted.delete(origin)).every(Boolean)),
  });
});

function signInTo(server: WebDavTestServer, password = server.password): ServerSignIn {
  folderNumber += 1;
  const input = { kind: 'webdav', url: `${server.url}vault-${folderNumber}/` } as const;
  const resolved = resolveVault(input);
  if (!resolved.ok) throw new Error(resolved.error);
  return { input, location: resolved.location, username: server.username, password };
}

const PASSPHRASE = '同步库的口令很长很长';
const options = { vault: FAST };

/** Reads every device's name through what the runner handed over, reporting progress as it goes. */
const readingEngine = (seen: EngineRun[]): SyncEngine => async (run) => {
  seen.push(run);
  const { devices } = await listDevices(run);
  for (const [index, device] of devices.entries()) {
    await readDeviceInfo(run, device);
    run.onProgress?.({ phase: 'pull', done: index + 1, total: devices.length });
  }
  return { pulled: devices.length, pushed: 0, conflicts: 0, problems: [] };
};

describe('setting sync up', () => {
  it('creates a vault, and a second device sees the first by name before joining', async () => {
    const signIn = signInTo(plain);
    const created = await createSyncVault(signIn, PASSPHRASE, '办公室电脑', Date.now(), options);
    expect(created.ok).toBe(true);
    const stored = await loadAccount();
    expect(stored.kind === 'ready' && stored.account.deviceName).toBe('办公室电脑');

    // A second device (another profile): the same place, opened with the passphrase.
    fakeBrowser.reset();
    const opened = await openSyncVault(signIn, PASSPHRASE, options);
    if (!opened.ok) throw new Error(opened.problem);
    expect(opened.value.devices.map((device) => device.name)).toEqual(['办公室电脑']);
    expect(await loadAccount()).toEqual({ kind: 'none' }); // looking stores nothing
    const joined = await joinSyncVault(signIn, opened.value.vault, '家里的笔记本', Date.now(), options);
    expect(joined.ok).toBe(true);
    const again = await openSyncVault(signIn, PASSPHRASE, options);
    expect(again.ok && again.value.devices.map((device) => device.name).sort()).toEqual(['办公室电脑', '家里的笔记本'].sort());
  });

  it('says why it cannot: a vault already there, a wrong passphrase, a wrong password, no vault', async () => {
    const signIn = signInTo(plain);
    expect((await createSyncVault(signIn, PASSPHRASE, 'A', Date.now(), options)).ok).toBe(true);
    fakeBrowser.reset();
    expect(await createSyncVault(signIn, PASSPHRASE, 'B', Date.now(), options)).toEqual({ ok: false, problem: 'vault-exists' });
    expect(await openSyncVault(signIn, '不是这个口令不是这个', options)).toEqual({ ok: false, problem: 'wrong-passphrase' });
    expect(await openSyncVault({ ...signIn, password: 'wrong' }, PASSPHRASE, options)).toEqual({ ok: false, problem: 'auth' });
    expect(await createSyncVault({ ...signInTo(plain), password: 'wrong' }, PASSPHRASE, 'B', Date.now(), options)).toEqual({ ok: false, problem: 'auth' });
    expect(await openSyncVault(signInTo(plain), PASSPHRASE, options)).toEqual({ ok: false, problem: 'vault-missing' });
    expect(await loadAccount()).toEqual({ kind: 'none' });
  });
});

describe('the runner', () => {
  it('does nothing without an account', async () => {
    expect(await runSync({ reason: 'alarm', engine: readingEngine([]) })).toEqual({ kind: 'off' });
  });

  it('hands the engine this device and the vault’s keys, and keeps the outcome', async () => {
    const signIn = signInTo(plain);
    await createSyncVault(signIn, PASSPHRASE, '办公室电脑', Date.now(), options);
    const seen: EngineRun[] = [];
    const outcome = await runSync({ reason: 'manual', engine: readingEngine(seen) });
    expect(outcome.kind).toBe('done');
    const status = await readSyncStatus();
    expect(status.problem).toBeUndefined();
    expect(status.report).toEqual({ pulled: 1, pushed: 0, conflicts: 0, problems: 0 });
    expect(status.lastSyncedAt).toBeGreaterThan(0);
    expect(status.running).toBeUndefined();
    const account = await loadAccount();
    expect(account.kind === 'ready' && seen[0]?.deviceId).toBe(account.kind === 'ready' && account.account.deviceId);
  });

  it('runs one sync at a time: a second request joins the one under way', async () => {
    await createSyncVault(signInTo(plain), PASSPHRASE, 'A', Date.now(), options);
    const seen: EngineRun[] = [];
    const [first, second] = await Promise.all([runSync({ reason: 'manual', engine: readingEngine(seen) }), runSync({ reason: 'alarm', engine: readingEngine(seen) })]);
    expect(seen).toHaveLength(1);
    expect(second).toBe(first);
  });

  it('stops before any request when the server’s permission was withdrawn', async () => {
    await createSyncVault(signInTo(plain), PASSPHRASE, 'A', Date.now(), options);
    granted.clear();
    const requests = plain.counters.requests;
    const seen: EngineRun[] = [];
    const outcome = await runSync({ reason: 'manual', engine: readingEngine(seen) });
    expect(outcome.kind === 'done' && outcome.status.problem).toBe('no-permission');
    expect(seen).toHaveLength(0);
    expect(plain.counters.requests).toBe(requests);
  });

  it('waits while locked, and syncs once unlocked', async () => {
    await unlockedForTest();
    await createSyncVault(signInTo(plain), PASSPHRASE, 'A', Date.now(), options);
    const session = await fakeBrowser.storage.session.get(UNLOCKED_SESSION_KEY);
    await lockForTest();
    const seen: EngineRun[] = [];
    const locked = await runSync({ reason: 'alarm', engine: readingEngine(seen) });
    expect(locked.kind === 'done' && locked.status.problem).toBe('locked');
    expect(seen).toHaveLength(0);
    // Unlocked again (the same key back in the session): the next run goes.
    await fakeBrowser.storage.session.set(session);
    resetLockCache();
    const unlocked = await runSync({ reason: 'alarm', engine: readingEngine(seen) });
    expect(unlocked.kind === 'done' && unlocked.status).toMatchObject({ report: { pulled: 1 } });
    expect(unlocked.kind === 'done' && unlocked.status.problem).toBeUndefined();
  });

  it('says the password is wrong when the server refuses it', async () => {
    const signIn = signInTo(plain);
    await createSyncVault(signIn, PASSPHRASE, 'A', Date.now(), options);
    const loaded = await loadAccount();
    if (loaded.kind !== 'ready') throw new Error(loaded.kind);
    const { saveAccount } = await import('./account');
    await saveAccount({ ...loaded.account, password: 'changed on the server' });
    const outcome = await runSync({ reason: 'manual', engine: readingEngine([]) });
    expect(outcome.kind === 'done' && outcome.status).toMatchObject({ problem: 'auth', failures: 0 });
    expect(outcome.kind === 'done' && outcome.status.retryAt).toBeUndefined();
  });

  it('backs off when the server is busy, honouring Retry-After; automatic runs wait, "Sync now" goes', async () => {
    busy.setLimits({ requestsPerWindow: 1_000 });
    busy.resetWindow();
    await createSyncVault(signInTo(busy), PASSPHRASE, 'A', Date.now(), options);
    busy.setLimits({ requestsPerWindow: 0 });
    const before = Date.now();
    const outcome = await runSync({ reason: 'alarm', engine: readingEngine([]), random: () => 0 });
    expect(outcome.kind === 'done' && outcome.status.problem).toBe('busy');
    const status = await readSyncStatus();
    expect(status.failures).toBe(1);
    // The server asked for 120 s; our own first wait would have been 2.5 s.
    expect(status.retryAt).toBeGreaterThanOrEqual(before + 120_000);

    const requests = busy.counters.requests;
    expect((await runSync({ reason: 'alarm', engine: readingEngine([]) })).kind).toBe('waiting');
    expect(busy.counters.requests).toBe(requests);
    const manual = await runSync({ reason: 'manual', engine: readingEngine([]), random: () => 0 });
    expect(manual.kind === 'done' && manual.status.failures).toBe(2);
    expect(busy.counters.requests).toBeGreaterThan(requests);

    busy.setLimits({ requestsPerWindow: 1_000 });
    busy.resetWindow();
    const recovered = await runSync({ reason: 'manual', engine: readingEngine([]) });
    expect(recovered.kind === 'done' && recovered.status).toMatchObject({ failures: 0, report: { pulled: 1 } });
    expect(recovered.kind === 'done' && recovered.status.retryAt).toBeUndefined();
  });
});
