/**
 * Everything the extension loaded, from every source the tests can see. The extension has no host
 * permissions and must work offline: only its own files (and data:/blob: URLs) may appear.
 */
export class NetworkLog {
  readonly entries: { url: string; source: string }[] = [];

  add(url: string, source: string): void {
    this.entries.push({ url, source });
  }

  addAll(urls: readonly string[], source: string): void {
    for (const url of urls) this.add(url, source);
  }

  /** Entries whose URL is not one of the extension's own (`scheme://host/…`), data: or blob:. */
  foreign(extensionOrigin: string): { url: string; source: string }[] {
    return this.entries.filter(({ url }) => {
      if (url.startsWith('data:')) return false;
      if (url.startsWith('blob:')) return !url.startsWith(`blob:${extensionOrigin}/`);
      return !url.startsWith(`${extensionOrigin}/`);
    });
  }
}

/** Runs in a page or worker: every resource it fetched, as the Performance API recorded it. */
export function resourceEntriesInBrowser(): string[] {
  return performance.getEntriesByType('resource').map((entry) => entry.name);
}
