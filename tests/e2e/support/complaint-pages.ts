import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator, Page } from 'playwright-core';
import type { ChromiumExtension } from './chromium';
import type { Messages } from './messages';

/** The side panel's complaint draft (Chromium), as its user sees it. */
export class ComplaintDraftSection {
  constructor(
    readonly page: Page,
    private readonly msg: Messages,
  ) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: this.msg('complaintHeading'), exact: true });
  }
  /** The draft text: what Copy puts on the clipboard and Print on paper. */
  get preview(): Locator {
    return this.region.getByLabel(this.msg('complaintPreviewLabel'), { exact: true });
  }
  get request(): Locator {
    return this.region.getByRole('textbox', { name: this.msg('complaintRequestLabel'), exact: true });
  }
  /** The kept / not kept choice of one promise, by the start of its note. */
  promise(text: string): Locator {
    return this.region.getByRole('group', { name: this.msg('complaintPromisesLegend') }).getByRole('combobox', { name: new RegExp(text) });
  }
  button(key: 'complaintCopy' | 'complaintPrint' | 'complaintClose'): Locator {
    return this.region.getByRole('button', { name: this.msg(key), exact: true });
  }
  get status(): Locator {
    return this.region.getByRole('status');
  }
  async text(): Promise<string> {
    return (await this.preview.textContent()) ?? '';
  }

  /**
   * Chromium will not grant clipboard reading to an extension origin in tests: record what the
   * page hands to the real clipboard API instead (the call still goes through). Print is recorded
   * the same way, since a headless print would wait on a dialog no one closes.
   */
  async recordCopiesAndPrints(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { copies: string[]; prints: number };
      const original = navigator.clipboard.writeText.bind(navigator.clipboard);
      w.copies = [];
      w.prints = 0;
      navigator.clipboard.writeText = (data: string) => {
        w.copies.push(data);
        return original(data);
      };
      window.print = () => {
        w.prints += 1;
      };
    });
  }
  async copies(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { copies?: string[] }).copies ?? []);
  }
  async prints(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as { prints?: number }).prints ?? 0);
  }
}

/** The update view of a chat linked to an agreement. */
export class AgreementUpdateSection {
  constructor(
    readonly page: Page,
    private readonly msg: Messages,
    private readonly lender: string,
  ) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: this.msg('updateHeading', this.lender), exact: true });
  }
  get changes(): Locator {
    return this.region.getByRole('list', { name: this.msg('updateListLabel'), exact: true }).getByRole('listitem');
  }
  async changeTexts(): Promise<string[]> {
    return (await this.changes.allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
  }
  get alert(): Locator {
    return this.region.getByRole('alert');
  }
  button(key: 'updateApply' | 'cancel'): Locator {
    return this.region.getByRole('button', { name: this.msg(key), exact: true });
  }
}

/** A lender's chat page on 127.0.0.1, coloured so a screenshot of it is not blank. */
export async function startChatPage(title: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head>
<body style="margin:0;background:#fdf2e9;font:16px sans-serif"><h1 style="background:#1677ff;color:#fff;margin:0;padding:12px">${title}</h1>
<p>客服 8821：您的家人已被通知，今天必须还清。</p></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/chat`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * Alt+Shift+S as the browser window receives it: a raw key-down through the DevTools protocol goes
 * through the browser's accelerators, where extension commands live, as a real key press does (and
 * grants activeTab for the chat tab).
 */
export async function pressCaptureShortcut(ext: ChromiumExtension, page: Page): Promise<void> {
  await page.bringToFront();
  await page.waitForFunction(() => document.hasFocus() && document.visibilityState === 'visible');
  const cdp = await ext.context.newCDPSession(page);
  const ALT_SHIFT = 1 | 8;
  for (const type of ['rawKeyDown', 'keyUp'] as const) {
    await cdp.send('Input.dispatchKeyEvent', { type, modifiers: ALT_SHIFT, key: 'S', code: 'KeyS', windowsVirtualKeyCode: 83, nativeVirtualKeyCode: 83 });
  }
  await cdp.detach();
}
