import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumExtension } from './support/chromium';
import { ChromiumSidePanel } from './support/chromium-pages';
import { turnOnLockInChromium } from './support/lock-on';
import { loadMessages } from './support/messages';
import { poll } from './support/wait';

const msg = loadMessages('zh_CN');
const PASSPHRASE = '周五发工资 先还花呗 再还借呗';

/** Everything in storage.session, as JSON (the raw data key included: it is only compared against). */
const sessionStorageText = (page: Page) => page.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)));

describe('Chromium, zh-CN: with the lock on, the note being typed survives closing the side panel', () => {
  let ext: ChromiumExtension;

  const openPanel = async (): Promise<ChromiumSidePanel> =>
    new ChromiumSidePanel(await ext.openPage('sidepanel.html', { width: 400, height: 700 }), msg).ready();

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'zh-CN' });
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
  });

  it('type, close the page at once, reopen: the last keystrokes are there, and on disk only sealed', async () => {
    await turnOnLockInChromium(ext, msg, PASSPHRASE);
    let panel = await openPanel();
    const first = '客服工号 A123，同意分 6 期。';
    await panel.notes.pressSequentially(first, { delay: 10 });
    await poll('the saved status', () => panel.saveStatus.textContent(), (text) => msg.pattern('notesSaved').test(text ?? ''));

    // Type more and close the page at once, well before the autosave delay.
    const more = '下周一上午十点回电。';
    await panel.notes.pressSequentially(more);
    const typedAt = Date.now();
    await panel.page.close();
    expect(Date.now() - typedAt).toBeLessThan(1_000);

    panel = await openPanel();
    expect(await panel.notes.inputValue()).toBe(first + more);
    // Written into the sealed session record and taken out of storage.session.
    await poll('the kept draft to leave storage.session', () => sessionStorageText(panel.page), (text) => !text.includes('回电'));
    const stored = JSON.stringify(await ext.db.dump());
    expect(stored).toContain('sealed');
    for (const secret of ['A123', '回电']) expect(stored).not.toContain(secret);

    // Opened once more, the draft now comes from the record itself.
    await ext.closePage(panel.page);
    panel = await openPanel();
    expect(await panel.notes.inputValue()).toBe(first + more);
    await ext.closePage(panel.page);
  });
});
