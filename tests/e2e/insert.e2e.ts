import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../lib/negotiation/scenarios';
import { buildWithSitesAllowed, startChatPage, type ChatPage } from './support/chat-page';
import { launchChromium, type ChromiumExtension } from './support/chromium';
import { ChromiumSidePanel } from './support/chromium-pages';
import { loadMessages } from './support/messages';
import { CHROME_BUILD, FIREFOX_BUILD, SCREENSHOTS_DIR } from './support/paths';
import { ChromiumScriptTab } from './support/script-pages';

const msg = loadMessages('zh_CN');
const installments = SCENARIOS.find((s) => s.id === 'installments');
if (!installments) throw new Error('no installments scenario');
const PROPOSAL = '我现在每月能稳定还¥1,500。剩余欠款能否分24期，每期¥1,500？';
const TERMS = installments.steps.find((s) => s.id === 'terms')?.say.zh ?? '';
const CONFIRM = installments.steps.find((s) => s.id === 'confirm')?.say.zh ?? '';

/**
 * The chat tab first, then the panel opened as a tab beside it: the panel writes into the tab used
 * just before it (in the real side panel, the window's active tab).
 */
async function openChatAndPanel(ext: ChromiumExtension, url: string): Promise<{ chat: Page; panel: ChromiumSidePanel; script: ChromiumScriptTab }> {
  const chat = await ext.context.newPage();
  await chat.goto(url);
  await chat.bringToFront();
  const panel = await new ChromiumSidePanel(await ext.openPage('sidepanel.html', { width: 400, height: 900 }), msg).ready();
  await panel.page.bringToFront();
  await panel.openScript(installments!.title.zh);
  await panel.figure('slot_monthly').fill('¥1,500');
  await panel.figure('slot_periods').fill('24');
  const script = new ChromiumScriptTab(panel.page, msg);
  await expect.poll(() => script.lineText(1)).toBe(PROPOSAL);
  await script.recordCopies();
  return { chat, panel, script };
}

describe('Chromium, zh-CN: Insert puts a script line into the lender’s chat box', () => {
  let chatPage: ChatPage;
  const builds: string[] = [];

  beforeAll(async () => {
    chatPage = await startChatPage();
  });

  afterAll(async () => {
    await (chatPage as ChatPage | undefined)?.close();
    for (const dir of builds) rmSync(dir, { recursive: true, force: true });
  });

  it('asks for no site at install: activeTab and scripting, and sites only as optional permissions', () => {
    for (const build of [CHROME_BUILD, FIREFOX_BUILD]) {
      const manifest = JSON.parse(readFileSync(join(build, 'manifest.json'), 'utf8')) as Record<string, unknown>;
      expect(manifest.host_permissions).toBeUndefined();
      expect(manifest.permissions).toEqual(expect.arrayContaining(['activeTab', 'scripting']));
      expect(manifest.permissions).not.toContain('tabs');
      expect(manifest.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    }
  });

  describe('with the chat page and its widget’s site allowed', () => {
    let ext: ChromiumExtension;

    beforeAll(async () => {
      const dir = buildWithSitesAllowed(CHROME_BUILD, [chatPage.pageHostPattern, chatPage.frameHostPattern]);
      builds.push(dir);
      ext = await launchChromium({ lang: 'zh-CN', buildDir: dir });
    });

    afterAll(async () => {
      await (ext as ChromiumExtension | undefined)?.close();
    });

    it('fills the focused textarea, the framework-controlled input, the contenteditable box, a web component’s box and the chat frame', async () => {
      const { chat, script } = await openChatAndPanel(ext, chatPage.pageUrl);
      const widget = chat.frameLocator('#widget').locator('textarea');

      // The imitation is faithful: a plain value write is undone by the controlled input's render.
      await chat.locator('#controlled').evaluate((el) => {
        (el as HTMLInputElement).value = 'plain write';
        el.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await expect.poll(() => chat.locator('#controlled').inputValue()).toBe('');

      await chat.locator('#plain').click();
      await script.button('insertLine', PROPOSAL).click();
      await expect.poll(() => script.status.textContent()).toBe(msg('insertDone'));
      expect(await chat.locator('#plain').inputValue()).toBe(PROPOSAL);

      await chat.locator('#controlled').click();
      await script.button('insertLine', TERMS).click();
      await expect.poll(() => chat.locator('#controlled-state').textContent()).toBe(TERMS);
      expect(await chat.locator('#controlled').inputValue()).toBe(TERMS);

      await chat.locator('#rich').click();
      await script.button('insertLine', CONFIRM).click();
      await expect.poll(() => chat.locator('#rich').textContent()).toBe(CONFIRM);

      const shadowBox = chat.locator('#shadow-host').locator('#shadow-box');
      await shadowBox.click();
      await script.button('insertLine', TERMS).click();
      await expect.poll(() => shadowBox.inputValue()).toBe(TERMS);

      await widget.click();
      await script.button('insertLine', PROPOSAL).click();
      await expect.poll(() => widget.inputValue()).toBe(PROPOSAL);
      expect(await script.status.textContent()).toBe(msg('insertDone'));
      // The other boxes kept their own text: only the focused one was written to.
      expect(await chat.locator('#plain').inputValue()).toBe(PROPOSAL);
      expect(await chat.locator('#rich').textContent()).toBe(CONFIRM);
      expect(await script.copies()).toEqual([]);

      mkdirSync(SCREENSHOTS_DIR, { recursive: true });
      await script.page.screenshot({ path: join(SCREENSHOTS_DIR, 'sidepanel-insert.png'), fullPage: true });
      await chat.close();
    });

    it('says so and copies when no chat box has focus, and refuses a line with a gap', async () => {
      const { chat, panel, script } = await openChatAndPanel(ext, chatPage.pageUrl);
      await chat.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await script.button('insertLine', PROPOSAL).click();
      await expect.poll(() => script.status.textContent()).toBe(msg('insertNoInput') + msg('insertCopiedInstead'));
      expect(await script.copies()).toEqual([PROPOSAL]);
      expect(await chat.locator('#plain').inputValue()).toBe('');

      await panel.figure('slot_periods').fill('');
      const gappy = await script.lineText(1);
      await chat.locator('#plain').click();
      await script.button('insertLine', gappy).click();
      await expect.poll(() => script.status.textContent()).toBe(msg('copyMissing', msg('slot_periods')));
      expect(await chat.locator('#plain').inputValue()).toBe('');
      await chat.close();
    });

    it('lets the user rewrite a line with the same placeholders, inserts their version, and restores the original', async () => {
      const { chat, script } = await openChatAndPanel(ext, chatPage.pageUrl);
      const page = script.page;

      // Keyboard only: Edit opens the editor with the line's template and the caret in it.
      await script.button('editLine', PROPOSAL).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
      expect(await script.editor.inputValue()).toBe(installments.steps.find((s) => s.id === 'proposal')?.say.zh);
      expect(await script.button('editLine', PROPOSAL).getAttribute('aria-expanded')).toBe('true');
      // Escape closes it and gives the focus back to Edit.
      await page.keyboard.press('Escape');
      await script.editor.waitFor({ state: 'detached' });
      expect(await script.button('editLine', PROPOSAL).evaluate((el) => el === document.activeElement)).toBe(true);

      await script.button('editLine', PROPOSAL).click();
      await script.editor.fill('每月{monthly}，分{periods}期，首付{deposit}，{amount}');
      await script.region.getByRole('button', { name: msg('saveCustomLine'), exact: true }).click();
      const alert = script.region.getByRole('alert');
      await expect.poll(() => alert.textContent()).toBe(msg('customLineUnknown', '{deposit}、{amount}'));
      expect(await script.editor.getAttribute('aria-invalid')).toBe('true');
      mkdirSync(SCREENSHOTS_DIR, { recursive: true });
      await script.page.screenshot({ path: join(SCREENSHOTS_DIR, 'sidepanel-edit-line.png'), fullPage: true });

      await script.editor.fill('我每月最多能还{monthly}，希望分{periods}期。');
      await script.region.getByRole('button', { name: msg('saveCustomLine'), exact: true }).click();
      const mine = '我每月最多能还¥1,500，希望分24期。';
      await expect.poll(() => script.lineText(1)).toBe(mine);
      expect(await script.status.textContent()).toBe(msg('customLineSaved'));
      expect(await script.region.getByText(msg('customLineBadge'), { exact: true }).count()).toBe(1);

      await chat.locator('#plain').click();
      await script.button('insertLine', mine).click();
      await expect.poll(() => chat.locator('#plain').inputValue()).toBe(mine);

      // Kept across a reopened panel, then the built-in line comes back on restore.
      await ext.closePage(page);
      const reopened = await new ChromiumSidePanel(await ext.openPage('sidepanel.html', { width: 400, height: 900 }), msg).ready();
      await reopened.openScript(installments.title.zh);
      const again = new ChromiumScriptTab(reopened.page, msg);
      await expect.poll(() => again.lineText(1)).toBe(mine);
      await again.button('restoreBuiltIn', mine).click();
      await expect.poll(() => again.lineText(1)).toBe(PROPOSAL);
      expect(await again.status.textContent()).toBe(msg('customLineRestored'));
      expect(await again.region.getByText(msg('customLineBadge'), { exact: true }).count()).toBe(0);
      expect(await again.button('editLine', PROPOSAL).evaluate((el) => el === document.activeElement)).toBe(true);
      await chat.close();
    });
  });

  describe('with only the chat page’s site allowed', () => {
    let ext: ChromiumExtension;

    beforeAll(async () => {
      const dir = buildWithSitesAllowed(CHROME_BUILD, [chatPage.pageHostPattern]);
      builds.push(dir);
      ext = await launchChromium({ lang: 'zh-CN', buildDir: dir });
    });

    afterAll(async () => {
      await (ext as ChromiumExtension | undefined)?.close();
    });

    it('names the chat frame’s site it would need, and copies meanwhile', async () => {
      const { chat, script } = await openChatAndPanel(ext, chatPage.pageUrl);
      const widget = chat.frameLocator('#widget').locator('textarea');
      await widget.click();
      await script.button('insertLine', PROPOSAL).click();
      await expect.poll(() => script.status.textContent()).toBe(msg('insertFrameNeedsAccess', 'localhost', 'localhost') + msg('insertCopiedInstead'));
      expect(await widget.inputValue()).toBe('');
      expect(await script.copies()).toEqual([PROPOSAL]);
      await chat.close();
    });

    it('cannot reach a site never allowed (no activeTab in a test), says how to allow it, and copies', async () => {
      const { chat, script } = await openChatAndPanel(ext, chatPage.frameUrl);
      await chat.locator('textarea').click();
      await script.button('insertLine', TERMS).click();
      await expect.poll(() => script.status.textContent()).toBe(msg('insertNoAccess') + msg('insertCopiedInstead'));
      expect(await chat.locator('textarea').inputValue()).toBe('');
      expect(await script.copies()).toEqual([TERMS]);
      await chat.close();
    });
  });
});
