import { RemoteError, type PutOptions, type RemoteEntry, type RemoteFiles } from './remote';

/**
 * A strict WebDAV server in memory, for unit tests of the layers above the transport. It answers
 * the way the stricter real servers do (Apache mod_dav, webdav-server):
 *
 * - a PUT, MKCOL or MOVE whose parent folder is missing is a 409 (`conflict`), never an implicit
 *   folder;
 * - `createOnly` on an existing file and `ifMatch` on another ETag are 412 (`precondition`);
 * - MOVE without `overwrite` onto an existing file is 412; MOVE of a missing file is 404;
 * - listing a missing folder is 404; a file has no listing (409).
 *
 * Faults a flaky server shows can be switched on: listings cut after N entries (坚果云 pages at
 * 750 and a client that stops at the first page sees no more), servers that ignore
 * If-None-Match, that report no sizes, and any PUT stored short or refused (`beforePut`).
 *
 * Real-server tests of the transport live with the transport; this fake never stands in for them.
 */

export interface MemoryRemoteOptions {
  /** Each listing returns at most this many entries, silently (a server that pages listings). */
  listLimit?: number;
  /** PUT with `createOnly` overwrites anyway (servers that ignore If-None-Match). */
  ignoreCreateOnly?: boolean;
  /** Listings carry no sizes. */
  omitSizes?: boolean;
  /**
   * Called before each PUT is stored: return `store` to keep other bytes than were sent (a body cut
   * by a proxy, answered 201 all the same), or `fail` to refuse it. `fail` with `store` keeps the
   * bytes and throws after (a connection that dropped once the server had most of it).
   */
  beforePut?: (path: string, body: Uint8Array) => { store?: Uint8Array; fail?: RemoteError } | undefined;
}

interface StoredFile {
  bytes: Uint8Array;
  etag: string;
}

/** 'a/b/' and 'a/b' name the same folder; '' is the root. */
function folderKey(folder: string): string {
  const trimmed = folder.replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed === '' ? '' : `${trimmed}/`;
}

function parentOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const cut = trimmed.lastIndexOf('/');
  return cut < 0 ? '' : `${trimmed.slice(0, cut)}/`;
}

function nameOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export class MemoryRemote implements RemoteFiles {
  private readonly files = new Map<string, StoredFile>();
  private readonly folders = new Set<string>(['']);
  /** Each folder's children (files, and folders ending with '/'), so that a listing does not scan the whole server. */
  private readonly children = new Map<string, Set<string>>();
  private etagCounter = 0;
  /** Every call, in order (`list d/`, `put vault`…), for tests that count requests. */
  readonly calls: string[] = [];

  constructor(private readonly options: MemoryRemoteOptions = {}) {}

  /** Changes the fault switches of a running server. */
  configure(options: MemoryRemoteOptions): void {
    Object.assign(this.options, options);
  }

  list(folder: string): Promise<RemoteEntry[]> {
    const key = folderKey(folder);
    this.calls.push(`list ${key}`);
    if (this.files.has(key.replace(/\/$/, ''))) return Promise.reject(new RemoteError('conflict', `${key} is a file`, 409));
    if (!this.folders.has(key)) return Promise.reject(new RemoteError('not-found', `${key} does not exist`, 404));
    const entries: RemoteEntry[] = [];
    for (const path of this.children.get(key) ?? []) {
      const file = this.files.get(path);
      if (!file) {
        entries.push({ path, name: nameOf(path), isFolder: true });
        continue;
      }
      entries.push({ path, name: nameOf(path), isFolder: false, etag: file.etag, ...(this.options.omitSizes ? {} : { size: file.bytes.length }) });
    }
    entries.sort((a, b) => (a.path < b.path ? -1 : 1));
    return Promise.resolve(this.options.listLimit === undefined ? entries : entries.slice(0, this.options.listLimit));
  }

  get(path: string): Promise<Uint8Array | null> {
    this.calls.push(`get ${path}`);
    const file = this.files.get(path);
    return Promise.resolve(file ? file.bytes.slice() : null);
  }

  put(path: string, body: Uint8Array, options: PutOptions = {}): Promise<{ etag?: string }> {
    this.calls.push(`put ${path}`);
    if (this.folders.has(folderKey(path))) return Promise.reject(new RemoteError('conflict', `${path} is a folder`, 405));
    if (!this.folders.has(parentOf(path))) return Promise.reject(new RemoteError('conflict', `the folder of ${path} does not exist`, 409));
    const existing = this.files.get(path);
    if (options.createOnly && existing && !this.options.ignoreCreateOnly) {
      return Promise.reject(new RemoteError('precondition', `${path} exists`, 412));
    }
    if (options.ifMatch !== undefined && existing?.etag !== options.ifMatch) {
      return Promise.reject(new RemoteError('precondition', `${path} changed`, 412));
    }
    const fault = this.options.beforePut?.(path, body);
    if (fault?.store === undefined && fault?.fail) return Promise.reject(fault.fail);
    const etag = this.nextEtag();
    this.setFile(path, { bytes: (fault?.store ?? body).slice(), etag });
    if (fault?.fail) return Promise.reject(fault.fail);
    return Promise.resolve({ etag });
  }

  makeFolder(folder: string): Promise<void> {
    const key = folderKey(folder);
    this.calls.push(`mkcol ${key}`);
    if (this.files.has(key.replace(/\/$/, ''))) return Promise.reject(new RemoteError('conflict', `${key} is a file`, 405));
    if (this.folders.has(key)) return Promise.resolve();
    if (!this.folders.has(parentOf(key))) return Promise.reject(new RemoteError('conflict', `the parent of ${key} does not exist`, 409));
    this.addFolder(key);
    return Promise.resolve();
  }

  move(from: string, to: string, options: { overwrite?: boolean } = {}): Promise<void> {
    this.calls.push(`move ${from} ${to}`);
    const file = this.files.get(from);
    const fromFolder = folderKey(from);
    if (!file && (fromFolder === '' || !this.folders.has(fromFolder))) return Promise.reject(new RemoteError('not-found', `${from} does not exist`, 404));
    if (!this.folders.has(parentOf(to))) return Promise.reject(new RemoteError('conflict', `the folder of ${to} does not exist`, 409));
    const targetExists = this.files.has(to.replace(/\/$/, '')) || this.folders.has(folderKey(to));
    if (targetExists && !options.overwrite) return Promise.reject(new RemoteError('precondition', `${to} exists`, 412));
    if (targetExists) this.removeNow(to);
    if (file) {
      this.deleteFile(from);
      this.setFile(to.replace(/\/$/, ''), { bytes: file.bytes, etag: this.nextEtag() });
      return Promise.resolve();
    }
    const toFolder = folderKey(to);
    const folders = [...this.folders].filter((sub) => sub.startsWith(fromFolder)).sort();
    const files = [...this.files].filter(([path]) => path.startsWith(fromFolder));
    for (const sub of [...folders].reverse()) this.deleteFolder(sub);
    for (const [path] of files) this.deleteFile(path);
    for (const sub of folders) this.addFolder(toFolder + sub.slice(fromFolder.length));
    for (const [path, stored] of files) this.setFile(toFolder + path.slice(fromFolder.length), stored);
    return Promise.resolve();
  }

  remove(path: string): Promise<void> {
    this.calls.push(`delete ${path}`);
    this.removeNow(path);
    return Promise.resolve();
  }

  /** Every file's path, sorted (tests). */
  filePaths(): string[] {
    return [...this.files.keys()].sort();
  }

  /** Every folder's path but the root, sorted (tests). */
  folderPaths(): string[] {
    return [...this.folders].filter((folder) => folder !== '').sort();
  }

  /** Writes bytes as they are, bypassing every check and fault (tests that damage or plant files). */
  plant(path: string, bytes: Uint8Array): void {
    const missing: string[] = [];
    let parent = parentOf(path);
    while (parent !== '' && !this.folders.has(parent)) {
      missing.push(parent);
      parent = parentOf(parent);
    }
    for (const folder of missing.reverse()) this.addFolder(folder);
    this.setFile(path, { bytes: bytes.slice(), etag: this.nextEtag() });
  }

  private removeNow(path: string): void {
    this.deleteFile(path.replace(/\/$/, ''));
    const key = folderKey(path);
    if (key === '') return;
    for (const file of [...this.files.keys()]) if (file.startsWith(key)) this.deleteFile(file);
    for (const sub of [...this.folders]) if (sub.startsWith(key)) this.deleteFolder(sub);
  }

  private setFile(path: string, stored: StoredFile): void {
    this.files.set(path, stored);
    this.childrenOf(parentOf(path)).add(path);
  }

  private deleteFile(path: string): void {
    if (this.files.delete(path)) this.children.get(parentOf(path))?.delete(path);
  }

  private addFolder(key: string): void {
    this.folders.add(key);
    this.childrenOf(parentOf(key)).add(key);
  }

  private deleteFolder(key: string): void {
    this.folders.delete(key);
    this.children.get(parentOf(key))?.delete(key);
    this.children.delete(key);
  }

  private childrenOf(folder: string): Set<string> {
    let set = this.children.get(folder);
    if (!set) {
      set = new Set();
      this.children.set(folder, set);
    }
    return set;
  }

  private nextEtag(): string {
    this.etagCounter += 1;
    return `"m${this.etagCounter}"`;
  }
}
