import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { browserEnv } from './browser-env';
import { ExtensionDb } from './idb';
import { NetworkLog, resourceEntriesInBrowser } from './network';
import { CHROME_BUILD, CHROMIUM_BINARY, requireBinary, requireBuild } from './paths';
import { poll } from './wait';

export interface ChromiumOptions {
  /** The browser UI language, as chrome.i18n.getUILanguage() should report it. */
  lang?: string;
  buildDir?: string;
  /**
   * A profile directory to use (and keep) instead of a fresh temporary one: launching again on the
   * same directory is a browser restart with the same data.
   */
  profileDir?: string;
  /**
   * Keep the extension's default quiet hours (22:00–08:00). Off by default, so that suites do not
   * depend on the time of day they run at.
   */
  quietHours?: boolean;
  /** More command-line switches for Chromium. */
  extraArgs?: string[];
}

export interface ChromiumExtension {
  context: BrowserContext;
  extensionId: string;
  origin: string;
  lang: string;
  /** The extension's service worker (re-read each time: Chrome may have restarted it). */
  worker(): Promise<Worker>;
  /** A chrome-extension:// page of this extension, opened as a tab. */
  openPage(path: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** Reads the resource timing entries of a page, then closes it. */
  closePage(page: Page): Promise<void>;
  /** The extension's IndexedDB, read through one of its open pages (else its service worker). */
  db: ExtensionDb;
  /** The same database, through the service worker. */
  workerDb: ExtensionDb;
  network: NetworkLog;
  /** Adds the resource timing entries of every open page and of the worker to the network log. */
  collectResourceEntries(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Debian's Chromium with the unpacked build loaded, on a fresh temporary profile.
 * The UI language on Linux comes from $LANGUAGE (the --lang switch alone is ignored there), and
 * needs the matching locale pack: on Debian, zh-CN is in the `chromium-l10n` package.
 */
export async function launchChromium({
  lang = 'zh-CN',
  buildDir = CHROME_BUILD,
  profileDir,
  quietHours = false,
  extraArgs = [],
}: ChromiumOptions = {}): Promise<ChromiumExtension> {
  requireBuild(buildDir, 'npx wxt build');
  requireBinary(CHROMIUM_BINARY, 'Install it with `apt-get install -y chromium chromium-l10n`.');
  const profile = profileDir ?? mkdtempSync(join(tmpdir(), 'repay-e2e-chromium-'));
  // Lets Playwright report requests made by service workers as context 'request' events.
  process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_BINARY,
    headless: true,
    locale: lang,
    env: browserEnv({ LANGUAGE: lang.replace('-', '_') }),
    args: [
      `--disable-extensions-except=${buildDir}`,
      `--load-extension=${buildDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      `--lang=${lang}`,
      ...extraArgs,
    ],
  });
  const network = new NetworkLog();
  context.on('request', (request) => network.add(request.url(), `request (${request.resourceType()})`));
  context.on('page', (page) => page.on('websocket', (ws) => network.add(ws.url(), 'websocket')));

  const isOurs = (w: Worker) => w.url().startsWith('chrome-extension://') && w.url().endsWith('/background.js');
  const first =
    context.serviceWorkers().find(isOurs) ??
    (await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 10_000 }));
  const extensionId = new URL(first.url()).host;
  const origin = `chrome-extension://${extensionId}`;

  const worker = async (): Promise<Worker> => {
    const live = context.serviceWorkers().find(isOurs);
    if (live) return live;
    // Stopped while idle: any extension page waking it with a message brings it back.
    const page = context.pages().find((p) => p.url().startsWith(origin));
    if (page) await page.evaluate(() => chrome.runtime.sendMessage({ name: 'data-changed', payload: {} }).catch(() => undefined));
    return context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 10_000 });
  };

  const uiLanguage = await first.evaluate(() => chrome.i18n.getUILanguage());
  if (uiLanguage.toLowerCase() !== lang.toLowerCase()) {
    await context.close();
    throw new Error(
      `Chromium runs in ${uiLanguage}, not ${lang}. Its locale pack is probably missing (Debian: apt-get install -y chromium-l10n).`,
    );
  }

  if (!quietHours) {
    // Stored settings are read field by field; the others keep their defaults. No extra reminders
    // before a due date either (reminder-lead-days.e2e.ts tests them): the default one, the day
    // before, would fall on today for an agreement due tomorrow, shown or not depending on the hour.
    await first.evaluate(() => chrome.storage.local.set({ reminderSettings: { quietHoursEnabled: false, extraLeadDays: [] } }));
  }

  const openPage = async (path: string, viewport = { width: 380, height: 640 }): Promise<Page> => {
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    await page.goto(`${origin}/${path.replace(/^\//, '')}`);
    return page;
  };

  const collectPage = async (page: Page) => {
    if (page.isClosed() || !page.url().startsWith(origin)) return;
    network.addAll(await page.evaluate(resourceEntriesInBrowser), `performance entries of ${page.url()}`);
  };

  return {
    context,
    extensionId,
    origin,
    lang,
    worker,
    openPage,
    async closePage(page) {
      await collectPage(page);
      await page.close();
    },
    db: new ExtensionDb(async () => {
      const page = context.pages().find((p) => !p.isClosed() && p.url().startsWith(`${origin}/`));
      return page ?? worker();
    }),
    workerDb: new ExtensionDb(worker),
    network,
    async collectResourceEntries() {
      for (const page of context.pages()) await collectPage(page);
      const w = await worker();
      network.addAll(await w.evaluate(resourceEntriesInBrowser), 'performance entries of the service worker');
    },
    async close() {
      await context.close().catch(() => undefined);
      if (profileDir === undefined) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Runs in the service worker: the alarms it holds. */
export async function alarms(ext: ChromiumExtension): Promise<chrome.alarms.Alarm[]> {
  return (await ext.worker()).evaluate(() => chrome.alarms.getAll());
}

export async function notificationIds(ext: ChromiumExtension): Promise<string[]> {
  return (await ext.worker()).evaluate(async () => Object.keys(await chrome.notifications.getAll()));
}

export async function badgeText(ext: ChromiumExtension): Promise<string> {
  return (await ext.worker()).evaluate(() => chrome.action.getBadgeText({}));
}

/** Back to a first-run state between tests: no data, no notifications, badge and alarms re-derived. */
export async function resetExtension(ext: ChromiumExtension, page: Page): Promise<void> {
  await ext.db.clear();
  const w = await ext.worker();
  await w.evaluate(async () => {
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  });
  await page.evaluate(() => chrome.runtime.sendMessage({ name: 'data-changed', payload: {} }));
  await poll('the badge to clear after a reset', () => badgeText(ext), (text) => text === '');
}
