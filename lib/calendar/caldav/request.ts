/**
 * What the CalDAV code needs from a transport: one HTTP request, answered with its status, headers
 * and text. The extension binds it to its WebDAV transport (credentials, permissions, the
 * browser's fetch); tests bind it to Node's fetch against a real server. Redirects are the
 * transport's to follow; `url`, when given, is where the answer finally came from, so relative
 * links resolve against it.
 *
 * A request that gets no answer at all (no network, server gone) rejects; the code here turns that
 * into a DavError of kind 'network'.
 */
export type DavRequest = (
  method: string,
  url: string,
  init: { headers?: Record<string, string>; body?: string },
) => Promise<{ status: number; headers: Headers; body: string; url?: string }>;

export type DavResponse = Awaited<ReturnType<DavRequest>>;

export type DavErrorKind =
  /** 401: wrong user name or password (iCloud and Fastmail want an app-specific password). */
  | 'unauthorized'
  /** 403: the account may not do this. */
  | 'forbidden'
  /** Discovery found no principal, calendar home or calendar. */
  | 'not-caldav'
  /** No answer at all. */
  | 'network'
  /** A 5xx, or another status the step cannot use. */
  | 'server'
  /** An answer that is not the XML the step expects. */
  | 'bad-response';

export class DavError extends Error {
  constructor(
    readonly kind: DavErrorKind,
    readonly status: number | null,
    detail: string,
  ) {
    super(`CalDAV ${kind}${status === null ? '' : ` (HTTP ${String(status)})`}: ${detail}`);
    this.name = 'DavError';
  }
}

/** Sends one request; no answer becomes a DavError('network'), 401 and 403 their own kinds. */
export async function send(request: DavRequest, method: string, url: string, init: { headers?: Record<string, string>; body?: string } = {}): Promise<DavResponse> {
  let response: DavResponse;
  try {
    response = await request(method, url, init);
  } catch (error) {
    throw new DavError('network', null, `${method} ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (response.status === 401) throw new DavError('unauthorized', 401, `${method} ${url}`);
  if (response.status === 403) throw new DavError('forbidden', 403, `${method} ${url}`);
  return response;
}

/** A status the step did not expect: 5xx and the rest are the server's. */
export function unexpected(method: string, url: string, response: DavResponse): DavError {
  return new DavError('server', response.status, `${method} ${url}`);
}

export const XML_HEADERS = { 'content-type': 'application/xml; charset=utf-8' } as const;
