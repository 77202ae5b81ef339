// The Sync section in Firefox ESR: the server's origin is asked for through the real
// permissions.request inside the click (Firefox grants it only there, before any await; with
// extensions.webextOptionalPermissionPrompts off it grants without its doorhanger, which a test
// cannot click), against a real WebDAV server started here on 127.0.0.1.

import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebDavServer, type WebDavTestServer } from '../servers/webdav';
import { launchFirefox, type FirefoxExtension } from './support/firefox';
import { loadMessages } from './support/messages';
import { FirefoxSyncPage, waitForText } from './support/sync-pages';

const msg = loadMessages('en');
const PASSPHRASE = 'sync vault passphrase, long enough';

const statusText = (page: Page) => page.$eval('[data-sync-status]', (node) => node.textContent);

describe('Firefox ESR, en-US: setting sync up asks for the server inside the click', () => {
  let server: WebDavTestServer;
  let ext: FirefoxExtension;

  beforeAll(async () => {
    server = await startWebDavServer();
    ext = await launchFirefox({
      extraPrefs: {
        // The suites' recording proxy answers nothing but its probe: reach the local server directly.
        'network.proxy.type': 0,
        'extensions.webextOptionalPermissionPrompts': false,
      },
    });
  });

  afterAll(async () => {
    await (ext as FirefoxExtension | undefined)?.close();
    await (server as WebDavTestServer | undefined)?.stop();
  });

  it('refuses a wrong password clearly, then creates a vault and syncs', async () => {
    const sync = new FirefoxSyncPage(await ext.openPage('options.html#sync', '#sync h2', { width: 900, height: 2000 }), msg, PASSPHRASE);
    const page = sync.page;
    await sync.fillServer(`${server.url}firefox/`, server.username, 'not the password', 'Firefox at work');
    await sync.fillNewPassphrase();
    await sync.press('syncCreate');
    await waitForText(page, '#sync [role=alert]', msg('syncProblemAuth'));
    const granted = await page.evaluate(() =>
      (globalThis as unknown as { browser: { permissions: { getAll(): Promise<{ origins?: string[] }> } } }).browser.permissions.getAll(),
    );
    expect(granted.origins).toContain('http://127.0.0.1/*');

    await sync.fill(msg('syncPassword'), server.password);
    await sync.press('syncCreate');
    await waitForText(page, '[data-sync-status]', msg('syncNeverSynced'));
    await sync.press('syncNow');
    await waitForText(page, '[data-sync-status]', msg('syncSyncedJustNow'));
    expect(await statusText(page)).toContain(msg('syncSyncedJustNow'));

    // The run happened in a frame of the background page (lib/browser/offscreen.ts), which removes
    // itself once idle: the background page holds no frame afterwards.
    const frames = () =>
      page.evaluate(async () => {
        const api = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window | null> } } }).browser;
        return (await api.runtime.getBackgroundPage())?.document.querySelectorAll('iframe').length ?? null;
      });
    await expect.poll(frames, { timeout: 15_000 }).toBe(0);
  });
});
