// The HTTP pieces of the WebDAV transport that need no network: the Authorization header, the
// reading of Retry-After, and which RemoteError a status becomes.

import { RemoteError } from '../remote';

/**
 * `Basic …` for a user and password, encoded as UTF-8 (RFC 7617 `charset="UTF-8"`). `btoa` alone
 * throws on anything outside Latin-1, so a Chinese password (or user name) would never reach the
 * server: one WebDAV client's users could not sign in for years because of it.
 */
export function basicAuthorization(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/**
 * Retry-After in milliseconds from `now`: either a number of seconds or an HTTP date (RFC 9110
 * §10.2.3). `undefined` when absent or unreadable; a date in the past gives 0.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only the forms a server may send (IMF-fixdate, and the obsolete RFC 850 and asctime ones) contain
  // letters for the weekday and month; a bare number with a sign or decimals is not a date.
  if (!/[A-Za-z]/.test(text)) return undefined;
  const when = Date.parse(text);
  if (Number.isNaN(when)) return undefined;
  return Math.max(0, when - now);
}

/** The error for a response whose status says the request failed. */
export function errorForStatus(method: string, what: string, status: number, headers: Headers, now: number): RemoteError {
  const said = `${method} ${what}: ${status}`;
  switch (status) {
    case 401:
      return new RemoteError('auth', `${said} (wrong user or password, or the server refused the request's cookies)`, status);
    case 403:
      return new RemoteError('forbidden', said, status);
    case 404:
    case 410:
      return new RemoteError('not-found', said, status);
    case 409:
      return new RemoteError('conflict', `${said} (a parent folder is missing)`, status);
    case 412:
      return new RemoteError('precondition', `${said} (the file changed, or exists, on the server)`, status);
    case 423:
    case 429:
    case 503:
      // 423 Locked: another client holds a WebDAV lock on it, which passes like a busy server.
      return new RemoteError('busy', said, status, parseRetryAfter(headers.get('Retry-After'), now));
    case 507:
      return new RemoteError('insufficient-storage', said, status);
    default:
      return new RemoteError('server', said, status);
  }
}
