import { basicAuthorization } from '../sync/webdav/http';
import type { DavRequest } from './caldav/request';

/**
 * The CalDAV code's transport in the extension: the browser's fetch, in a page, Chrome's service
 * worker or Firefox's background page alike (nothing here needs a window or DOMParser).
 *
 * - Basic auth encoded as UTF-8 (lib/sync/webdav/http.ts), so a Chinese password reaches the server.
 * - `credentials: 'omit'`: the browser's cookies for that server are never sent (Nextcloud answers
 *   401 to a request that carries its session cookie without its CSRF token).
 * - Every request stays on the server the user gave (or, for iCloud, its own *.icloud.com hosts,
 *   where the principal lives on another host than caldav.icloud.com). A URL elsewhere is refused
 *   before anything is sent; an answer that was redirected elsewhere is refused too.
 * - A request that takes longer than `timeoutMs` is abandoned, as if the server had not answered.
 */

export interface TransportScope {
  /** `https://host[:port]`: the server the user gave. */
  origin: string;
  /** For a server spread over several hosts (iCloud): `.icloud.com`. */
  hostSuffix?: string | undefined;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export class OutOfScopeError extends Error {
  constructor(url: string) {
    super(`Refused a request to ${url}: not the calendar server`);
    this.name = 'OutOfScopeError';
  }
}

/** Whether a URL belongs to the calendar server the user gave. */
export function inScope(url: string, scope: TransportScope): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.origin === scope.origin) return true;
  const base = new URL(scope.origin);
  return (
    scope.hostSuffix !== undefined &&
    scope.hostSuffix.startsWith('.') &&
    parsed.protocol === 'https:' &&
    base.protocol === 'https:' &&
    parsed.port === '' &&
    parsed.hostname.endsWith(scope.hostSuffix)
  );
}

export interface TransportOptions extends TransportScope {
  username: string;
  password: string;
  timeoutMs?: number;
  /** The fetch to use; the global one by default (tests in Node pass nothing either). */
  fetch?: typeof fetch;
}

export function fetchTransport(options: TransportOptions): DavRequest {
  const authorization = basicAuthorization(options.username, options.password);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return async (method, url, init) => {
    if (!inScope(url, options)) throw new OutOfScopeError(url);
    const doFetch = options.fetch ?? fetch;
    const response = await doFetch(url, {
      method,
      headers: { ...init.headers, authorization },
      body: init.body,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // A redirect to another server: its answer is not ours to read (and fetch has already dropped
    // the Authorization header on the way there).
    if (response.url !== '' && !inScope(response.url, options)) throw new OutOfScopeError(response.url);
    const body = await response.text();
    return { status: response.status, headers: response.headers, body, url: response.url === '' ? url : response.url };
  };
}
