// The WebDAV transport against Apache httpd with mod_dav (Debian's apache2-bin), the server that
// keeps to the RFCs: it honours If-Match and If-None-Match itself, so these tests turn our own
// check before a conditional PUT off to see the server refuse.

import { statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startApache, type ApacheServer } from '../../../tests/servers/apache';
import { RemoteError } from '../remote';
import { agreementChange, FAST, PASSPHRASE } from '../vault/test-support';
import { newVaultFile } from '../vault/vault-file';
import { writeSegment } from '../vault/writer';
import { createWebDavRemote, type WebDavRemote } from './client';

let server: ApacheServer;
let vaultNumber = 0;

beforeAll(async () => {
  server = await startApache();
}, 30_000);

afterAll(async () => {
  await server.stop();
});

beforeEach(() => {
  vi.useRealTimers();
});

async function freshVault(checkBeforeConditionalPut = false): Promise<WebDavRemote> {
  vaultNumber += 1;
  const remote = createWebDavRemote({
    folderUrl: `${server.url}保险库 ${vaultNumber}/`,
    username: server.username,
    password: server.password,
    checkBeforeConditionalPut,
  });
  await remote.makeFolder('');
  return remote;
}

async function failure(promise: Promise<unknown>): Promise<RemoteError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RemoteError) return error;
    throw error;
  }
  throw new Error('expected a RemoteError, but it succeeded');
}

/**
 * Moves a file's mtime two seconds back, as if that time had passed since it was written: Apache
 * then gives it a strong ETag, without the test waiting.
 */
function settle(remote: WebDavRemote, path: string): void {
  touch(remote, path, -2_000);
}

/**
 * Moves a file's mtime by `shiftMs` from the one the server wrote. Relative to that, not to this
 * process's clock: the suite also runs with the clock moved ahead (faketime), and Apache runs on
 * the real one (tests/servers/apache.ts).
 */
function touch(remote: WebDavRemote, path: string, shiftMs: number): void {
  const file = join(server.dataDir, decodeURIComponent(new URL(remote.folderUrl).pathname), path);
  const when = new Date(statSync(file).mtimeMs + shiftMs);
  utimesSync(file, when, when);
}

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | null) => (data === null ? null : new TextDecoder().decode(data));

describe('against Apache mod_dav', () => {
  it('writes, reads back and lists, in a folder with a Chinese name and a space, signed in with a Chinese password', async () => {
    const remote = await freshVault();
    await remote.put('协议 #1 & 100%.json', bytes('{"v":1}'));
    await remote.makeFolder('月份 12/');
    const entries = await remote.list('');
    expect(entries.map(({ path, name, isFolder, size }) => ({ path, name, isFolder, size })).sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: '协议 #1 & 100%.json', name: '协议 #1 & 100%.json', isFolder: false, size: 7 },
      { path: '月份 12/', name: '月份 12', isFolder: true, size: undefined },
    ]);
    expect(entries.find((entry) => !entry.isFolder)?.etag).toMatch(/^(W\/)?"[^"]+"$/);
    expect(text(await remote.get('协议 #1 & 100%.json'))).toBe('{"v":1}');
    expect(await remote.get('nothing.json')).toBeNull();
  });

  it('refuses a write on a stale ETag (the server itself), and accepts it on the current one', async () => {
    const remote = await freshVault();
    await remote.put('state.json', bytes('one'));
    const first = (await remote.stat('state.json'))?.etag;
    await remote.put('state.json', bytes('second'));
    settle(remote, 'state.json');
    const second = (await remote.stat('state.json'))?.etag;
    expect(first).toBeDefined();
    expect(second).toMatch(/^"[^"]+"$/);
    expect(second).not.toBe(first);
    expect(await failure(remote.put('state.json', bytes('lost'), { ifMatch: first! }))).toMatchObject({ kind: 'precondition', status: 412 });
    expect(text(await remote.get('state.json'))).toBe('second');
    await remote.put('state.json', bytes('third!'), { ifMatch: second! });
    expect(text(await remote.get('state.json'))).toBe('third!');
  });

  it('says busy, not conflict, for a write on the weak ETag of a file changed within the second', async () => {
    const remote = await freshVault();
    await remote.put('fresh.json', bytes('v1'));
    // Apache's ETag is weak while the file's mtime is not a second old yet: a time ahead keeps it so.
    touch(remote, 'fresh.json', 3_600_000);
    const weak = (await remote.stat('fresh.json'))?.etag;
    expect(weak).toMatch(/^W\//);
    expect(await failure(remote.put('fresh.json', bytes('v2'), { ifMatch: weak! }))).toMatchObject({ kind: 'busy', status: 412, retryAfterMs: 1000 });
    touch(remote, 'fresh.json', -3_602_000);
    const strong = (await remote.stat('fresh.json'))?.etag;
    expect(strong).toMatch(/^"[^"]+"$/);
    await remote.put('fresh.json', bytes('v2'), { ifMatch: strong! });
    expect(text(await remote.get('fresh.json'))).toBe('v2');
  });

  it('refuses to create a file that exists (If-None-Match: *)', async () => {
    const remote = await freshVault();
    await remote.put('once.json', bytes('a'), { createOnly: true });
    expect(await failure(remote.put('once.json', bytes('b'), { createOnly: true }))).toMatchObject({ kind: 'precondition', status: 412 });
    expect(text(await remote.get('once.json'))).toBe('a');
  });

  it('agrees with the server with our own check on', async () => {
    const remote = await freshVault(true);
    await remote.put('s.json', bytes('a'), { createOnly: true });
    settle(remote, 's.json');
    const etag = (await remote.stat('s.json'))?.etag;
    expect(await failure(remote.put('s.json', bytes('b'), { createOnly: true }))).toMatchObject({ kind: 'precondition' });
    await remote.put('s.json', bytes('bb'), { ifMatch: etag! });
    expect(await failure(remote.put('s.json', bytes('c'), { ifMatch: etag! }))).toMatchObject({ kind: 'precondition' });
  });

  it('makes a folder twice, and says conflict without its parent', async () => {
    const remote = await freshVault();
    await remote.makeFolder('f/');
    await remote.makeFolder('f/');
    expect(await failure(remote.makeFolder('a/b/'))).toMatchObject({ kind: 'conflict', status: 409 });
  });

  it('moves with and without overwrite', async () => {
    const remote = await freshVault();
    await remote.put('tmp-1.json', bytes('new'));
    await remote.put('data.json', bytes('old'));
    expect(await failure(remote.move('tmp-1.json', 'data.json'))).toMatchObject({ kind: 'precondition', status: 412 });
    await remote.move('tmp-1.json', 'data.json', { overwrite: true });
    expect(text(await remote.get('data.json'))).toBe('new');
    expect(await remote.get('tmp-1.json')).toBeNull();
  });

  it('answers 500, not 409, to a move into a folder that does not exist', async () => {
    const remote = await freshVault();
    await remote.put('tmp-2.json', bytes('x'));
    expect(await failure(remote.move('tmp-2.json', 'no-such-folder/data.json'))).toMatchObject({ kind: 'server', status: 500 });
  });

  it('takes a device’s first segment into folders it makes as it goes (the writer tells that 500 from a real one)', async () => {
    const remote = await freshVault();
    const { vault } = await newVaultFile(PASSPHRASE, FAST);
    const ctx = { remote, keys: vault.keys };
    const device = 'a'.repeat(32);
    const first = await writeSegment(ctx, device, 1, [agreementChange(1)]);
    const second = await writeSegment(ctx, device, 2, [agreementChange(2)]);
    expect((await remote.list(first.path.slice(0, first.path.lastIndexOf('/') + 1))).map((entry) => entry.path)).toEqual(
      expect.arrayContaining([first.path, second.path]),
    );
    expect(await remote.get(first.path)).not.toBeNull();
  });

  it('deletes, a missing file without complaint', async () => {
    const remote = await freshVault();
    await remote.put('x.json', bytes('x'));
    await remote.remove('x.json');
    await remote.remove('x.json');
    expect(await remote.list('')).toEqual([]);
  });

  it('says auth for a wrong password', async () => {
    const remote = await freshVault();
    const wrong = createWebDavRemote({ folderUrl: remote.folderUrl, username: server.username, password: 'huankuan' });
    expect(await failure(wrong.list(''))).toMatchObject({ kind: 'auth', status: 401 });
  });

});
