import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';

type Manifest = { permissions?: string[]; host_permissions?: string[]; commands?: Record<string, { suggested_key?: { default?: string } }> };
const manifestFor = (browser: 'chrome' | 'firefox') =>
  (config.manifest as (env: { browser: string; manifestVersion: number; mode: string; command: string }) => Manifest)({
    browser,
    manifestVersion: 3,
    mode: 'production',
    command: 'build',
  });

describe('manifest: evidence capture in Chrome and Firefox', () => {
  for (const browser of ['chrome', 'firefox'] as const) {
    it(`${browser}: context menu and activeTab, no host permission, a capture shortcut within the limit of 4`, () => {
      const manifest = manifestFor(browser);
      expect(manifest.permissions).toEqual(expect.arrayContaining(['contextMenus', 'activeTab', 'notifications', 'unlimitedStorage']));
      // captureVisibleTab would also run with <all_urls>; we never ask for it.
      expect(manifest.permissions).not.toContain('<all_urls>');
      expect(manifest.permissions).not.toContain('tabs');
      expect(manifest.host_permissions ?? []).toEqual([]);
      const commands = manifest.commands ?? {};
      expect(commands['capture-evidence']?.suggested_key?.default).toBe('Alt+Shift+S');
      // Chrome ignores suggested keys beyond 4 commands; keys must not collide either.
      const keys = Object.values(commands).flatMap((c) => (c.suggested_key?.default ? [c.suggested_key.default] : []));
      expect(keys.length).toBeLessThanOrEqual(4);
      expect(new Set(keys).size).toBe(keys.length);
    });
  }
});

describe('manifest: every permission is explained in the store listings', () => {
  const tables = ['en', 'zh-CN'].map((language) => {
    const text = readFileSync(new URL(`../../docs/store/listing.${language}.md`, import.meta.url), 'utf8');
    // The first cell of each row of the permissions table: "storage, unlimitedStorage" or "storage、unlimitedStorage".
    const named = [...text.matchAll(/^\| ([A-Za-z, 、]+) \|/gm)].flatMap((row) => (row[1] ?? '').split(/[,、]\s*/).map((name) => name.trim()));
    return { language, named: new Set(named) };
  });

  for (const browser of ['chrome', 'firefox'] as const) {
    it(`${browser}: each permission has its row, in both languages`, () => {
      for (const { language, named } of tables) {
        for (const permission of manifestFor(browser).permissions ?? []) expect(named, `${permission} in listing.${language}.md`).toContain(permission);
      }
    });
  }
});
