// The WebDAV transport against a real WebDAV server (webdav-server, in this process) behind the
// proxy of tests/servers/webdav.ts, which behaves like 坚果云, Nextcloud or a flaky NAS. The unit
// suite fakes Date; these tests put the real clock back, since the servers, Retry-After dates and
// timeouts live in real time.

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startWebDavServer, type WebDavTestServer } from '../../../tests/servers/webdav';
import { RemoteError, type RemoteErrorKind } from '../remote';
import { createWebDavRemote, type WebDavOptions, type WebDavRemote } from './client';

beforeEach(() => {
  vi.useRealTimers();
});

let vaultNumber = 0;

/** A client on a fresh vault folder of `server` (created), so that no test sees another's files. */
async function freshVault(server: WebDavTestServer, options: Partial<WebDavOptions> = {}): Promise<WebDavRemote> {
  vaultNumber += 1;
  const remote = createWebDavRemote({ folderUrl: `${server.url}vault-${vaultNumber}/`, username: server.username, password: server.password, ...options });
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

async function kindOf(promise: Promise<unknown>): Promise<RemoteErrorKind> {
  return (await failure(promise)).kind;
}

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | null) => (data === null ? null : new TextDecoder().decode(data));

describe('against a plain WebDAV server', () => {
  let server: WebDavTestServer;
  beforeAll(async () => {
    server = await startWebDavServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('writes, reads back and lists files, every byte value intact, with a Chinese password', async () => {
    const remote = await freshVault(server);
    const all = Uint8Array.from({ length: 256 }, (_, index) => index);
    await remote.put('all.bin', all);
    expect(await remote.get('all.bin')).toEqual(all);
    expect(await remote.get('missing.bin')).toBeNull();
    const [entry, ...others] = await remote.list('');
    expect(others).toEqual([]);
    expect(entry).toMatchObject({ path: 'all.bin', name: 'all.bin', isFolder: false, size: 256 });
    expect(entry?.etag).toMatch(/^".+"$/);
  });

  // '#' is left to the Apache tests: webdav-server cuts a name at a '#' even when it arrives as %23.
  it('finds names with spaces, Chinese characters, %, + and & under their own names', async () => {
    const remote = await freshVault(server);
    await remote.makeFolder('账本 2026/');
    await remote.put('账本 2026/协议 1 & 100%.json', bytes('{"a":1}'));
    await remote.put('账本 2026/a+b (copy).txt', bytes('x'));
    expect(await remote.list('')).toEqual([{ path: '账本 2026/', name: '账本 2026', isFolder: true, etag: expect.any(String) as string }]);
    const names = (await remote.list('账本 2026/')).map((entry) => [entry.path, entry.name]);
    expect(names.sort()).toEqual([
      ['账本 2026/a+b (copy).txt', 'a+b (copy).txt'],
      ['账本 2026/协议 1 & 100%.json', '协议 1 & 100%.json'],
    ]);
    expect(text(await remote.get('账本 2026/协议 1 & 100%.json'))).toBe('{"a":1}');
  });

  it('makes a folder twice without complaint, and says when its parent is missing', async () => {
    const remote = await freshVault(server);
    await remote.makeFolder('f/');
    await remote.makeFolder('f/');
    expect(await kindOf(remote.makeFolder('no/such/'))).toBe('conflict');
    expect(await kindOf(remote.put('no/file.bin', bytes('x')))).toBe('conflict');
  });

  it('lists only a folder’s direct children, and refuses to list a folder that does not exist', async () => {
    const remote = await freshVault(server);
    await remote.makeFolder('a/');
    await remote.makeFolder('a/b/');
    await remote.put('a/b/deep.txt', bytes('d'));
    await remote.put('a/top.txt', bytes('t'));
    expect((await remote.list('a/')).map((entry) => entry.path).sort()).toEqual(['a/b/', 'a/top.txt']);
    expect(await kindOf(remote.list('nowhere/'))).toBe('not-found');
    expect(await remote.stat('a/top.txt')).toMatchObject({ path: 'a/top.txt', size: 1 });
    expect(await remote.stat('a/gone.txt')).toBeNull();
  });

  it('moves without replacing unless asked, and replaces when asked', async () => {
    const remote = await freshVault(server);
    await remote.put('new.bin', bytes('new'));
    await remote.put('old.bin', bytes('old'));
    expect(await kindOf(remote.move('new.bin', 'old.bin'))).toBe('precondition');
    expect(text(await remote.get('old.bin'))).toBe('old');
    await remote.move('new.bin', 'old.bin', { overwrite: true });
    expect(text(await remote.get('old.bin'))).toBe('new');
    expect(await remote.get('new.bin')).toBeNull();
    await remote.move('old.bin', '改名.bin');
    expect((await remote.list('')).map((entry) => entry.path)).toEqual(['改名.bin']);
    expect(await kindOf(remote.move('gone.bin', 'x.bin'))).toBe('not-found');
  });

  it('deletes files and folders, and a missing one without complaint', async () => {
    const remote = await freshVault(server);
    await remote.makeFolder('d/');
    await remote.put('d/x.bin', bytes('x'));
    await remote.remove('d/x.bin');
    await remote.remove('d/x.bin');
    await remote.remove('d/');
    expect(await remote.list('')).toEqual([]);
  });

  it('protects writes with preconditions even though this server ignores If-Match and If-None-Match', async () => {
    const remote = await freshVault(server);
    await remote.put('state.json', bytes('v1'), { createOnly: true });
    expect(await kindOf(remote.put('state.json', bytes('v2'), { createOnly: true }))).toBe('precondition');
    const etag = (await remote.stat('state.json'))?.etag;
    expect(etag).toBeDefined();
    expect(await kindOf(remote.put('state.json', bytes('v2'), { ifMatch: '"an-old-version"' }))).toBe('precondition');
    expect(await kindOf(remote.put('absent.json', bytes('v2'), { ifMatch: etag! }))).toBe('precondition');
    expect(text(await remote.get('state.json'))).toBe('v1');
    await remote.put('state.json', bytes('v2'), { ifMatch: etag! });
    expect(text(await remote.get('state.json'))).toBe('v2');

    // What the check is for: left to the server, both writes go through and v2 is lost.
    const trusting = createWebDavRemote({ folderUrl: remote.folderUrl, username: server.username, password: server.password, checkBeforeConditionalPut: false });
    await trusting.put('state.json', bytes('v3'), { createOnly: true });
    await trusting.put('state.json', bytes('v4'), { ifMatch: '"an-old-version"' });
    expect(text(await remote.get('state.json'))).toBe('v4');
  });

  it('says auth for a wrong password, and sends the right Chinese one as UTF-8', async () => {
    const remote = await freshVault(server);
    const wrong = createWebDavRemote({ folderUrl: remote.folderUrl, username: server.username, password: `${server.password}!` });
    expect(await failure(wrong.list(''))).toMatchObject({ kind: 'auth', status: 401 });
    const latin1 = createWebDavRemote({ folderUrl: remote.folderUrl, username: server.username, password: 'huankuan' });
    expect(await kindOf(latin1.get('x.bin'))).toBe('auth');
    expect(await remote.list('')).toEqual([]);
  });

  it('sends no cookies, keeps nothing in a cache and follows no redirect by itself', async () => {
    const seen: RequestInit[] = [];
    const remote = await freshVault(server, {
      fetch: (input, init) => {
        seen.push(init ?? {});
        return fetch(input, init);
      },
    });
    await remote.put('a.bin', bytes('a'));
    await remote.get('a.bin');
    await remote.list('');
    await remote.move('a.bin', 'b.bin');
    await remote.remove('b.bin');
    expect(seen).toHaveLength(6);
    for (const init of seen) expect(init).toMatchObject({ credentials: 'omit', cache: 'no-store', redirect: 'manual' });
  });

  it('refuses paths that would leave the vault folder, before sending anything', async () => {
    const remote = await freshVault(server);
    const before = server.counters.requests;
    for (const path of ['../x.bin', 'a/../../x.bin', '/etc/passwd', 'a//b.bin', './a.bin', 'a\\b.bin', '']) {
      expect(await kindOf(remote.get(path)), path).toBe('server');
    }
    expect(await kindOf(remote.list('../'))).toBe('server');
    expect(await kindOf(remote.remove('/'))).toBe('server');
    expect(await kindOf(remote.remove(''))).toBe('server');
    expect(await kindOf(remote.move('/', 'x/'))).toBe('server');
    expect(await kindOf(remote.move('a.bin', '../a.bin'))).toBe('server');
    expect(server.counters.requests).toBe(before);
  });

  it('follows a redirect on the same origin, and refuses one to another origin without going there', async () => {
    const remote = await freshVault(server);
    await remote.put('here.bin', bytes('here'));
    server.inject({ kind: 'redirect', method: 'GET', location: `${remote.folderUrl}here.bin` });
    expect(text(await remote.get('moved.bin'))).toBe('here');

    const elsewhere = remote.folderUrl.replace('127.0.0.1', 'localhost');
    server.inject({ kind: 'redirect', method: 'PUT', location: `${elsewhere}here.bin`, status: 308 });
    const before = server.counters.requests;
    expect(await failure(remote.put('here.bin', bytes('leak')))).toMatchObject({ kind: 'origin' });
    expect(server.counters.requests).toBe(before + 1);
    expect(text(await remote.get('here.bin'))).toBe('here');
  });

  it('refuses a listing whose entries name another origin', async () => {
    const remote = await freshVault(server);
    await remote.put('a.bin', bytes('a'));
    server.inject({ kind: 'foreign-href', method: 'PROPFIND', origin: 'https://elsewhere.example' });
    expect(await kindOf(remote.list(''))).toBe('origin');
  });

  it('says network when the connection drops or no answer comes in time', async () => {
    const remote = await freshVault(server, { timeoutMs: 300 });
    server.inject({ kind: 'drop', method: 'GET' });
    expect(await kindOf(remote.get('a.bin'))).toBe('network');
    server.inject({ kind: 'stall', method: 'PROPFIND' });
    expect(await failure(remote.list(''))).toMatchObject({ kind: 'network', message: expect.stringContaining('no answer') as string });
    const cancelled = new AbortController();
    const cancellable = createWebDavRemote({ folderUrl: remote.folderUrl, username: server.username, password: server.password, signal: cancelled.signal });
    cancelled.abort();
    expect(await failure(cancellable.list(''))).toMatchObject({ kind: 'network', message: expect.stringContaining('cancelled') as string });
  });

  it('detects a file or a listing cut off in transit', async () => {
    const remote = await freshVault(server);
    await remote.put('big.bin', new Uint8Array(64 * 1024).fill(7));
    server.inject({ kind: 'truncate', method: 'GET' });
    expect(await kindOf(remote.get('big.bin'))).toBe('truncated');
    server.inject({ kind: 'truncate', method: 'PROPFIND' });
    expect(await kindOf(remote.list(''))).toBe('truncated');
    expect((await remote.get('big.bin'))?.byteLength).toBe(64 * 1024);
  });

  it('cannot see an upload cut short by itself: the size in a listing shows it', async () => {
    const remote = await freshVault(server);
    server.inject({ kind: 'truncate-upload', method: 'PUT' });
    await remote.put('tmp-upload.bin', new Uint8Array(1000).fill(1));
    // The server answered 201 for half the bytes: whoever writes must compare the size (or read back) before trusting it.
    expect((await remote.stat('tmp-upload.bin'))?.size).toBe(500);
  });
});

describe('against a server that behaves like 坚果云', () => {
  let server: WebDavTestServer;
  beforeAll(async () => {
    server = await startWebDavServer({ profile: 'jianguoyun' });
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(() => {
    server.setLimits({ requestsPerWindow: 600, retryAfterForm: 'seconds' });
    server.resetWindow();
  });

  it('returns the 750 entries the server gives for 800 files, and says the listing may be incomplete', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 800; index += 1) files[`f${String(index).padStart(3, '0')}.bin`] = String(index);
    await server.seed({ big: files, small: { 'a.bin': 'a' } });
    const remote = createWebDavRemote({ folderUrl: `${server.url}big/`, username: server.username, password: server.password, listingPageSize: 750 });
    const listing = await remote.listDetailed('');
    // What 坚果云 does: 750 responses, the folder itself among them, and nothing to say the rest exists.
    expect(listing.responses).toBe(750);
    expect(listing.entries).toHaveLength(749);
    expect(listing.mayBeIncomplete).toBe(true);
    expect(await remote.list('')).toHaveLength(749);
    expect(server.counters.listingsCut).toBe(2);
    // A file beyond the page still exists: missing from a listing never means deleted.
    expect(text(await remote.get('f799.bin'))).toBe('799');

    const small = createWebDavRemote({ folderUrl: `${server.url}small/`, username: server.username, password: server.password, listingPageSize: 750 });
    expect(await small.listDetailed('')).toMatchObject({ responses: 2, mayBeIncomplete: false });
  });

  it('surfaces the 503 past the request rate with its Retry-After, in seconds or as a date', async () => {
    const remote = await freshVault(server);
    server.setLimits({ requestsPerWindow: 3, retryAfterSeconds: 120 });
    server.resetWindow();
    await remote.list('');
    await remote.list('');
    await remote.list('');
    expect(await failure(remote.list(''))).toMatchObject({ kind: 'busy', status: 503, retryAfterMs: 120_000 });

    server.setLimits({ retryAfterForm: 'date', retryAfterSeconds: 600 });
    const error = await failure(remote.get('a.bin'));
    expect(error).toMatchObject({ kind: 'busy', status: 503 });
    // An HTTP date has whole seconds: between 599 and 600 s from now, whatever day the clock says.
    expect(error.retryAfterMs).toBeGreaterThan(598_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(600_000);
  });

  it('stops before the server does when given a budget, without sending the request', async () => {
    let sent: readonly number[] = [];
    const remote = await freshVault(server, {
      budget: { requests: 3, windowMs: 30 * 60_000 },
      budgetStore: { get: () => sent, set: (next) => (sent = next) },
    });
    await remote.list('');
    await remote.list('');
    const before = server.counters.requests;
    const error = await failure(remote.list(''));
    expect(error.kind).toBe('busy');
    expect(error.status).toBeUndefined();
    expect(error.retryAfterMs).toBeGreaterThan(29 * 60_000);
    expect(server.counters.requests).toBe(before);
    expect(sent).toHaveLength(3);
  });

  it('is refused files in the root, and writes them in a folder', async () => {
    const root = createWebDavRemote({ folderUrl: server.url, username: server.username, password: server.password });
    expect(await kindOf(root.put('vault.bin', bytes('x')))).toBe('forbidden');
    await root.makeFolder('in-a-folder/');
    await root.put('in-a-folder/vault.bin', bytes('x'));
    expect(text(await root.get('in-a-folder/vault.bin'))).toBe('x');
  });
});

describe('against a server that behaves like Nextcloud', () => {
  let server: WebDavTestServer;
  beforeAll(async () => {
    server = await startWebDavServer({ profile: 'nextcloud' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('works without cookies though the server sets one at every answer', async () => {
    const remote = await freshVault(server);
    await remote.put('a.bin', bytes('a'));
    expect(text(await remote.get('a.bin'))).toBe('a');
    expect(server.counters.withCookie).toBe(0);
  });

  it('says auth when a cookie reaches the server (what a browser’s cookie jar would do)', async () => {
    const { folderUrl } = await freshVault(server);
    const withCookies = createWebDavRemote({
      folderUrl,
      username: server.username,
      password: server.password,
      fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), Cookie: 'nc_session_id=abc123' } }),
    });
    expect(await failure(withCookies.list(''))).toMatchObject({ kind: 'auth', status: 401 });
  });
});

describe('against a flaky server', () => {
  let server: WebDavTestServer;
  beforeAll(async () => {
    server = await startWebDavServer({ profile: 'flaky' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('reports what the server did when it writes a "(1)" copy instead of replacing the file', async () => {
    const remote = await freshVault(server);
    await remote.put('state.json', bytes('v1'));
    await remote.put('state.json', bytes('v2'));
    // The server said 201; the file is unchanged and a copy sits beside it. Reading back finds it out.
    expect(text(await remote.get('state.json'))).toBe('v1');
    expect((await remote.list('')).map((entry) => entry.name).sort()).toEqual(['state (1).json', 'state.json']);
    expect(server.counters.copies).toBe(1);
  });
});
