import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { hasHostPermission, isHostPattern, removeHostPermission, requestHostPermission } from './host-permission';

/**
 * The fake browser has no permissions API: an in-memory one that grants what the "user" accepts
 * and records when each request was made.
 */
let granted: Set<string>;
let asked: string[][];
let userAccepts: boolean;

beforeEach(() => {
  granted = new Set();
  asked = [];
  userAccepts = true;
  Object.assign(fakeBrowser.permissions, {
    request: ({ origins = [] }: { origins?: string[] }) => {
      asked.push(origins);
      if (userAccepts) for (const origin of origins) granted.add(origin);
      return Promise.resolve(userAccepts);
    },
    contains: ({ origins = [] }: { origins?: string[] }) => Promise.resolve(origins.every((origin) => granted.has(origin))),
    remove: ({ origins = [] }: { origins?: string[] }) => Promise.resolve(origins.map((origin) => granted.delete(origin)).every(Boolean)),
  });
});

describe('the host permission for the vault’s server', () => {
  it('is asked for in the same synchronous step as the click, before anything is awaited', async () => {
    const pending = requestHostPermission('https://dav.jianguoyun.com/*');
    // Nothing has been awaited yet, and the browser has already been asked (Firefox requires it).
    expect(asked).toEqual([['https://dav.jianguoyun.com/*']]);
    expect(await pending).toBe(true);
    expect(await hasHostPermission('https://dav.jianguoyun.com/*')).toBe(true);
    expect(await hasHostPermission('https://cloud.example.org/*')).toBe(false);
  });

  it('says so when the user refuses, and can be given back', async () => {
    userAccepts = false;
    expect(await requestHostPermission('https://cloud.example.org/*')).toBe(false);
    expect(await hasHostPermission('https://cloud.example.org/*')).toBe(false);
    userAccepts = true;
    await requestHostPermission('http://127.0.0.1/*');
    expect(await removeHostPermission('http://127.0.0.1/*')).toBe(true);
    expect(await hasHostPermission('http://127.0.0.1/*')).toBe(false);
  });

  it('asks for one host only, never a pattern wider than the server', async () => {
    for (const pattern of ['https://*/*', '<all_urls>', 'https://a.example:8443/*', 'https://a.example/path/*', 'ftp://a.example/*', 'https://u@a.example/*']) {
      expect(isHostPattern(pattern), pattern).toBe(false);
      await expect(requestHostPermission(pattern)).rejects.toThrow(/Not a host pattern/);
      expect(await hasHostPermission(pattern)).toBe(false);
    }
    expect(asked).toEqual([]);
    expect(isHostPattern('https://dav.jianguoyun.com/*')).toBe(true);
    expect(isHostPattern('http://localhost/*')).toBe(true);
  });
});
