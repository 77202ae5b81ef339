import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, resetExtension, type ChromiumExtension } from './support/chromium';
import { turnOnLockInChromium } from './support/lock-on';
import { loadMessages } from './support/messages';
import { PopupScreen } from './support/popup-pages';
import { poll } from './support/wait';

const msg = loadMessages('zh_CN');
const SNAPSHOT_KEY = 'repay-companion:popup-snapshot';

/**
 * Runs in every page before its own scripts: records the popup root's markup the first time it
 * gets content, that is what the kept snapshot painted before React (or React's own first frame).
 */
function recordFirstContent() {
  const record = () => {
    const root = document.getElementById('root');
    if (!root || root.childElementCount === 0 || 'firstContent' in window) return false;
    Object.assign(window, { firstContent: root.innerHTML });
    return true;
  };
  new MutationObserver((_, observer) => {
    if (record()) observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
}

describe('Chromium, zh-CN: the popup paints its last first screen before React', () => {
  let ext: ChromiumExtension;

  /** Opens the popup until it shows live data; says whether the kept snapshot was painted first, and what it painted. */
  const open = async () => {
    const popup = await new PopupScreen(await ext.openPage('popup.html'), msg).ready();
    const painted = await popup.page.evaluate(() => performance.getEntriesByName('snapshot-painted').length > 0);
    const first = await popup.page.evaluate(() => (window as unknown as { firstContent?: string }).firstContent ?? null);
    return { popup, painted, first };
  };
  const kept = (popup: PopupScreen) => popup.page.evaluate((key) => localStorage.getItem(key), SNAPSHOT_KEY);
  const keptHtml = async (popup: PopupScreen) => (JSON.parse((await kept(popup)) ?? '{}') as { html?: string }).html ?? null;
  /** The snapshot is written just after the first screen is painted. */
  const waitKept = (popup: PopupScreen, lender: string) => poll(`a snapshot showing ${lender}`, () => keptHtml(popup), (html) => html?.includes(lender) === true);

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'zh-CN' });
    await ext.context.addInitScript(recordFirstContent);
    const { popup } = await open();
    await resetExtension(ext, popup.page);
    await ext.closePage(popup.page);
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
  });

  it('paints the kept screen with the markup React renders, and not after a change made in a page', async () => {
    const first = await open();
    await first.popup.demoFillButton.click();
    await first.popup.status.filter({ hasText: msg('demoAdded') }).waitFor();
    await ext.closePage(first.popup.page);

    // After a change: the first opening shows live data only, and keeps what it showed.
    const second = await open();
    expect(second.painted).toBe(false);
    const lender = (await second.popup.list.locator('li.agreement').first().getAttribute('aria-label')) ?? '';
    expect(lender).not.toBe('');
    await waitKept(second.popup, lender);
    const liveHtml = await keptHtml(second.popup);
    await ext.closePage(second.popup.page);

    // Nothing changed since: painted before React, exactly as React rendered it, then live again.
    const third = await open();
    expect(third.painted).toBe(true);
    expect(third.first).toBe(liveHtml);
    await expect.poll(() => keptHtml(third.popup)).toBe(liveHtml);
    await third.popup.row(lender).waitFor();

    // A change in the popup (deleting that row): the next opening paints nothing stale.
    await third.popup.row(lender).getByRole('button', { name: msg('delete'), exact: true }).click();
    await third.popup.row(lender).getByRole('button', { name: msg('deleteYes'), exact: true }).click();
    await third.popup.row(lender).waitFor({ state: 'detached' });
    await ext.closePage(third.popup.page);
    const fourth = await open();
    expect(fourth.painted).toBe(false);
    expect(await fourth.popup.row(lender).count()).toBe(0);
    await ext.closePage(fourth.popup.page);
  });

  it('replaces a snapshot that a change outside any page made stale with live data at once', async () => {
    const before = await open();
    const rows = before.popup.list.locator('li.agreement');
    const lender = (await rows.first().getAttribute('aria-label')) ?? '';
    await waitKept(before.popup, lender);
    // A change the pages do not hear of (as the background's would be): written to the database directly.
    const stored = await ext.db.agreementByLender(lender);
    if (!stored) throw new Error(`${lender} is not stored`);
    await ext.db.putAgreement({ ...stored, lender: '改名后的贷款机构' });
    await ext.closePage(before.popup.page);

    const after = await open();
    expect(after.painted).toBe(true);
    expect(after.first).toContain(lender);
    // Live data replaced it: the renamed row shows, the old name is gone.
    await after.popup.row('改名后的贷款机构').waitFor();
    expect(await after.popup.row(lender).count()).toBe(0);
    await ext.closePage(after.popup.page);
  });

  it('keeps nothing readable with the lock on', async () => {
    const before = await open();
    expect(await kept(before.popup)).not.toBeNull();
    await ext.closePage(before.popup.page);
    await turnOnLockInChromium(ext, msg, 'a long enough passphrase 42');
    const after = await open();
    expect(after.painted).toBe(false);
    // Shown unlocked (the key is held for this session) and still not kept.
    await after.popup.list.waitFor();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await kept(after.popup)).toBeNull();
    await ext.closePage(after.popup.page);
  });
});
