// Where the vault lives: the user picks a kind of server and fills in a few fields; this turns them
// into the vault folder's URL, the origin the optional host permission is asked for, and what the
// transport must know about that server. Pure: the options page shows the error codes in the user's
// language, and the transport takes the result.
//
// Server facts behind the presets (from the issue trackers of other WebDAV sync clients):
// - 坚果云 (Nutstore): https://dav.jianguoyun.com/dav/, only with an app password made for the client
//   (账户信息 → 安全选项 → 第三方应用管理), never the account password. Files cannot be written in the
//   /dav/ root itself, so the vault is always a folder below it. A listing returns at most 750
//   entries; the free plan allows about 600 requests per 30 minutes.
// - Nextcloud (and ownCloud): <server>/remote.php/dav/files/<user>/; an app password is advised
//   (required with two-factor sign-in).
// - Any other WebDAV server: the vault folder's URL as the user gives it.

import type { BudgetLimits } from './backoff';

export type ServerKind = 'jianguoyun' | 'nextcloud' | 'webdav';

export const JIANGUOYUN_ROOT = 'https://dav.jianguoyun.com/dav/';
const JIANGUOYUN_HOST = 'dav.jianguoyun.com';

/** The folder the vault gets when the user names none. */
export const DEFAULT_VAULT_FOLDER = 'repay-companion';

/** Most entries 坚果云 returns for one listing: a listing that reaches it may be incomplete. */
export const JIANGUOYUN_LISTING_PAGE = 750;

/** Our share of 坚果云's free-plan quota (about 600 requests per 30 minutes), leaving room for the user's other clients. */
export const JIANGUOYUN_BUDGET: BudgetLimits = { requests: 480, windowMs: 30 * 60_000 };

export type VaultInput =
  | { readonly kind: 'jianguoyun'; readonly folder: string }
  | { readonly kind: 'nextcloud'; readonly server: string; readonly user: string; readonly folder: string }
  | { readonly kind: 'webdav'; readonly url: string };

export type VaultInputError =
  | 'url-invalid' // not a URL at all
  | 'url-scheme' // neither https: nor http:
  | 'url-insecure' // http: to anything but this computer (127.0.0.1, localhost)
  | 'url-credentials' // user or password written inside the URL
  | 'url-query' // a ?query or #fragment, which WebDAV paths do not have
  | 'folder-missing' // 坚果云: the vault must be a folder below /dav/, not the root
  | 'folder-invalid' // an empty, "." or ".." segment, a backslash or a control character
  | 'user-missing'; // Nextcloud: the user name is needed in the URL

export interface VaultLocation {
  readonly kind: ServerKind;
  /** The vault folder's URL, ending with '/', percent-encoded. */
  readonly folderUrl: string;
  /** `https://host` (with a port when there is one): every request must stay on it. */
  readonly origin: string;
  /** The match pattern for `permissions.request({ origins })`, e.g. `https://dav.jianguoyun.com/*`. */
  readonly permissionPattern: string;
  /** The server wants an app password rather than the account's. */
  readonly appPassword: 'required' | 'advised' | 'no';
  /** A listing this long may have been cut by the server. */
  readonly listingPageSize?: number;
  /** Requests we allow ourselves on this server. */
  readonly budget?: BudgetLimits;
}

export type VaultResult = { readonly ok: true; readonly location: VaultLocation } | { readonly ok: false; readonly error: VaultInputError };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost']);

/** `https://*.example/*`-style pattern for one host; match patterns carry no port. */
export function permissionPatternFor(url: URL): string {
  return `${url.protocol}//${url.hostname}/*`;
}

function folderSegments(folder: string): string[] | VaultInputError {
  const trimmed = folder.trim().replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return 'folder-missing';
  const segments = trimmed.split('/');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || /[\\\u0000-\u001f\u007f]/.test(segment))) {
    return 'folder-invalid';
  }
  return segments;
}

function parseServerUrl(text: string): URL | VaultInputError {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return 'url-invalid';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'url-scheme';
  if (url.username !== '' || url.password !== '') return 'url-credentials';
  if (url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#')) return 'url-query';
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) return 'url-insecure';
  return url;
}

/** Appends encoded segments to a URL's path (which keeps its own encoding) and ends it with '/'. */
function withFolder(base: URL, segments: readonly string[]): URL {
  const path = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  const url = new URL(base.href);
  url.pathname = `${path}${segments.map((segment) => `${encodeURIComponent(segment)}/`).join('')}`;
  return url;
}

function located(kind: ServerKind, url: URL): VaultResult {
  const onJianguoyun = url.hostname === JIANGUOYUN_HOST;
  return {
    ok: true,
    location: {
      kind: onJianguoyun ? 'jianguoyun' : kind,
      folderUrl: url.href,
      origin: url.origin,
      permissionPattern: permissionPatternFor(url),
      appPassword: onJianguoyun ? 'required' : kind === 'nextcloud' ? 'advised' : 'no',
      ...(onJianguoyun ? { listingPageSize: JIANGUOYUN_LISTING_PAGE, budget: JIANGUOYUN_BUDGET } : {}),
    },
  };
}

/** Checks what the user typed and says where the vault is, or why it cannot be there. */
export function resolveVault(input: VaultInput): VaultResult {
  if (input.kind === 'jianguoyun') {
    const segments = folderSegments(input.folder);
    if (typeof segments === 'string') return { ok: false, error: segments };
    return located('jianguoyun', withFolder(new URL(JIANGUOYUN_ROOT), segments));
  }
  if (input.kind === 'nextcloud') {
    const server = parseServerUrl(input.server);
    if (typeof server === 'string') return { ok: false, error: server };
    const user = input.user.trim();
    if (user === '') return { ok: false, error: 'user-missing' };
    const segments = folderSegments(input.folder);
    if (typeof segments === 'string') return { ok: false, error: segments };
    // A pasted WebDAV address (…/remote.php/webdav/ or …/remote.php/dav/files/u/) gives the server below it.
    const at = server.pathname.indexOf('/remote.php');
    const root = new URL(server.href);
    root.pathname = at < 0 ? server.pathname : server.pathname.slice(0, at);
    return located('nextcloud', withFolder(root, ['remote.php', 'dav', 'files', user, ...segments]));
  }
  const url = parseServerUrl(input.url);
  if (typeof url === 'string') return { ok: false, error: url };
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, error: 'url-invalid' };
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\\\u0000-\u001f\u007f]/.test(decoded) || decoded.split('/').some((segment) => segment === '.' || segment === '..')) {
    return { ok: false, error: 'folder-invalid' };
  }
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  if (url.hostname === JIANGUOYUN_HOST && (url.pathname === '/dav/' || url.pathname === '/')) return { ok: false, error: 'folder-missing' };
  return located('webdav', url);
}
