import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserDays } from './support/dates';
import { launchFirefox, type FirefoxExtension } from './support/firefox';
import { fill, one, shows } from './support/firefox-controls';
import { aria, FirefoxPopup } from './support/firefox-pages';
import { lockOnInFirefoxOptions } from './support/lock-on';
import { loadMessages } from './support/messages';

// Firefox ESR here runs in en-US.
const msg = loadMessages('en');
const PASSPHRASE = 'payday friday first huabei';

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

    const options = await lockOnInFirefoxOptions(ext, msg, PASSPHRASE);
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
    await shows(popup.page, 'alert', msg('lockErrWrongPassphrase'), 20_000);
    expect(await bodyText(popup.page)).not.toContain('Jiebei');

    await fill(unlock, msg('lockPassphrase'), PASSPHRASE);
    await (await one(unlock, aria(msg('lockUnlock'), 'button'))).click();
    await one(popup.page, aria(msg('listHeading'), 'list'), 20_000);
    await popup.row('Jiebei');
    await one(options, aria(msg('lockTitle'), 'region'), 20_000);
  });
});
