// RemoteFiles over WebDAV, with `fetch` only, so that it runs in the MV3 service worker, in a
// Firefox event page and in Node (the tests). No dependency: see docs/sync-design.md, "Transport".
//
// What every request does, and why:
// - `credentials: 'omit'`: a browser would otherwise send the cookies of a signed-in Nextcloud tab,
//   and Nextcloud's CSRF check then answers 401 whatever the Basic credentials say.
// - `cache: 'no-store'`: a cached listing or file is a stale one.
// - `redirect: 'manual'`: a redirect is followed by us, and only on the vault's origin. A browser
//   hides the target of a manual redirect (an "opaque redirect"), so there a redirect is refused:
//   the user is asked for the address the server redirects to.
// - every URL, built or read from the server (hrefs, Location), must be on the vault's origin.
// - a timeout per request, and the caller's AbortSignal.
// - PROPFIND with Depth 1 only: nginx, Synology and ownCloud refuse `Depth: infinity`.
// A listing is never taken for complete when it may not be: 坚果云 returns at most 750 entries
// and says nothing when it stops there (`listDetailed` reports it), and a body cut short is an
// error, not a shorter list.

import { createBudget, spend, waitForBudget, type BudgetLimits, type RequestBudget } from '../backoff';
import { RemoteError, sameEtag, type PutOptions, type RemoteEntry, type RemoteFiles } from '../remote';
import { basicAuthorization, errorForStatus } from './http';
import { MultistatusParseError, parseMultistatus } from './multistatus';

export interface WebDavOptions {
  /** The vault folder's URL (lib/sync/presets.ts makes it); a missing final '/' is added. */
  readonly folderUrl: string;
  readonly username: string;
  readonly password: string;
  /** Per request, headers and body included. */
  readonly timeoutMs?: number;
  /** Cancels every request under way and to come. */
  readonly signal?: AbortSignal;
  /** The clock, for Retry-After dates and the budget. */
  readonly now?: () => number;
  /** Requests allowed per window (坚果云: see presets), kept across calls by `budgetStore`. */
  readonly budget?: BudgetLimits;
  /** Where the budget's history lives between wake-ups of the worker; in memory when absent. */
  readonly budgetStore?: { get(): readonly number[]; set(sent: readonly number[]): void };
  /** A listing with this many entries (the folder itself counted) may have been cut by the server. */
  readonly listingPageSize?: number;
  /**
   * Before a conditional PUT, read the file's ETag and refuse the write when it does not match.
   * Some servers (webdav-server, some gateways) ignore If-Match and If-None-Match: this catches the
   * usual case (a write based on an old read) on them too, at the cost of one request.
   */
  readonly checkBeforeConditionalPut?: boolean;
  /** The `fetch` to use; the global one when absent. */
  readonly fetch?: typeof fetch;
}

export interface Listing {
  readonly entries: RemoteEntry[];
  /** Responses in the server's answer, the folder itself included. */
  readonly responses: number;
  /** True when the server may have left entries out (the answer reached `listingPageSize`). */
  readonly mayBeIncomplete: boolean;
}

export interface WebDavRemote extends RemoteFiles {
  /** As `list`, and says whether the server may have cut the listing. */
  listDetailed(folder: string): Promise<Listing>;
  /** The file or folder itself (PROPFIND Depth 0), or `null` when it does not exist. */
  stat(path: string): Promise<RemoteEntry | null>;
  /** The vault folder's URL, ending with '/'. */
  readonly folderUrl: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 5;

const PROPFIND_BODY =
  '<?xml version="1.0" encoding="utf-8"?>\n<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getcontentlength/><d:getetag/></d:prop></d:propfind>';

/** A path relative to the vault folder, checked: no empty, "." or ".." segment, no backslash. */
function splitPath(path: string, kind: 'file' | 'folder'): string[] {
  const bare = kind === 'folder' ? path.replace(/\/$/, '') : path;
  if (kind === 'folder' && bare === '') return [];
  if (kind === 'file' && (path === '' || path.endsWith('/'))) throw new RemoteError('server', `Not a file path: "${path}"`);
  const segments = bare.split('/');
  // eslint-disable-next-line no-control-regex -- control characters cannot be in a file name on the server
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || /[\\\u0000-\u001f\u007f]/.test(segment))) {
    throw new RemoteError('server', `Not a path inside the vault: "${path}"`);
  }
  return segments;
}

function decodePath(pathname: string): string[] {
  return pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        throw new RemoteError('server', `The server sent a path that is not valid percent-encoding: ${pathname}`);
      }
    });
}


export function createWebDavRemote(options: WebDavOptions): WebDavRemote {
  let base: URL;
  try {
    base = new URL(options.folderUrl);
  } catch {
    throw new RemoteError('server', `Not a URL: ${options.folderUrl}`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new RemoteError('server', `Not an http(s) URL: ${base.href}`);
  if (base.username !== '' || base.password !== '') throw new RemoteError('server', 'Credentials inside the URL are not used');
  base.search = '';
  base.hash = '';
  if (!base.pathname.endsWith('/')) base.pathname = `${base.pathname}/`;
  const folderUrl = base.href;
  const vaultSegments = decodePath(base.pathname);
  const authorization = basicAuthorization(options.username, options.password);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? (() => Date.now());
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const checkFirst = options.checkBeforeConditionalPut ?? true;
  let memoryBudget: readonly number[] = [];
  const budgetStore = options.budgetStore ?? { get: () => memoryBudget, set: (sent: readonly number[]) => (memoryBudget = sent) };

  function urlFor(path: string, kind: 'file' | 'folder'): URL {
    const segments = splitPath(path, kind);
    const encoded = segments.map(encodeURIComponent).join('/');
    return new URL(kind === 'folder' && encoded !== '' ? `${encoded}/` : encoded, base);
  }

  function assertOnOrigin(url: URL, what: string): void {
    if (url.origin !== base.origin) throw new RemoteError('origin', `${what} leaves ${base.origin}: ${url.origin}`);
  }

  function takeBudget(): void {
    if (!options.budget) return;
    const budget: RequestBudget = createBudget(options.budget, budgetStore.get());
    const at = now();
    const next = spend(budget, at);
    if (!next) {
      throw new RemoteError('busy', `Request budget spent (${options.budget.requests} per ${options.budget.windowMs / 60_000} min)`, undefined, waitForBudget(budget, at));
    }
    budgetStore.set(next.sent);
  }

  interface Sent {
    readonly response: Response;
    readonly signal: AbortSignal;
  }

  async function send(method: string, url: URL, headers: Record<string, string>, body?: Uint8Array | string): Promise<Sent> {
    let target = url;
    for (let hop = 0; ; hop += 1) {
      assertOnOrigin(target, `${method} ${target.pathname}`);
      takeBudget();
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
      let response: Response;
      try {
        response = await doFetch(target, {
          method,
          headers: { Authorization: authorization, ...headers },
          // A fresh copy per attempt: some fetch implementations take ownership of a buffer they send.
          ...(body === undefined ? {} : { body: typeof body === 'string' ? body : body.slice() }),
          credentials: 'omit',
          cache: 'no-store',
          redirect: 'manual',
          signal,
        });
      } catch (error) {
        throw networkError(method, target, error, signal);
      }
      if (response.type === 'opaqueredirect') {
        throw new RemoteError('origin', `${method} ${target.pathname}: the server redirects elsewhere; use the address it redirects to`);
      }
      if (response.status < 300 || response.status > 399 || response.status === 304) return { response, signal };
      const location = response.headers.get('Location');
      await response.body?.cancel();
      if (location === null) throw new RemoteError('server', `${method} ${target.pathname}: ${response.status} without a Location`, response.status);
      const next = new URL(location, target);
      assertOnOrigin(next, `A redirect from ${target.pathname}`);
      if (hop + 1 >= MAX_REDIRECTS) throw new RemoteError('server', `${method} ${url.pathname}: too many redirects`, response.status);
      target = next;
    }
  }

  function networkError(method: string, url: URL, error: unknown, signal: AbortSignal): RemoteError {
    if (error instanceof RemoteError) return error;
    const why = signal.aborted
      ? options.signal?.aborted
        ? 'cancelled'
        : `no answer within ${timeoutMs / 1000} s`
      : error instanceof Error
        ? error.message
        : String(error);
    return new RemoteError('network', `${method} ${url.pathname}: ${why}`);
  }

  async function fail(method: string, url: URL, response: Response): Promise<never> {
    await response.body?.cancel().catch(() => undefined);
    throw errorForStatus(method, decodeURIComponent(url.pathname), response.status, response.headers, now());
  }

  /** The whole body, or `truncated` when the connection dropped before its end or it is shorter than announced. */
  async function readBody(method: string, url: URL, sent: Sent): Promise<Uint8Array> {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await sent.response.arrayBuffer());
    } catch (error) {
      if (sent.signal.aborted) throw networkError(method, url, error, sent.signal);
      throw new RemoteError('truncated', `${method} ${url.pathname}: the body was cut off (${error instanceof Error ? error.message : String(error)})`);
    }
    const encoding = sent.response.headers.get('Content-Encoding');
    const announced = sent.response.headers.get('Content-Length');
    // With a content coding the length is the coded one, which fetch has already undone.
    if ((encoding === null || encoding === 'identity') && announced !== null && /^\d+$/.test(announced) && bytes.byteLength < Number(announced)) {
      throw new RemoteError('truncated', `${method} ${url.pathname}: ${bytes.byteLength} of ${announced} bytes`);
    }
    return bytes;
  }

  async function propfind(url: URL, depth: '0' | '1'): Promise<ReturnType<typeof parseMultistatus> | null> {
    const sent = await send('PROPFIND', url, { Depth: depth, 'Content-Type': 'application/xml; charset=utf-8' }, PROPFIND_BODY);
    if (sent.response.status === 404) {
      await sent.response.body?.cancel();
      return null;
    }
    if (sent.response.status !== 207 && sent.response.status !== 200) return fail('PROPFIND', url, sent.response);
    const text = new TextDecoder().decode(await readBody('PROPFIND', url, sent));
    try {
      return parseMultistatus(text);
    } catch (error) {
      if (error instanceof MultistatusParseError) throw new RemoteError('truncated', `PROPFIND ${url.pathname}: ${error.message}`);
      throw error;
    }
  }

  /** Where a response's href points, as segments below the vault folder; `null` when outside it. */
  function hrefSegments(href: string, requested: URL): string[] | null {
    let url: URL;
    try {
      url = new URL(href, requested);
    } catch {
      throw new RemoteError('server', `The server sent an href that is not a URL: ${href}`);
    }
    assertOnOrigin(url, `The href ${href}`);
    const segments = decodePath(url.pathname);
    if (segments.length < vaultSegments.length || vaultSegments.some((segment, index) => segments[index] !== segment)) return null;
    return segments.slice(vaultSegments.length);
  }

  function entryOf(below: string[], response: ReturnType<typeof parseMultistatus>[number]): RemoteEntry {
    const isFolder = response.isCollection || response.href.endsWith('/');
    const name = below[below.length - 1] ?? '';
    return {
      path: `${below.join('/')}${isFolder ? '/' : ''}`,
      name,
      isFolder,
      ...(response.contentLength === undefined || isFolder ? {} : { size: response.contentLength }),
      ...(response.etag === undefined ? {} : { etag: response.etag }),
    };
  }

  const isMissing = (status: number | undefined) => status !== undefined && (status < 200 || status > 299);

  async function listDetailed(folder: string): Promise<Listing> {
    const own = splitPath(folder, 'folder');
    const url = urlFor(folder, 'folder');
    const responses = await propfind(url, '1');
    if (responses === null) throw new RemoteError('not-found', `PROPFIND ${decodeURIComponent(url.pathname)}: 404`, 404);
    const entries: RemoteEntry[] = [];
    for (const response of responses) {
      const below = hrefSegments(response.href, url);
      if (below === null) continue;
      const isSelf = below.length === own.length && own.every((segment, index) => below[index] === segment);
      if (isSelf) {
        if (isMissing(response.status)) throw new RemoteError('not-found', `PROPFIND ${decodeURIComponent(url.pathname)}: ${response.status ?? 404}`, 404);
        continue;
      }
      // Only direct children: a server that ignores Depth 1 gives deeper ones too.
      if (below.length !== own.length + 1 || own.some((segment, index) => below[index] !== segment)) continue;
      if (isMissing(response.status)) continue;
      entries.push(entryOf(below, response));
    }
    const pageSize = options.listingPageSize;
    return { entries, responses: responses.length, mayBeIncomplete: pageSize !== undefined && responses.length >= pageSize };
  }

  async function stat(path: string): Promise<RemoteEntry | null> {
    const kind = path.endsWith('/') || path === '' ? 'folder' : 'file';
    const url = urlFor(path, kind);
    const responses = await propfind(url, '0');
    if (responses === null) return null;
    const own = splitPath(path, kind);
    for (const response of responses) {
      const below = hrefSegments(response.href, url);
      if (below?.length !== own.length || own.some((segment, index) => below[index] !== segment)) continue;
      return isMissing(response.status) ? null : entryOf(below, response);
    }
    return null;
  }

  return {
    folderUrl,
    listDetailed,
    stat,

    async list(folder) {
      return (await listDetailed(folder)).entries;
    },

    async get(path) {
      const url = urlFor(path, 'file');
      const sent = await send('GET', url, {});
      if (sent.response.status === 404 || sent.response.status === 410) {
        await sent.response.body?.cancel();
        return null;
      }
      if (!sent.response.ok) return fail('GET', url, sent.response);
      return readBody('GET', url, sent);
    },

    async put(path, body, putOptions: PutOptions = {}) {
      const url = urlFor(path, 'file');
      const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' };
      if (putOptions.createOnly) headers['If-None-Match'] = '*';
      if (putOptions.ifMatch !== undefined) headers['If-Match'] = putOptions.ifMatch;
      if (checkFirst && (putOptions.createOnly || putOptions.ifMatch !== undefined)) {
        const current = await stat(path);
        if (putOptions.createOnly && current !== null) throw new RemoteError('precondition', `PUT ${path}: the file exists already`, 412);
        if (putOptions.ifMatch !== undefined && (current?.etag === undefined || !sameEtag(current.etag, putOptions.ifMatch))) {
          throw new RemoteError('precondition', `PUT ${path}: the file changed on the server`, 412);
        }
      }
      const sent = await send('PUT', url, headers, body);
      if (sent.response.status === 412 && putOptions.ifMatch !== undefined) {
        await sent.response.body?.cancel();
        // Apache marks a file's ETag weak while its mtime is within the current second, and If-Match
        // never matches a weak ETag: a write right after a write is refused though nothing changed.
        // That is "not yet", not a conflict.
        const current = await stat(path);
        if (current?.etag?.startsWith('W/') && sameEtag(current.etag, putOptions.ifMatch)) {
          throw new RemoteError('busy', `PUT ${path}: the server cannot compare the file's version within a second of its last change`, 412, 1000);
        }
        throw new RemoteError('precondition', `PUT ${path}: the file changed on the server`, 412);
      }
      if (!sent.response.ok) return fail('PUT', url, sent.response);
      await sent.response.body?.cancel();
      const etag = sent.response.headers.get('ETag');
      return etag === null ? {} : { etag };
    },

    async makeFolder(folder) {
      const url = urlFor(folder, 'folder');
      const sent = await send('MKCOL', url, {});
      await sent.response.body?.cancel();
      // 405 Method Not Allowed: the folder exists already.
      if (sent.response.ok || sent.response.status === 405) return;
      return fail('MKCOL', url, sent.response);
    },

    async move(from, to, moveOptions = {}) {
      const fromKind = from.endsWith('/') ? 'folder' : 'file';
      if (splitPath(from, fromKind).length === 0 || splitPath(to, fromKind).length === 0) throw new RemoteError('server', 'The vault folder itself cannot be moved');
      const source = urlFor(from, fromKind);
      const destination = urlFor(to, fromKind);
      const sent = await send('MOVE', source, { Destination: destination.href, Overwrite: moveOptions.overwrite ? 'T' : 'F' });
      await sent.response.body?.cancel();
      // 207: a folder moved in part, some of its members refused.
      if (sent.response.ok && sent.response.status !== 207) return;
      return fail('MOVE', source, sent.response);
    },

    async remove(path) {
      const kind = path.endsWith('/') ? 'folder' : 'file';
      if (splitPath(path, kind).length === 0) throw new RemoteError('server', 'The vault folder itself is not deleted through remove');
      const url = urlFor(path, kind);
      const sent = await send('DELETE', url, {});
      await sent.response.body?.cancel();
      // 207: a folder deleted in part, some of its members refused.
      if ((sent.response.ok && sent.response.status !== 207) || sent.response.status === 404 || sent.response.status === 410) return;
      return fail('DELETE', url, sent.response);
    },
  };
}
