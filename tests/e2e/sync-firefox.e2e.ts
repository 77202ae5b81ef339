// The Sync section in Firefox ESR: the server's origin is asked for through the real
// permissions.request inside the click (Firefox grants it only there, before any await; with
// extensions.webextOptionalPermissionPrompts off it grants without its doorhanger, which a test
// cannot click), against a real WebDAV server started here on 127.0.0.1.

import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebDavServer, type WebDavTestServer } from '../servers/webdav';
import { launchFirefox, type FirefoxExtension } from './support/firefox';
import { loadMessages } from './support/messages';

const msg = loadMessages('en');
const PASSPHRASE = 'sync vault passphrase, long enough';

const statusText = (page: Page) => page.$eval('[data-sync-status]', (node) => node.textContent);

async function waitForText(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    (sel, expected) => [...document.querySelectorAll(sel)].some((node) => node.textContent.includes(expected)),
    { timeout: 30_000 },
    selector,
    text,
  );
}

/** Types into the field labelled `label` (exact text) in the Sync section, replacing what it held. */
async function fill(page: Page, label: string, value: string, scope = '#sync'): Promise<void> {
  const id = await page.$$eval(`${scope} label`, (labels, text) => labels.find((node) => node.textContent === text)?.htmlFor ?? null, label);
  if (id === null) throw new Error(`No field labelled "${label}"`);
  const selector = `[id="${id}"]`;
  await page.click(selector, { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, value);
}

const press = (page: Page, name: string) => page.click(`#sync button::-p-text(${name})`);

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
    const page = await ext.openPage('options.html#sync', '#sync h2', { width: 900, height: 1800 });
    await page.select('#sync select', 'webdav');
    await fill(page, msg('syncWebdavUrl'), `${server.url}firefox/`);
    await fill(page, msg('syncUsername'), server.username);
    await fill(page, msg('syncPassword'), 'not the password');
    await fill(page, msg('syncDeviceName'), 'Firefox at work');
    await fill(page, msg('syncVaultPassphrase'), PASSPHRASE, '#sync form:nth-of-type(1)');
    await fill(page, msg('syncVaultPassphraseConfirm'), PASSPHRASE, '#sync form:nth-of-type(1)');
    await press(page, msg('syncCreate'));
    await waitForText(page, '#sync [role=alert]', msg('syncProblemAuth'));
    const granted = await page.evaluate(() =>
      (globalThis as unknown as { browser: { permissions: { getAll(): Promise<{ origins?: string[] }> } } }).browser.permissions.getAll(),
    );
    expect(granted.origins).toContain('http://127.0.0.1/*');

    await fill(page, msg('syncPassword'), server.password);
    await press(page, msg('syncCreate'));
    await waitForText(page, '[data-sync-status]', msg('syncNeverSynced'));
    await press(page, msg('syncNow'));
    await waitForText(page, '[data-sync-status]', msg('syncSyncedJustNow'));
    expect(await statusText(page)).toContain(msg('syncSyncedJustNow'));
  });
});
