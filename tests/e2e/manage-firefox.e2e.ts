import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserDays } from './support/dates';
import { launchFirefox, type FirefoxExtension } from './support/firefox';
import { aria, FirefoxPopup } from './support/firefox-pages';
import { loadMessages } from './support/messages';
import { shownDate, shownMoney } from './support/popup-pages';
import { poll } from './support/wait';

// Firefox ESR here runs in en-US: the pages show their English messages.
const msg = loadMessages('en');
const WIDE = { width: 1280, height: 900 };

async function one(scope: Page | ElementHandle, selector: string): Promise<ElementHandle> {
  const handle = await scope.waitForSelector(selector, { timeout: 5_000 });
  if (!handle) throw new Error(`Nothing matches ${selector}`);
  return handle;
}

describe('Firefox ESR, en-US: the full view and a lender', () => {
  let ext: FirefoxExtension;

  beforeAll(async () => {
    ext = await launchFirefox();
  });

  afterAll(async () => {
    await (ext as FirefoxExtension | undefined)?.close();
  });

  it("opens from the popup's button, and at a lender from a link, with its status and dates", async () => {
    const popup = new FirefoxPopup(await ext.openPage('popup.html', FirefoxPopup.readySelector(msg)), msg);
    const day = await browserDays(popup.page);
    await (await one(popup.page, aria(msg('demoFill'), 'button'))).click();
    await popup.page.waitForFunction(
      (wanted) => [...document.querySelectorAll('[role=status]')].some((el) => el.textContent === wanted),
      { timeout: 5_000 },
      msg('demoAdded'),
    );

    // The popup's button opens the full view in a new tab.
    await (await one(popup.page, aria(msg('openFullView'), 'button'))).click();
    const tab = await poll(
      'the full view in a new tab',
      // Firefox reports extension tabs as about:blank to Puppeteer: ask each page where it is.
      async () => {
        for (const p of await ext.browser.pages()) {
          if ((await p.evaluate(() => location.href).catch(() => '')) === `${ext.origin}/manage.html`) return p;
        }
        return undefined;
      },
      (found) => found !== undefined,
      { timeoutMs: 10_000 },
    );
    if (!tab) throw new Error('no full view tab');
    await tab.waitForSelector(aria(msg('manageTitle'), 'heading'), { timeout: 10_000 });
    await tab.waitForSelector(aria('Jiebei (Alipay)', 'listitem'), { timeout: 5_000 });

    // A link at one lender: its heading, its agreement's status and confirmation, its dates.
    const lender = 'Meituan loan';
    const page = await ext.openPage(`manage.html#lender=${encodeURIComponent(lender)}`, aria(lender, 'heading'), WIDE);
    const agreement = await one(page, aria(msg('lenderStepOf', msg('kind_settlement'), shownDate(day(5), 'en')), 'listitem'));
    const facts = await agreement.evaluate((el) => (el as HTMLElement).innerText);
    expect(facts).toContain(msg('status_agreed'));
    expect(facts).toContain(msg('lenderConfirmNotRecorded'));
    const timeline = await one(page, aria(msg('lenderTimelineOf', lender), 'list'));
    const steps = await timeline.$$eval('li', (items) => items.map((li) => li.innerText));
    expect(steps.some((s) => s.includes(msg('step_pay')) && s.includes(msg('timelineAhead')))).toBe(true);
    expect(steps.some((s) => s.includes(msg('timelineMissed')))).toBe(true);

    // Another lender by its button: the address follows.
    await (await one(page, aria(msg('lenderPickOwed', 'JD Baitiao', shownMoney(880_000, 'en')), 'button'))).click();
    await page.waitForSelector(aria('JD Baitiao', 'heading'), { timeout: 5_000 });
    await poll('the address', () => page.evaluate(() => location.hash), (hash) => hash === `#lender=${encodeURIComponent('JD Baitiao')}`);
  });
});
