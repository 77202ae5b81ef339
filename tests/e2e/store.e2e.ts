import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../lib/negotiation/scenarios';
import { launchChromium, type ChromiumExtension } from './support/chromium';
import { ChromiumSidePanel } from './support/chromium-pages';
import { loadMessages } from './support/messages';
import { SCREENSHOTS_DIR } from './support/paths';
import { PopupScreen } from './support/popup-pages';

/**
 * The stores' screenshots, 1280×800 as both stores ask: the popup beside the side panel, the full
 * view, and the settings, in each language, from the built extension with its demo data.
 * `npm run screenshots` writes them to docs/store/screenshots; other runs to the build folder.
 */
const STORE_DIR = resolve(process.env.STORE_SCREENSHOT_DIR ?? join(SCREENSHOTS_DIR, 'store'));
const WIDTH = 1280;
const HEIGHT = 800;

/** Width and height from a PNG's header (the IHDR chunk follows the 8-byte signature). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Lays pictures out on one 1280×800 page, side by side and centred, on a quiet background. */
async function compose(page: Page, title: string, shots: Buffer[]): Promise<Buffer> {
  await page.setViewportSize({ width: WIDTH, height: HEIGHT });
  const images = shots.map((png) => `<img src="data:image/png;base64,${png.toString('base64')}" alt="">`).join('');
  await page.setContent(
    `<!doctype html><html><head><meta charset="utf-8"><style>
      html,body{margin:0;width:${String(WIDTH)}px;height:${String(HEIGHT)}px;overflow:hidden;background:#eef2f7;
        font-family:"Noto Sans CJK SC","Noto Sans",sans-serif;color:#1f2937}
      h1{margin:0;padding:36px 0 24px;text-align:center;font-size:30px;font-weight:600}
      .row{display:flex;gap:40px;justify-content:center;align-items:flex-start}
      img{max-height:660px;border-radius:10px;box-shadow:0 8px 30px rgba(15,23,42,.18)}
    </style></head><body><h1></h1><div class="row">${images}</div></body></html>`,
  );
  await page.locator('h1').evaluate((h1, text) => (h1.textContent = text), title);
  await page.evaluate(() => Promise.all([...document.images].map((img) => img.decode())));
  return page.screenshot();
}

function save(name: string, png: Buffer): void {
  expect(pngSize(png)).toEqual({ width: WIDTH, height: HEIGHT });
  mkdirSync(STORE_DIR, { recursive: true });
  writeFileSync(join(STORE_DIR, name), png);
}

describe.each([
  { lang: 'zh-CN', locale: 'zh_CN', file: 'zh-CN' },
  { lang: 'en-US', locale: 'en', file: 'en' },
] as const)('Chromium, $lang: the stores’ screenshots', ({ lang, locale, file }) => {
  const msg = loadMessages(locale);
  const zh = locale === 'zh_CN';
  let ext: ChromiumExtension;

  beforeAll(async () => {
    ext = await launchChromium({ lang });
    const popup = await new PopupScreen(await ext.openPage('popup.html'), msg).ready();
    await popup.demoFillButton.click();
    await popup.status.filter({ hasText: msg('demoAdded') }).waitFor();
    await ext.closePage(popup.page);
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
  });

  it('the popup with an overdue agreement, beside the side panel’s script', async () => {
    const popup = await new PopupScreen(await ext.openPage('popup.html', { width: 380, height: 640 }), msg).ready();
    const popupShot = await popup.page.screenshot();
    const panel = await new ChromiumSidePanel(await ext.openPage('sidepanel.html', { width: 400, height: 640 }), msg).ready();
    const scenario = SCENARIOS.find((s) => s.id === 'installments');
    if (!scenario) throw new Error('no installments scenario');
    await panel.pick(zh ? '网商贷' : 'MYbank');
    await panel.openScript(zh ? scenario.title.zh : scenario.title.en);
    const panelShot = await panel.page.screenshot();
    const page = await ext.context.newPage();
    save(`popup-and-panel-${file}.png`, await compose(page, msg('extActionTitle'), [popupShot, panelShot]));
    await page.close();
  });

  it('the full view and the settings, at the stores’ size', async () => {
    for (const [name, path] of [
      ['full-view', 'manage.html'],
      ['settings', 'options.html'],
    ] as const) {
      const page = await ext.openPage(path, { width: WIDTH, height: HEIGHT });
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      save(`${name}-${file}.png`, await page.screenshot());
      await ext.closePage(page);
    }
  });
});
