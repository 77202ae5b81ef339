import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LENDER_LENGTH } from '../../lib/domain/agreement';
import { launchChromium, type ChromiumExtension } from './support/chromium';
import { ChromiumPopup } from './support/chromium-pages';
import { browserDays } from './support/dates';
import { turnOnLockInChromium } from './support/lock-on';
import { loadMessages, type LocaleDir } from './support/messages';
import { SCREENSHOTS_DIR } from './support/paths';

/** The popup's width (body.popup in assets/app.css): what the toolbar popup shows. */
const POPUP = { width: 380, height: 900 };

interface Box {
  text: string;
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** Lines of text inside (height over line height), rounded. */
  lines: number;
}

/**
 * Each visible child of every element matching `selector`, as one line: its box and how many
 * lines of text it holds, with the box the children must stay inside (the container's, less its
 * padding). Measured by the browser, after layout.
 */
function measure(page: Page, selector: string): Promise<{ inside: { left: number; right: number }; boxes: Box[] }[]> {
  return page.$$eval(selector, (containers) =>
    containers.map((container) => {
      // The row (or header) whose padding the buttons must stay inside.
      const frame = container.parentElement ?? container;
      const fr = frame.getBoundingClientRect();
      const fs = getComputedStyle(frame);
      const inside = {
        left: fr.left + parseFloat(fs.borderLeftWidth) + parseFloat(fs.paddingLeft),
        right: fr.right - parseFloat(fs.borderRightWidth) - parseFloat(fs.paddingRight),
      };
      const boxes = [...container.children]
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => {
          const r = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.45;
          const inner = r.height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom) - parseFloat(style.borderTopWidth) - parseFloat(style.borderBottomWidth);
          const text = (el as HTMLElement).innerText.trim() || (el.getAttribute('aria-label') ?? '');
          return { text, top: r.top, bottom: r.bottom, left: r.left, right: r.right, lines: Math.round(inner / lineHeight) };
        });
      return { inside, boxes };
    }),
  );
}

/** Boxes on one line: one line of text each, every box overlapping the others vertically, none outside. */
function oneLineProblems({ inside, boxes }: { inside: { left: number; right: number }; boxes: Box[] }): string[] {
  const problems = boxes.filter((b) => b.lines > 1).map((b) => `"${b.text}" wraps onto ${String(b.lines)} lines`);
  for (const b of boxes) {
    if (b.left < inside.left - 0.5 || b.right > inside.right + 0.5) problems.push(`"${b.text}" sticks out (${String(Math.round(b.left))}–${String(Math.round(b.right))} outside ${String(Math.round(inside.left))}–${String(Math.round(inside.right))})`);
  }
  const top = Math.max(...boxes.map((b) => b.top));
  const bottom = Math.min(...boxes.map((b) => b.bottom));
  if (top >= bottom) problems.push(`not on one line: ${boxes.map((b) => `"${b.text}" at ${String(Math.round(b.top))}`).join(', ')}`);
  return problems;
}

async function overflow(page: Page): Promise<{ scroll: number; client: number; outside: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const outside = [...document.querySelectorAll('button, a, h1, .amount-left, .lender')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.right > width + 0.5 || r.left < -0.5);
      })
      .map((el) => (el as HTMLElement).innerText.trim());
    return { scroll: document.documentElement.scrollWidth, client: width, outside };
  });
}

for (const [locale, lang] of [
  ['en', 'en-US'],
  ['zh_CN', 'zh-CN'],
] as const satisfies readonly (readonly [LocaleDir, string])[]) {
  describe(`Chromium, ${lang}: the popup's header and each row's buttons on one line at 380 px`, () => {
    const msg = loadMessages(locale);
    let ext: ChromiumExtension;

    beforeAll(async () => {
      ext = await launchChromium({ lang });
    });

    afterAll(async () => {
      await (ext as ChromiumExtension | undefined)?.close();
    });

    it('holds with the longest lender names the form accepts and the largest amounts', async () => {
      const popup = await new ChromiumPopup(await ext.openPage('popup.html', POPUP), msg).ready();
      const day = await browserDays(popup.page);
      const longZh = '网商贷'.repeat(Math.floor(MAX_LENDER_LENGTH / 3));
      const longEn = 'Industrial and Commercial Bank of China Credit Card Centre X'.slice(0, MAX_LENDER_LENGTH);
      expect(longZh.length).toBe(MAX_LENDER_LENGTH);
      expect(longEn.length).toBe(MAX_LENDER_LENGTH);
      await popup.addAgreement({ lender: longZh, kind: 'kind_settlement', amount: '9999999999.99', dueDate: day(-10) });
      await popup.addAgreement({ lender: longEn, kind: 'kind_installment', amount: '8888888888.88', dueDate: day(2), periods: '36' });
      await popup.addAgreement({ lender: '借呗', kind: 'kind_extension', amount: '1234567.89', dueDate: day(40) });

      const header = await measure(popup.page, 'header.app-header');
      expect(header).toHaveLength(1);
      const top = header[0];
      if (!top) throw new Error('no header');
      expect(top.boxes.length).toBeGreaterThanOrEqual(3);
      expect(oneLineProblems(top)).toEqual([]);

      const rows = await measure(popup.page, '.agreement .agreement-actions');
      expect(rows).toHaveLength(3);
      for (const row of rows) {
        // Negotiate, Mark paid, Timeline, calendar, Edit, Delete (a paid row has no Mark paid or calendar).
        expect(row.boxes.length).toBeGreaterThanOrEqual(4);
        expect(oneLineProblems(row)).toEqual([]);
      }
      expect(await overflow(popup.page)).toEqual({ scroll: POPUP.width, client: POPUP.width, outside: [] });

      mkdirSync(SCREENSHOTS_DIR, { recursive: true });
      for (const scheme of ['light', 'dark'] as const) {
        await popup.page.emulateMedia({ colorScheme: scheme });
        await popup.page.screenshot({ path: join(SCREENSHOTS_DIR, `popup-fit-${locale}-${scheme}.png`), fullPage: true });
      }
      await ext.closePage(popup.page);

      // With the lock on, "Lock now" joins the header: still one line.
      await turnOnLockInChromium(ext, msg, 'a long enough passphrase for the test');
      const locked = await new ChromiumPopup(await ext.openPage('popup.html', POPUP), msg).ready();
      await locked.page.getByRole('button', { name: msg('lockNow'), exact: true }).waitFor();
      const withLock = (await measure(locked.page, 'header.app-header'))[0];
      if (!withLock) throw new Error('no header');
      expect(withLock.boxes.map((b) => b.text)).toEqual([msg('popupTitle'), msg('headerPanel'), msg('headerSettings'), msg('lockNow')]);
      expect(oneLineProblems(withLock)).toEqual([]);
      expect(await overflow(locked.page)).toEqual({ scroll: POPUP.width, client: POPUP.width, outside: [] });
      await locked.page.screenshot({ path: join(SCREENSHOTS_DIR, `popup-fit-lock-${locale}.png`), clip: { x: 0, y: 0, width: POPUP.width, height: 120 } });
      await ext.closePage(locked.page);
    });
  });
}
