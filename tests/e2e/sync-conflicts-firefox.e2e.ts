// The conflicts list across browsers: Chromium as one device, Firefox ESR as the other, one vault on
// a real WebDAV server (webdav-server on 127.0.0.1). Both edit the same agreement before either
// syncs; Firefox, whose edit is the later one and so the one shown, lists the Chromium edit beside
// its own and keeps it with "Keep this version"; after the next syncs both show the Chromium edit
// and nothing is left to ask. Firefox grants the server's origin inside the click (prompts off, as in
// sync-firefox.e2e.ts); the Chromium build has it allowed already.

import type { ElementHandle, Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { startWebDavServer } from '../servers/webdav';
import { browserDays } from './support/dates';
import { aria, FirefoxPopup } from './support/firefox-pages';
import { loadMessages } from './support/messages';
import { PopupScreen, shownMoney } from './support/popup-pages';
import { FirefoxSyncPage, SyncPage, waitForText } from './support/sync-pages';
import { chromiumAndFirefox } from './support/two-devices';

const msg = loadMessages('en');
const PASSPHRASE = 'sync vault passphrase, long enough';

/** Edits an agreement's amount in Firefox's popup, as a user does. */
async function firefoxEditAmount(page: Page, lender: string, amount: string): Promise<void> {
  await (await page.waitForSelector(aria(msg('editAgreementOf', lender), 'button')))?.click();
  const form = await page.waitForSelector(aria(msg('editAgreement'), 'form'));
  if (!form) throw new Error('No edit form');
  const field = await form.waitForSelector(aria(msg('fieldAmount')) + ':is(input)');
  if (!field) throw new Error('No amount field');
  await field.click({ count: 3 });
  await page.keyboard.press('Backspace');
  await field.type(amount);
  await ((await form.waitForSelector(aria(msg('save'), 'button'))) as ElementHandle).click();
  await page.waitForFunction((text) => [...document.querySelectorAll('[role=status]')].some((el) => el.textContent === text), { timeout: 5_000 }, msg('saved'));
}

describe('Chromium and Firefox ESR, en-US: an agreement edited on both, kept as the Chromium edit from Firefox', () => {
  const devices = chromiumAndFirefox(startWebDavServer);

  it('shows both versions in Firefox and restores the other one on both browsers', { timeout: 180_000 }, async () => {
    const { server, chromium, firefox } = devices;
    const url = `${server.url}mixed/`;
    // Chromium: one agreement, a new vault, a first sync.
    const popup = await new PopupScreen(await chromium.openPage('popup.html'), msg).ready();
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: 'Jiebei', kind: 'kind_extension', amount: '1234.56', dueDate: day(20) });
    const options = await new SyncPage(await chromium.openPage('options.html#sync', { width: 900, height: 2000 }), msg, PASSPHRASE).ready();
    await options.create(url, server, 'Chromium at work');
    await options.syncNow();

    // Firefox: joins the vault and receives the agreement.
    const sync = new FirefoxSyncPage(await firefox.openPage('options.html#sync', '#sync h2', { width: 900, height: 2000 }), msg, PASSPHRASE);
    const page = sync.page;
    await sync.join(url, server, 'Firefox at home');
    await sync.syncNow();
    const firefoxPopup = new FirefoxPopup(await firefox.openPage('popup.html', FirefoxPopup.readySelector(msg)), msg);
    await firefoxPopup.row('Jiebei');

    // Apart: Chromium edits first, Firefox last.
    await popup.edit('Jiebei', { amount: '2000' });
    await firefoxEditAmount(firefoxPopup.page, 'Jiebei', '3000');
    await options.syncNow();
    await sync.syncNow();
    await options.syncNow();
    expect((await chromium.db.agreementByLender('Jiebei'))?.amountFen).toBe(300_000);

    // Firefox lists both versions: its own shown, the Chromium one beside it.
    await page.waitForSelector('[data-sync-conflicts] [data-conflict="edited"]');
    const shown = await page.$eval('[data-version="current"]', (el) => el.textContent);
    const other = await page.$eval('[data-version="other"]', (el) => el.textContent);
    expect(shown).toContain(shownMoney(300_000, 'en'));
    expect(shown).toContain(msg('syncConflictThisDevice', 'Firefox at home'));
    expect(other).toContain(shownMoney(200_000, 'en'));
    expect(other).toMatch(new RegExp(`${msg('syncConflictAnotherDevice')}|Chromium at work`));
    // The Chromium profile by its name, once read from its info file on the server.
    await waitForText(page, '[data-version="other"]', msg('syncConflictMadeOn', 'Chromium at work', ''));
    await page.click(`[data-version="other"] button::-p-text(${msg('syncConflictKeepThis')})`);
    await waitForText(page, '#sync [role=status]', msg('syncConflictKept'));
    await page.waitForSelector('[data-sync-conflicts]', { hidden: true });
    expect((await firefox.db(page).agreementByLender('Jiebei'))?.amountFen).toBe(200_000);

    await sync.syncNow();
    await options.syncNow();
    expect((await chromium.db.agreementByLender('Jiebei'))?.amountFen).toBe(200_000);
    expect(await options.conflicts.count()).toBe(0);
  });
});
