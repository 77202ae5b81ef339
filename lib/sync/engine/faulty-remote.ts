import { RemoteError, type PutOptions, type RemoteEntry, type RemoteFiles } from '../remote';

/**
 * Unit tests only: a server (any RemoteFiles) that fails one request of the next sync, as real
 * ones do: a 503 "busy" answer, or the connection lost (the browser closed, the worker killed)
 * after the request reached the server; or one that answers a PUT without replacing the file
 * (`keepOld`). Counts every request it forwards.
 */
export class FaultyRemote implements RemoteFiles {
  /** Requests forwarded since the last `arm` or `reset`. */
  count = 0;
  private failAt: number | null = null;
  private fault: 'busy' | 'crash-after' = 'busy';
  /** The file `keepOld` names, and the size of the body its PUT sent once that PUT came. */
  private kept: { path: string; sent?: number } | null = null;

  constructor(readonly inner: RemoteFiles) {}

  /** The `at`-th request from now (1: the next) fails: before it reaches the server (busy), or after it did (crash-after). */
  arm(at: number, fault: 'busy' | 'crash-after'): void {
    this.count = 0;
    this.failAt = at;
    this.fault = fault;
  }

  reset(): void {
    this.count = 0;
    this.failAt = null;
  }

  /**
   * The next PUT of `path` is answered as stored, with an ETag of its own making, but the file there
   * is not replaced: a server that kept the old one. Until `path` is written again, listings show
   * the kept file (its own ETag) with the size of the body that PUT sent, when they show sizes: an
   * old file can be of the same size as the new one, and here it always is, whatever the contents.
   * `reset` leaves this in place.
   */
  keepOld(path: string): void {
    this.kept = { path };
  }

  private async forward<T>(request: () => Promise<T>): Promise<T> {
    this.count += 1;
    if (this.count !== this.failAt) return request();
    this.failAt = null;
    if (this.fault === 'busy') throw new RemoteError('busy', 'Service unavailable', 503, 1_000);
    await request();
    throw new RemoteError('network', 'The connection closed before the answer');
  }

  list(folder: string): Promise<RemoteEntry[]> {
    return this.forward(async () => {
      const entries = await this.inner.list(folder);
      const kept = this.kept;
      if (kept?.sent === undefined) return entries;
      return entries.map((entry) => (entry.path === kept.path && entry.size !== undefined ? { ...entry, size: kept.sent } : entry));
    });
  }
  get(path: string): Promise<Uint8Array | null> {
    return this.forward(() => this.inner.get(path));
  }
  put(path: string, body: Uint8Array, options?: PutOptions): Promise<{ etag?: string }> {
    return this.forward(() => {
      if (this.kept?.path === path && this.kept.sent === undefined) {
        this.kept = { path, sent: body.length };
        return Promise.resolve({ etag: '"kept-not-replaced"' });
      }
      if (this.kept?.path === path) this.kept = null;
      return this.inner.put(path, body, options);
    });
  }
  makeFolder(folder: string): Promise<void> {
    return this.forward(() => this.inner.makeFolder(folder));
  }
  move(from: string, to: string, options?: { overwrite?: boolean }): Promise<void> {
    return this.forward(() => this.inner.move(from, to, options));
  }
  remove(path: string): Promise<void> {
    return this.forward(() => this.inner.remove(path));
  }
}
