import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxExtension } from './support/firefox';
import { FirefoxSidePanel } from './support/firefox-pages';
import { turnOnLockInFirefox } from './support/lock-on';
import { loadMessages } from './support/messages';
import { poll } from './support/wait';

// Firefox ESR here runs in en-US.
const msg = loadMessages('en');
const PASSPHRASE = 'payday friday first huabei';

/** Everything in storage.session, as JSON (the raw data key included: it is only compared against). */
const sessionStorageText = (page: Page) =>
  page.evaluate(async () => {
    const api = (globalThis as unknown as { browser: { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } } }).browser;
    return JSON.stringify(await api.storage.session.get(null));
  });

const boxValue = async (panel: FirefoxSidePanel) => (await panel.notes()).evaluate((el) => (el as HTMLTextAreaElement).value);

describe('Firefox ESR, en-US: with the lock on, the note being typed survives closing the side panel', () => {
  let ext: FirefoxExtension;

  const openPanel = async (): Promise<FirefoxSidePanel> =>
    new FirefoxSidePanel(await ext.openPage('sidepanel.html', FirefoxSidePanel.readySelector(msg), { width: 400, height: 700 }), msg);

  beforeAll(async () => {
    ext = await launchFirefox();
  });

  afterAll(async () => {
    await (ext as FirefoxExtension | undefined)?.close();
  });

  it('type, close the page at once, reopen: the last keystrokes are there, and on disk only sealed', async () => {
    await turnOnLockInFirefox(ext, msg, PASSPHRASE);
    let panel = await openPanel();
    const first = 'Agent Li agreed to 6 installments.';
    await (await panel.notes()).type(first);
    await poll('the saved status', () => panel.status(), (text) => msg.pattern('notesSaved').test(text));

    const more = ' Call back Monday at 10.';
    await (await panel.notes()).type(more);
    // Key events reach the page asynchronously in Firefox: close once the page has them all.
    await panel.page.waitForFunction((text) => document.querySelector('textarea')?.value === text, {}, first + more);
    await panel.page.close();

    panel = await openPanel();
    expect(await boxValue(panel)).toBe(first + more);
    // Written into the sealed session record and taken out of storage.session.
    await poll('the kept draft to leave storage.session', () => sessionStorageText(panel.page), (text) => !text.includes('Monday'));
    const stored = JSON.stringify(await ext.db(panel.page).dump());
    expect(stored).toContain('sealed');
    for (const secret of ['Agent Li', 'Monday']) expect(stored).not.toContain(secret);

    // Opened once more, the draft now comes from the record itself.
    await ext.closePage(panel.page);
    panel = await openPanel();
    expect(await boxValue(panel)).toBe(first + more);
    await ext.closePage(panel.page);
  });
});
