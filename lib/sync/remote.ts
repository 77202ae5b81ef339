// The remote side of sync, as the layers above the transport see it: a tree of files under one
// vault folder on the user's WebDAV server. Paths are relative to that folder, '/'-separated, with
// no leading slash; a folder path ends with '/'. The transport (`lib/sync/webdav/`) implements it
// over `fetch`; unit tests of the layers above may use `lib/sync/memory-remote.ts`.

/** One entry of a folder's listing. Sizes and ETags are the server's; modification times are never read. */
export interface RemoteEntry {
  /** Path relative to the vault folder; folders end with '/'. */
  readonly path: string;
  /** Last path segment, without a trailing '/'. */
  readonly name: string;
  readonly isFolder: boolean;
  /** Bytes, when the server says. */
  readonly size?: number;
  readonly etag?: string;
}

export interface PutOptions {
  /** Only write when the file does not exist yet (`If-None-Match: *`). */
  readonly createOnly?: boolean;
  /** Only write when the file still has this ETag (`If-Match`). */
  readonly ifMatch?: string;
}

export type RemoteErrorKind =
  | 'auth' // 401: wrong user or password (or a cookie reached Nextcloud's CSRF check)
  | 'forbidden' // 403
  | 'not-found' // 404 where a file was required
  | 'conflict' // 409: a parent folder is missing
  | 'precondition' // 412: If-Match / If-None-Match failed
  | 'busy' // 429 or 503; `retryAfterMs` when the server said
  | 'insufficient-storage' // 507
  | 'network' // no answer, or the connection dropped
  | 'truncated' // a body shorter than its Content-Length, or unparsable XML
  | 'origin' // a redirect or href that leaves the server's origin: refused
  | 'server'; // anything else

export class RemoteError extends Error {
  constructor(
    readonly kind: RemoteErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

/** What the format and merge layers need from a server. Every method may throw `RemoteError`. */
export interface RemoteFiles {
  /** The direct children of `folder` (PROPFIND Depth 1), the folder itself left out. */
  list(folder: string): Promise<RemoteEntry[]>;
  /** The file's bytes, or `null` when it does not exist. */
  get(path: string): Promise<Uint8Array | null>;
  put(path: string, body: Uint8Array, options?: PutOptions): Promise<{ etag?: string }>;
  /** Creates the folder; an existing folder is not an error. */
  makeFolder(folder: string): Promise<void>;
  /** Renames `from` to `to` (MOVE), replacing `to` only when `overwrite`. */
  move(from: string, to: string, options?: { overwrite?: boolean }): Promise<void>;
  /** Deletes a file or folder; a missing one is not an error. */
  remove(path: string): Promise<void>;
}

/** ETags compared as a server may rewrite them: weak or strong, with Apache's `-gzip` suffix or without. */
export function sameEtag(a: string, b: string): boolean {
  const bare = (tag: string) => tag.trim().replace(/^W\//, '').replace(/-gzip"$/, '"');
  return bare(a) === bare(b);
}
