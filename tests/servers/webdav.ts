// A real WebDAV server for the transport's tests: the npm `webdav-server` (in memory, in this
// process, on 127.0.0.1), with a small HTTP proxy of ours in front that behaves like the servers
// users have. The proxy never answers WebDAV itself: it forwards to the real server and then cuts,
// delays, refuses or breaks what comes back, the way those servers do.
//
// Profiles:
// - plain: forwards as is.
// - jianguoyun (坚果云): a listing holds at most `pageSize` responses (750, the folder itself
//   counted) and nothing says it was cut; past `requestsPerWindow` requests in `windowMs` every
//   request gets 503 with Retry-After; no file may be written in the root.
// - nextcloud: a request carrying a Cookie header gets 401 (the CSRF check), and every answer sets a
//   session cookie, as Nextcloud does.
// - flaky: a PUT over an existing file writes a copy "name (1).ext" beside it and answers 201, as
//   some NAS servers do.
// Any profile takes injected faults for the next matching request: a dropped connection, a body
// cut off after its headers, an upload of which only half reaches the server.
//
// webdav-server's own Basic authentication refuses any credentials whose base64 contains '+' or '/'
// (most non-ASCII passwords): the server gets an authentication of ours that decodes RFC 7617
// Basic credentials as UTF-8, as Nextcloud, Apache and 坚果云 do.

import { Buffer } from 'node:buffer';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { v2 as webdav } from 'webdav-server';

export const WEBDAV_USER = 'amy';
/** Chinese, with a character whose UTF-8 bytes put '+' and '/' in the base64. */
export const WEBDAV_PASSWORD = '还款协商：密码是中文';

export type Profile = 'plain' | 'jianguoyun' | 'nextcloud' | 'flaky';

export type Fault =
  | { readonly kind: 'drop'; readonly method?: string } // the connection closes without an answer
  | { readonly kind: 'truncate'; readonly method?: string } // the answer's headers, half its body, then the connection closes
  | { readonly kind: 'truncate-upload'; readonly method?: string } // half the request body reaches the server, which answers as usual
  | { readonly kind: 'stall'; readonly method?: string } // no answer, the connection left open
  | { readonly kind: 'redirect'; readonly method?: string; readonly location: string; readonly status?: number } // a 3xx to `location`
  | { readonly kind: 'foreign-href'; readonly method?: string; readonly origin: string }; // a listing whose hrefs name another origin

export interface JianguoyunLimits {
  readonly pageSize: number;
  readonly requestsPerWindow: number;
  readonly windowMs: number;
  readonly retryAfterSeconds: number;
  /** Retry-After as a number of seconds or as an HTTP date. */
  readonly retryAfterForm: 'seconds' | 'date';
}

export interface Counters {
  requests: number;
  readonly byMethod: Record<string, number>;
  /** Requests that carried a Cookie header. */
  withCookie: number;
  /** Answers 503 for the request rate. */
  busy: number;
  /** Listings cut to the page size. */
  listingsCut: number;
  /** Files written as a "(1)" copy instead of an overwrite. */
  copies: number;
  faults: number;
}

export interface WebDavTestServer {
  /** The root URL of the server (through the proxy), ending with '/'. */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly counters: Counters;
  /** Applies a fault to the next request that matches it. */
  inject(fault: Fault): void;
  /** Forgets the requests counted for the 503 rate (a new window). */
  resetWindow(): void;
  /** Changes the jianguoyun profile's limits from the next request on. */
  setLimits(limits: Partial<JianguoyunLimits>): void;
  /** Writes files straight into the server, without HTTP: `{ folder: { name: content } }`. */
  seed(tree: SeedTree): Promise<void>;
  stop(): Promise<void>;
}

export interface SeedTree {
  readonly [name: string]: string | SeedTree;
}

export interface StartOptions {
  readonly profile?: Profile;
  readonly jianguoyun?: Partial<JianguoyunLimits>;
}

const JIANGUOYUN_DEFAULTS: JianguoyunLimits = {
  pageSize: 750,
  requestsPerWindow: 600,
  windowMs: 30 * 60_000,
  retryAfterSeconds: 120,
  retryAfterForm: 'seconds',
};

class Utf8BasicAuthentication implements webdav.HTTPAuthentication {
  constructor(private readonly users: webdav.SimpleUserManager) {}

  askForAuthentication(): Record<string, string> {
    return { 'WWW-Authenticate': 'Basic realm="vault", charset="UTF-8"' };
  }

  getUser(ctx: webdav.HTTPRequestContext, callback: (error: Error, user?: webdav.IUser) => void): void {
    // webdav-server's own typing says an Error is always given; it calls back with null on success.
    const succeed = callback as (error: Error | null, user?: webdav.IUser) => void;
    const refuse = (error: Error) => this.users.getDefaultUser((fallback) => callback(error, fallback));
    const match = /^Basic\s+([A-Za-z0-9+/]+=*)\s*$/.exec(ctx.headers.find('Authorization', ''));
    if (!match?.[1]) return refuse(webdav.Errors.MissingAuthorisationHeader);
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return refuse(webdav.Errors.WrongHeaderFormat);
    this.users.getUserByNamePassword(decoded.slice(0, colon), decoded.slice(colon + 1), (error, user) => {
      // null on success, whatever the typing says
      if ((error as Error | null) !== null) refuse(webdav.Errors.BadAuthentication);
      else succeed(null, user);
    });
  }
}

async function startBackend(): Promise<{ server: webdav.WebDAVServer; port: number }> {
  const users = new webdav.SimpleUserManager();
  const user = users.addUser(WEBDAV_USER, WEBDAV_PASSWORD, false);
  const privileges = new webdav.SimplePathPrivilegeManager();
  privileges.setRights(user, '/', ['all']);
  const server = new webdav.WebDAVServer(
    Object.assign(new webdav.WebDAVServerOptions(), {
      httpAuthentication: new Utf8BasicAuthentication(users),
      privilegeManager: privileges,
      hostname: '127.0.0.1',
      port: 0,
    }),
  );
  const http = await new Promise<Server>((resolve) => server.start((started) => resolve(started as Server)));
  return { server, port: (http.address() as AddressInfo).port };
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

interface Forwarded {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

function forward(port: number, method: string, path: string, headers: IncomingHttpHeaders, body: Buffer): Promise<Forwarded> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { ...headers, 'content-length': String(body.length), connection: 'close' } },
      (incoming) => {
        readBody(incoming).then((received) => resolve({ status: incoming.statusCode ?? 502, headers: incoming.headers, body: received }), reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Keeps the first `limit` <response> elements of a multistatus body, whatever its prefix. */
function cutListing(xml: string, limit: number): { xml: string; cut: boolean } {
  const open = /<([A-Za-z][\w.-]*:)?response[\s>]/g;
  const starts = [...xml.matchAll(open)].map((match) => ({ index: match.index, prefix: match[1] ?? '' }));
  const first = starts[limit];
  if (first === undefined) return { xml, cut: false };
  const closing = `</${first.prefix}multistatus>`;
  return { xml: `${xml.slice(0, first.index)}${closing}`, cut: true };
}

function send(response: ServerResponse, status: number, headers: Record<string, string | string[] | undefined>, body: Buffer | string): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const clean: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && name !== 'transfer-encoding' && name !== 'connection' && name !== 'keep-alive') clean[name] = value;
  }
  clean['content-length'] = String(bytes.length);
  response.writeHead(status, clean);
  response.end(bytes);
}

const davError = (exception: string, message: string) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<d:error xmlns:d="DAV:" xmlns:s="urn:test"><s:exception>${exception}</s:exception><s:message>${message}</s:message></d:error>`;

/** "a/b.txt" → "a/b (1).txt" (the copy some servers make instead of overwriting). */
function copyName(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? `${path.slice(0, dot)}%20(1)${path.slice(dot)}` : `${path}%20(1)`;
}

function toSubTree(tree: SeedTree): webdav.SubTree {
  const subTree: webdav.SubTree = {};
  for (const [name, value] of Object.entries(tree)) subTree[name] = typeof value === 'string' ? Buffer.from(value) : toSubTree(value);
  return subTree;
}

export async function startWebDavServer(options: StartOptions = {}): Promise<WebDavTestServer> {
  const profile = options.profile ?? 'plain';
  let limits = { ...JIANGUOYUN_DEFAULTS, ...options.jianguoyun };
  const backend = await startBackend();
  const counters: Counters = { requests: 0, byMethod: {}, withCookie: 0, busy: 0, listingsCut: 0, copies: 0, faults: 0 };
  const faults: Fault[] = [];
  // performance.now, not Date: the unit suite fakes Date, and the window must pass in real time.
  let window: number[] = [];

  function takeFault(method: string): Fault | undefined {
    const index = faults.findIndex((fault) => fault.method === undefined || fault.method === method);
    if (index < 0) return undefined;
    counters.faults += 1;
    return faults.splice(index, 1)[0];
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    let path = request.url ?? '/';
    counters.requests += 1;
    counters.byMethod[method] = (counters.byMethod[method] ?? 0) + 1;
    if (request.headers.cookie !== undefined) counters.withCookie += 1;
    const body = await readBody(request);
    const extra: Record<string, string> = {};

    if (profile === 'nextcloud') {
      extra['set-cookie'] = 'nc_session_id=abc123; path=/; HttpOnly; SameSite=Lax';
      if (request.headers.cookie !== undefined) {
        return send(response, 401, { ...extra, 'content-type': 'application/xml; charset=utf-8' }, davError('NotAuthenticated', 'CSRF check not passed.'));
      }
    }
    if (profile === 'jianguoyun') {
      const now = performance.now();
      window = window.filter((time) => time > now - limits.windowMs);
      window.push(now);
      if (window.length > limits.requestsPerWindow) {
        counters.busy += 1;
        const retryAfter =
          limits.retryAfterForm === 'seconds' ? String(limits.retryAfterSeconds) : new Date(Date.now() + limits.retryAfterSeconds * 1000).toUTCString();
        return send(response, 503, { 'retry-after': retryAfter, 'content-type': 'application/xml' }, davError('BlockedTemporarily', 'Too many requests are received recently'));
      }
      const segments = path.split('?')[0]!.split('/').filter((segment) => segment !== '');
      const writesFile = ['PUT', 'DELETE', 'MOVE', 'COPY', 'PROPPATCH', 'LOCK'].includes(method) && segments.length === 1 && !path.endsWith('/');
      if (writesFile) return send(response, 403, { 'content-type': 'application/xml' }, davError('Forbidden', 'Files cannot be written in the root'));
    }

    const fault = takeFault(method);
    if (fault?.kind === 'drop') {
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'stall') return;
    if (fault?.kind === 'redirect') return send(response, fault.status ?? 307, { location: fault.location }, '');
    let forwardedBody = body;
    if (fault?.kind === 'truncate-upload') forwardedBody = body.subarray(0, Math.floor(body.length / 2));

    if (profile === 'flaky' && method === 'PUT') {
      const existing = await forward(backend.port, 'HEAD', path, request.headers, Buffer.alloc(0));
      if (existing.status === 200) {
        path = copyName(path);
        counters.copies += 1;
      }
    }

    const answer = await forward(backend.port, method, path, request.headers, forwardedBody);
    let answerBody = answer.body;
    if (profile === 'jianguoyun' && method === 'PROPFIND' && answer.status === 207) {
      const listing = cutListing(answerBody.toString('utf8'), limits.pageSize);
      if (listing.cut) counters.listingsCut += 1;
      answerBody = Buffer.from(listing.xml);
    }
    if (fault?.kind === 'foreign-href') {
      const own = `http://${request.headers.host ?? ''}`;
      answerBody = Buffer.from(answerBody.toString('utf8').split(own).join(fault.origin));
    }
    if (fault?.kind === 'truncate') {
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && name !== 'transfer-encoding' && name !== 'connection') headers[name] = value;
      headers['content-length'] = String(answerBody.length);
      response.writeHead(answer.status, headers);
      response.write(answerBody.subarray(0, Math.floor(answerBody.length / 2)), () => request.socket.destroy());
      return;
    }
    send(response, answer.status, { ...answer.headers, ...extra }, answerBody);
  }

  const proxy = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 502, {}, String(error));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const port = (proxy.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    username: WEBDAV_USER,
    password: WEBDAV_PASSWORD,
    counters,
    inject: (fault) => void faults.push(fault),
    resetWindow: () => void (window = []),
    setLimits: (changes) => void (limits = { ...limits, ...changes }),
    async seed(tree) {
      await backend.server.rootFileSystem().addSubTreeAsync(backend.server.createExternalContext(), toSubTree(tree));
    },
    async stop() {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await new Promise<void>((resolve) => backend.server.stop(() => resolve()));
    },
  };
}
