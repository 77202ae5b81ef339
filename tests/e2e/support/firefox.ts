import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { browserEnv } from './browser-env';
import { ExtensionDb, type Evaluator } from './idb';
import { NetworkLog, resourceEntriesInBrowser } from './network';
import { FIREFOX_BINARY, FIREFOX_BUILD, requireBinary, requireBuild } from './paths';
import { disableQuietHours, PROFILE_ADDON_PREFS } from './firefox-profile';
import { proxyPrefs, startRecordingProxy } from './recording-proxy';

/** browser_specific_settings.gecko.id in wxt.config.ts. */
export const GECKO_ID = 'repay-companion@example.org';
/** Pinned through extensions.webextensions.uuids, so moz-extension:// URLs are known in advance. */
export const EXTENSION_UUID = '5b0e8f8a-6a43-4c1e-9d5f-3f2a7c1e0b42';

export interface FirefoxExtension {
  browser: Browser;
  origin: string;
  /** An extension page opened as a tab (page.goto to moz-extension:// never settles, so not awaited). */
  openPage(path: string, ready: string, viewport?: { width: number; height: number }): Promise<Page>;
  closePage(page: Page): Promise<void>;
  /** The extension's IndexedDB, read through one of its pages. */
  db(page: Page): ExtensionDb;
  /** A URL the recording proxy answers, for the network tests' positive control. */
  probeUrl: string;
  network: NetworkLog;
  /**
   * Adds what reached the recording proxy, and the resource timing entries of every open extension
   * page and of the background page.
   */
  collectResourceEntries(): Promise<void>;
  close(): Promise<void>;
}

export interface FirefoxOptions {
  buildDir?: string;
  /**
   * A profile prepared with installIntoProfile (support/firefox-profile.ts): the add-on is
   * installed in it for good, so launching again on it is a Firefox restart with the same data.
   * Without it, a fresh profile and a temporary add-on (gone when Firefox closes).
   */
  profileDir?: string;
  /** Keep the default quiet hours (22:00–08:00); off by default, so no test depends on the hour. */
  quietHours?: boolean;
  /** More preferences, applied last (e.g. `network.proxy.type: 0` for a test that loads local pages). */
  extraPrefs?: Record<string, unknown>;
}

/** The extension's alarms, asked from one of its pages (they share the extension's alarm list). */
export function firefoxAlarms(page: Page): Promise<{ name: string; scheduledTime: number }[]> {
  return page.evaluate(() =>
    (globalThis as unknown as { browser: { alarms: { getAll(): Promise<{ name: string; scheduledTime: number }[]> } } }).browser.alarms.getAll(),
  );
}

/** Firefox ESR (UI language en-US) with the MV3 build installed as a temporary add-on. */
export async function launchFirefox({ buildDir = FIREFOX_BUILD, profileDir, quietHours = false, extraPrefs = {} }: FirefoxOptions = {}): Promise<FirefoxExtension> {
  requireBuild(buildDir, 'npx wxt build -b firefox --mv3');
  requireBinary(FIREFOX_BINARY, 'Install it with `apt-get install -y firefox-esr`.');
  const proxy = await startRecordingProxy();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_BINARY,
    headless: true,
    // Release builds honour services.settings.server (see proxyPrefs) only with this set.
    env: browserEnv({ MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' }),
    // Without it, navigating to moz-extension:// pages is refused.
    args: ['--remote-allow-system-access'],
    ...(profileDir === undefined ? {} : { userDataDir: profileDir }),
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      ...proxyPrefs(proxy.port),
      ...(profileDir === undefined ? {} : PROFILE_ADDON_PREFS),
      ...extraPrefs,
    },
  });
  const installed = profileDir === undefined ? await browser.installExtension(buildDir) : GECKO_ID;
  if (installed !== GECKO_ID) {
    await browser.close();
    await proxy.close();
    throw new Error(`Installed add-on id ${installed}, expected ${GECKO_ID} (browser_specific_settings.gecko.id)`);
  }
  const origin = `moz-extension://${EXTENSION_UUID}`;
  if (!quietHours) await disableQuietHours(browser, origin);
  const network = new NetworkLog();
  /** Everything that reached the proxy so far, added to the network log once. */
  let proxied = 0;
  const collectProxy = () => {
    network.addAll(proxy.urls.slice(proxied), 'proxy');
    proxied = proxy.urls.length;
  };
  const pages = new Set<Page>();

  const collectPage = async (page: Page) => {
    if (page.isClosed() || !page.url().startsWith(origin)) return;
    network.addAll(await page.evaluate(resourceEntriesInBrowser), `performance entries of ${page.url()}`);
  };

  return {
    browser,
    origin,
    async openPage(path, ready, viewport = { width: 380, height: 640 }) {
      const page = await browser.newPage();
      pages.add(page);
      page.on('request', (request) => network.add(request.url(), 'request event of the page'));
      await page.setViewport(viewport);
      page.goto(`${origin}/${path.replace(/^\//, '')}`).catch(() => undefined);
      // While the tab swaps about:blank for the extension page, a selector query can hit the old,
      // dying document and fail with a protocol error: ask again until the deadline.
      const deadline = Date.now() + 15_000;
      for (;;) {
        try {
          await page.waitForSelector(ready, { timeout: Math.max(1_000, deadline - Date.now()) });
          // The popup's first screen kept from the last opening may be painted before React: wait for live data.
          await page.waitForSelector('html:not([data-snapshot])', { timeout: Math.max(1_000, deadline - Date.now()) });
          return page;
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    },
    async closePage(page) {
      collectProxy();
      await collectPage(page);
      pages.delete(page);
      await page.close();
    },
    db: (page) => new ExtensionDb(() => page as unknown as Evaluator),
    probeUrl: proxy.probeUrl,
    network,
    async collectResourceEntries() {
      collectProxy();
      const open = [...pages].filter((page) => !page.isClosed());
      for (const page of open) await collectPage(page);
      const anyPage = open[0];
      if (!anyPage) throw new Error('Open an extension page before collecting resource entries');
      // The MV3 background is an event page in Firefox: its window is reachable from our pages.
      const background = await anyPage.evaluate(async () => {
        const api = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window | null> } } })
          .browser;
        const page = await api.runtime.getBackgroundPage();
        return page ? page.performance.getEntriesByType('resource').map((entry) => entry.name) : null;
      });
      if (background === null) throw new Error('The background page could not be reached');
      network.addAll(background, 'performance entries of the background page');
    },
    async close() {
      await browser.close().catch(() => undefined);
      await proxy.close();
    },
  };
}
