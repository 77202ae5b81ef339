import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRadicale, type RadicaleServer } from '../servers/radicale';
import { eventsOnServer, ourCalendarUrl } from './support/calendar-server';
import { browserDays } from './support/dates';
import { launchFirefox, type FirefoxExtension } from './support/firefox';
import { aria, FirefoxPopup } from './support/firefox-pages';
import { loadMessages } from './support/messages';
import { poll } from './support/wait';

/**
 * The Calendar section in Firefox ESR (en-US, MV3 background page) against a real Radicale on
 * 127.0.0.1: the permission for the server is asked through the real permissions.request inside
 * the click (granted without the doorhanger, which a test cannot click, when
 * extensions.webextOptionalPermissionPrompts is off); then connect, create the calendar, add an
 * agreement in the popup, and read its events back from the server over HTTP.
 */

const msg = loadMessages('en');

/** The control of the Calendar section whose label says `text`. */
async function field(page: Page, text: string): Promise<ElementHandle> {
  const id = await page.waitForFunction(
    (label) => [...document.querySelectorAll('#calendar label')].find((l) => l.textContent === label)?.getAttribute('for') ?? false,
    { timeout: 10_000 },
    text,
  );
  const handle = await page.$(`[id="${String(await id.jsonValue())}"]`);
  if (!handle) throw new Error(`No control labelled ${text}`);
  return handle;
}

async function sectionText(page: Page): Promise<string> {
  return page.$eval('#calendar', (el) => (el as HTMLElement).innerText);
}

describe('Firefox ESR, en-US: pushing to the user’s CalDAV calendar', { timeout: 120_000 }, () => {
  let server: RadicaleServer;
  let ext: FirefoxExtension;

  beforeAll(async () => {
    server = await startRadicale();
    ext = await launchFirefox({
      extraPrefs: {
        // The suites' recording proxy answers nothing but its probe: reach the local server directly.
        'network.proxy.type': 0,
        'extensions.webextOptionalPermissionPrompts': false,
      },
    });
  }, 60_000);

  afterAll(async () => {
    await (ext as FirefoxExtension | undefined)?.close();
    await (server as RadicaleServer | undefined)?.dispose();
  });

  it('asks for the server inside the click, connects, and an agreement added in the popup reaches the server', async () => {
    const options = await ext.openPage('options.html#calendar', aria(msg('calendarTitle'), 'region'), { width: 900, height: 1400 });
    await (await field(options, msg('calendarServerKind'))).select('radicale');
    await (await field(options, msg('calendarServerUrl'))).type(server.url);
    await (await field(options, msg('calendarUsername'))).type(server.user);
    await (await field(options, msg('calendarPassword'))).type(server.password);
    await (await options.waitForSelector(aria(msg('calendarConnect'), 'button')))?.click();
    await options.waitForSelector(aria(msg('calendarUseThis'), 'button'), { timeout: 15_000 });
    const granted = await options.evaluate(() =>
      (globalThis as unknown as { browser: { permissions: { getAll(): Promise<{ origins?: string[] }> } } }).browser.permissions.getAll(),
    );
    expect(granted.origins).toContain('http://127.0.0.1/*');
    await (await options.waitForSelector(aria(msg('calendarUseThis'), 'button')))?.click();
    await poll('the connected section', () => sectionText(options), (text) => /\b0 events up to date/.test(text), { timeoutMs: 15_000 });

    const popup = new FirefoxPopup(await ext.openPage('popup.html', FirefoxPopup.readySelector(msg)), msg);
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '网商贷', kind: 'kind_settlement', amount: '888.49', dueDate: day(25) });

    // The background page pushes a moment after the change; the section follows.
    const text = await poll('the pushed count', () => sectionText(options), (t) => /\b[1-9]\d* events up to date/.test(t), { timeoutMs: 20_000 });
    const pushed = Number(/\b([1-9]\d*) events up to date/.exec(text)?.[1]);
    const events = await eventsOnServer(server, ourCalendarUrl(server));
    expect(events).toHaveLength(pushed);
    expect(events.map((e) => e.summary)).toContain('网商贷: Pay (¥888.49)');
    expect(events.every((e) => e.alarms > 0)).toBe(true);
  });
});
