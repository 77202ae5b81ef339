import { rmSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../lib/negotiation/scenarios';
import { buildWithSitesAllowed, startChatPage, type ChatPage } from './support/chat-page';
import { launchFirefox, type FirefoxExtension } from './support/firefox';
import { aria, FirefoxSidePanel } from './support/firefox-pages';
import { loadMessages } from './support/messages';
import { FIREFOX_BUILD } from './support/paths';
import { poll } from './support/wait';

const msg = loadMessages('en');
const installments = SCENARIOS.find((s) => s.id === 'installments');
if (!installments) throw new Error('no installments scenario');
const PROPOSAL = 'I can reliably pay ¥1,500 a month. Could the balance be split into 24 installments of ¥1,500?';
const TERMS = installments.steps.find((s) => s.id === 'terms')?.say.en ?? '';

const scriptStatus = (page: Page) =>
  page.evaluate((name) => document.querySelector(`section[aria-label="${name}"] [role=status]`)?.textContent ?? '', msg('tabScript'));
const lineTexts = (page: Page) => page.$$eval('.script-step > .line', (els) => els.map((el) => el.textContent));
const clickButton = async (page: Page, name: string) => {
  const button = await page.waitForSelector(aria(name, 'button'), { timeout: 5_000 });
  if (!button) throw new Error(`No button ${name}`);
  await button.click();
};

describe('Firefox ESR, en-US: the script tab copies a line and inserts it into a local chat page', () => {
  let ext: FirefoxExtension;
  let chatPage: ChatPage;
  let build: string;

  beforeAll(async () => {
    chatPage = await startChatPage();
    // The chat page's own site counts as allowed (see buildWithSitesAllowed); its widget's site is
    // asked for through the real permissions.request, which Firefox grants without its doorhanger
    // when extensions.webextOptionalPermissionPrompts is off (a test cannot click the doorhanger).
    build = buildWithSitesAllowed(FIREFOX_BUILD, [chatPage.pageHostPattern]);
    ext = await launchFirefox({
      buildDir: build,
      extraPrefs: {
        // The suites' recording proxy answers nothing but its probe: load the local chat directly.
        'network.proxy.type': 0,
        'extensions.webextOptionalPermissionPrompts': false,
      },
    });
  });

  afterAll(async () => {
    await (ext as FirefoxExtension | undefined)?.close();
    await (chatPage as ChatPage | undefined)?.close();
    rmSync(build, { recursive: true, force: true });
  });

  it('picks a scenario, fills the figures, copies, and inserts into the focused textarea and the chat frame', async () => {
    const chat = await ext.browser.newPage();
    await chat.goto(chatPage.pageUrl);
    await chat.bringToFront();
    const panel = new FirefoxSidePanel(await ext.openPage('sidepanel.html', FirefoxSidePanel.readySelector(msg), { width: 400, height: 900 }), msg);
    await panel.page.bringToFront();
    const page = panel.page;

    await (await page.waitForSelector(aria(msg('tabScript'), 'tab')))?.click();
    const picker = await panel.field('scenarioLabel');
    const value = await picker.evaluate((select, title) => [...(select as HTMLSelectElement).options].find((o) => o.text === title)?.value ?? '', installments.title.en);
    await picker.select(value);
    await (await panel.field('slot_monthly')).type('¥1,500');
    await (await panel.field('slot_periods')).type('24');
    await poll('the filled proposal', () => lineTexts(page), (lines) => lines[1] === PROPOSAL);

    await clickButton(page, `${msg('copyLine')}: ${PROPOSAL}`);
    const copied = await poll('the copy status', () => scriptStatus(page), (s) => s === msg('copied') || s === msg('copyFailed'));
    expect(copied).toBe(msg('copied'));

    await chat.click('#plain');
    await clickButton(page, `${msg('insertLine')}: ${PROPOSAL}`);
    await poll('the insert status', () => scriptStatus(page), (s) => s === msg('insertDone'));
    expect(await chat.$eval('#plain', (el) => (el as HTMLTextAreaElement).value)).toBe(PROPOSAL);

    // The widget's site is not allowed yet: the first Insert names it, the second asks for it.
    const frameHandle = await chat.waitForSelector('#widget');
    const frame = await frameHandle?.contentFrame();
    if (!frame) throw new Error('no chat frame');
    await frame.click('textarea');
    await clickButton(page, `${msg('insertLine')}: ${TERMS}`);
    await poll('the frame status', () => scriptStatus(page), (s) => s.startsWith(msg('insertFrameNeedsAccess', 'localhost', 'localhost')));
    await clickButton(page, `${msg('insertLine')}: ${TERMS}`);
    await poll('the frame filled', () => frame.$eval('textarea', (el) => el.value), (v) => v === TERMS);
    // The status follows the insertion's answer, a moment after the text is in the frame.
    await poll('the frame insert status', () => scriptStatus(page), (s) => s === msg('insertDone'));
    const granted = await page.evaluate(() =>
      (globalThis as unknown as { browser: { permissions: { getAll(): Promise<{ origins?: string[] }> } } }).browser.permissions.getAll(),
    );
    expect(granted.origins).toContain(chatPage.frameHostPattern);
    await ext.closePage(page);
    await chat.close();
  });
});
