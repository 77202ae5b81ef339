import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserDays } from './support/dates';
import { launchFirefox, type FirefoxExtension } from './support/firefox';
import { aria, FirefoxPopup } from './support/firefox-pages';
import { loadMessages } from './support/messages';

// Firefox ESR here runs in en-US.
const msg = loadMessages('en');
const PASSPHRASE = 'payday friday first huabei';

/** The form control a label names (Firefox also names the <label> itself under that text). */
async function control(scope: Page | ElementHandle, label: string): Promise<ElementHandle> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    for (const handle of await scope.$$(aria(label))) {
      if (await handle.evaluate((el) => el instanceof HTMLInputElement || el instanceof HTMLSelectElement)) return handle;
    }
    if (Date.now() > deadline) throw new Error(`No form control labelled "${label}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function one(scope: Page | ElementHandle, selector: string, timeout = 5_000): Promise<ElementHandle> {
  const handle = await scope.waitForSelector(selector, { timeout });
  if (!handle) throw new Error(`Nothing matches ${selector}`);
  return handle;
}

async function fill(scope: Page | ElementHandle, label: string, text: string): Promise<void> {
  const input = await control(scope, label);
  await input.evaluate((el) => ((el as HTMLInputElement).value = ''));
  await input.type(text);
}

async function waitForText(page: Page, role: 'status' | 'alert', text: string, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    (r, wanted) => [...document.querySelectorAll(`[role=${r}]`)].some((el) => el.textContent === wanted),
    { timeout },
    role,
    text,
  );
}

/** Polls for a selector: a wait begun just before a reload does not survive it. */
async function appears(page: Page, selector: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while ((await page.$$(selector).catch(() => [])).length === 0) {
    if (Date.now() > deadline) throw new Error(`Nothing matches ${selector}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const bodyText = (page: Page) => page.evaluate(() => document.body.innerText);

describe('Firefox ESR, en-US: the lock', () => {
  let ext: FirefoxExtension;
  let popup: FirefoxPopup;

  beforeAll(async () => {
    ext = await launchFirefox();
    popup = new FirefoxPopup(await ext.openPage('popup.html', FirefoxPopup.readySelector(msg)), msg);
  });

  afterAll(async () => {
    await (ext as FirefoxExtension | undefined)?.close();
  });

  it('turns on in the options page, locks the popup with the padlock, refuses a wrong passphrase and opens with the right one', async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: 'Jiebei', kind: 'kind_extension', amount: '800', dueDate: day(5) });

    const options = await ext.openPage('options.html', aria(msg('lockTitle'), 'region'), { width: 900, height: 1400 });
    const form = await one(options, aria(msg('lockTurnOn'), 'form'));
    await (await control(form, msg('lockUnderstand'))).click();
    await fill(form, msg('lockPassphrase'), PASSPHRASE);
    await fill(form, msg('lockPassphraseConfirm'), PASSPHRASE);
    await (await one(form, aria(msg('lockTurnOn'), 'button'))).click();
    await waitForText(options, 'status', msg('lockTurnedOn'));
    expect(await bodyText(options)).toContain(msg('lockStatusOn'));

    // page.reload on moz-extension:// never settles (as page.goto): reload from inside instead.
    await popup.page.evaluate(() => location.reload());
    await appears(popup.page, aria(msg('lockNow'), 'button'));
    await popup.row('Jiebei');
    await (await one(popup.page, aria(msg('lockNow'), 'button'))).click();
    await one(popup.page, aria(msg('lockScreenTitle'), 'heading'));
    // The options page, open meanwhile, locks too.
    await one(options, aria(msg('lockScreenTitle'), 'heading'));
    expect(await bodyText(popup.page)).toContain(msg('lockScreenIntro'));
    expect(await bodyText(popup.page)).not.toContain('Jiebei');

    const unlock = await one(popup.page, aria(msg('lockUnlockForm'), 'form'));
    await fill(unlock, msg('lockPassphrase'), 'payday friday first jiebei');
    await (await one(unlock, aria(msg('lockUnlock'), 'button'))).click();
    await waitForText(popup.page, 'alert', msg('lockErrWrongPassphrase'));
    expect(await bodyText(popup.page)).not.toContain('Jiebei');

    await fill(unlock, msg('lockPassphrase'), PASSPHRASE);
    await (await one(unlock, aria(msg('lockUnlock'), 'button'))).click();
    await one(popup.page, aria(msg('listHeading'), 'list'), 20_000);
    await popup.row('Jiebei');
    await one(options, aria(msg('lockTitle'), 'region'), 20_000);
  });
});
