import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumExtension } from './support/chromium';
import { ChromiumSidePanel } from './support/chromium-pages';
import { DataSectionPage, normalisedDump } from './support/data-pages';
import { browserNow } from './support/dates';
import { loadMessages } from './support/messages';
import { SCREENSHOTS_DIR } from './support/paths';
import { poll } from './support/wait';

const msg = loadMessages('zh_CN');
const CHAT_TITLE = '借呗在线客服';
const OFFER = '我们同意为您办理分12期，每期3,000元，免除剩余罚息。';

/** A lender's chat page on 127.0.0.1, coloured so a screenshot of it is not blank. */
async function startChatServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${CHAT_TITLE}</title></head>
<body style="margin:0;background:#fdf2e9;font:16px sans-serif">
<h1 style="background:#1677ff;color:#fff;margin:0;padding:12px">${CHAT_TITLE} ${request.url ?? ''}</h1>
<p id="agent">客服 8821：<span id="offer">${OFFER}</span></p>
</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/chat`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The side panel's evidence section, as its user sees it. */
class EvidenceSection {
  constructor(readonly panel: ChromiumSidePanel) {}
  private get page() {
    return this.panel.page;
  }
  get section() {
    return this.page.getByRole('region', { name: msg('evidenceHeading'), exact: true });
  }
  get items() {
    return this.page.getByRole('list', { name: msg('evidenceListLabel'), exact: true }).getByRole('listitem');
  }
  get captureButton() {
    return this.section.getByRole('button', { name: msg('evidenceCapture'), exact: true });
  }
  get alert() {
    return this.section.getByRole('alert');
  }
  get viewer() {
    return this.page.getByRole('dialog', { name: msg('evidenceViewerLabel'), exact: true });
  }
  async waitForCount(count: number): Promise<void> {
    await poll(`${count} screenshot(s) listed`, () => this.items.count(), (n) => n === count, { timeoutMs: 10_000 });
  }
}

/** PNG signature, then the IHDR width and height (big-endian) of a base64 PNG. */
function pngSize(base64: string): { signature: boolean; width: number; height: number } {
  const bytes = Buffer.from(base64, 'base64');
  return { signature: bytes.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])), width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('Chromium, zh-CN: screenshots and saved text from the lender’s chat page', () => {
  let ext: ChromiumExtension;
  let chatServer: Awaited<ReturnType<typeof startChatServer>>;
  let dir: string;

  beforeAll(async () => {
    chatServer = await startChatServer();
    ext = await launchChromium({ lang: 'zh-CN' });
    dir = mkdtempSync(join(tmpdir(), 'repay-e2e-evidence-'));
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
    await chatServer.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The chat page as the tab the user is looking at. */
  async function openChat(path = ''): Promise<Page> {
    const chat = await ext.context.newPage();
    await chat.setViewportSize({ width: 800, height: 500 });
    await chat.goto(`${chatServer.url}${path}`);
    await chat.bringToFront();
    return chat;
  }

  it('the shortcut and the context menu screenshot the chat tab into the open session; listed, viewed, deleted; selected text becomes a note; a backup brings the image back byte for byte', async () => {
    const panel = await new ChromiumSidePanel(await ext.openPage('sidepanel.html', { width: 420, height: 900 }), msg).ready();
    await panel.field('sessionLender').fill('借呗');
    const evidence = new EvidenceSection(panel);
    await evidence.section.getByText(msg('evidenceEmpty', msg('menuSaveScreenshot'), 'Alt+Shift+S'), { exact: true }).waitFor();
    // The same server under another host name: another origin, as the lender's next site would be.
    const otherSite = `${chatServer.url.replace('127.0.0.1', 'localhost')}?page=2`;
    const [session] = await poll('the panel’s session', () => ext.db.sessions(null), (list) => list[0]?.lender === '借呗');
    if (!session) throw new Error('no session');

    // The two menu items exist (Chromium has no getAll; update rejects an id it does not know).
    const menuIds = await (await ext.worker()).evaluate(async () => {
      const exists = (id: string) => chrome.contextMenus.update(id, {}).then(() => true, () => false);
      return { screenshot: await exists('evidence-screenshot'), selection: await exists('evidence-selection'), other: await exists('no-such-item') };
    });
    expect(menuIds).toEqual({ screenshot: true, selection: true, other: false });

    // 1. The keyboard shortcut, pressed on the chat page. Chromium delivers it to the extension as the
    // real "capture-evidence" command, which grants activeTab for this tab, as a user's key press does.
    const chat = await openChat();
    await pressShortcut(ext, chat);
    const [first] = await poll('the first screenshot', () => ext.db.attachments(session.id), (list) => list.length === 1, { timeoutMs: 10_000 });
    if (!first) throw new Error('no screenshot');
    expect(first).toMatchObject({ ownerType: 'session', kind: 'screenshot', mimeType: 'image/png', url: chatServer.url, title: CHAT_TITLE });
    expect(first.byteLength).toBe(first.blob.size);
    const png = pngSize(first.blob.base64);
    expect(png.signature).toBe(true);
    expect(png.width).toBeGreaterThan(0);
    expect(Math.abs(first.capturedAt - (await browserNow(panel.page)))).toBeLessThan(60_000);
    // The open panel lists it at once.
    await evidence.waitForCount(1);
    expect(await evidence.items.first().textContent()).toContain(chatServer.url);

    // 2. The context menu item. A real right-click → "Save a screenshot…" would grant activeTab for
    // the tab; a test cannot click Chromium's native menu, so it dispatches the same onClicked event
    // to the real listener, and the grant comes from the shortcut above (it lasts until the tab
    // navigates), which is what a menu click would have given.
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // captureVisibleTab allows 2 calls a second
    const tab = await chatTab(ext, chat);
    await (await ext.worker()).evaluate(
      ({ tab, url }) =>
        (chrome.contextMenus.onClicked as unknown as { dispatch(info: object, tab: object): void }).dispatch(
          { menuItemId: 'evidence-screenshot', pageUrl: url, editable: false },
          tab,
        ),
      { tab, url: chatServer.url },
    );
    await evidence.waitForCount(2);

    // View one full size, then close.
    await evidence.items.first().getByRole('button', { name: msg.pattern('evidenceOpen') }).click();
    await evidence.viewer.waitFor();
    const full = evidence.viewer.getByRole('img');
    await poll('the full-size image to load', () => full.evaluate((img) => (img as HTMLImageElement).naturalWidth), (w) => w === png.width);
    expect(await full.getAttribute('src')).toMatch(/^blob:chrome-extension:\/\//);
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await panel.page.screenshot({ path: join(SCREENSHOTS_DIR, 'sidepanel-evidence-viewer.png') });
    await evidence.viewer.getByRole('button', { name: msg('evidenceClose'), exact: true }).click();
    await evidence.viewer.waitFor({ state: 'detached' });

    // 3. The panel's own button: works while the grant lasts…
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await evidence.captureButton.click();
    await evidence.section.getByText(msg.pattern('evidenceCaptured')).waitFor();
    await evidence.waitForCount(3);
    // …and after the chat tab navigates to another site (Chromium keeps the grant within the same
    // origin), the browser refuses and the panel says what to do instead.
    await chat.goto(otherSite);
    await chat.bringToFront();
    await evidence.captureButton.click();
    await evidence.alert.filter({ hasText: msg('evidenceNoAccess', msg('menuSaveScreenshot'), 'Alt+Shift+S') }).waitFor();
    expect(await ext.db.attachments(session.id)).toHaveLength(3);

    // A picture of the list for the record (zh-CN).
    await evidence.section.screenshot({ path: join(SCREENSHOTS_DIR, 'sidepanel-evidence.png') });

    // Delete one, after confirming.
    const last = evidence.items.last();
    const lastTime = (await last.locator('time').textContent()) ?? '';
    await last.getByRole('button', { name: msg('delete'), exact: true }).click();
    const confirm = last.getByRole('group', { name: msg('evidenceDeleteConfirm', lastTime) });
    await confirm.getByRole('button', { name: msg('deleteYes'), exact: true }).click();
    await evidence.waitForCount(2);
    expect(await ext.db.attachments(session.id)).toHaveLength(2);

    // 4. Selected text → a timestamped note with the page address (the menu's onClicked, as the
    // browser sends it for a selection; saving text needs no permission on the page).
    await chat.locator('#offer').selectText();
    const selected = await chat.evaluate(() => window.getSelection()?.toString() ?? '');
    expect(selected).toBe(OFFER);
    await (await ext.worker()).evaluate(
      ({ tab, url, selected }) =>
        (chrome.contextMenus.onClicked as unknown as { dispatch(info: object, tab: object): void }).dispatch(
          { menuItemId: 'evidence-selection', selectionText: selected, pageUrl: url, editable: false },
          tab,
        ),
      { tab: await chatTab(ext, chat), url: otherSite, selected },
    );
    await panel.note(OFFER).waitFor();
    expect(await panel.note(OFFER).textContent()).toContain(`（来源：${otherSite}）`);
    const notes = await ext.db.sessionNotes(session.id);
    expect(notes.map((n) => n.text)).toEqual([`${OFFER}\n（来源：${otherSite}）`]);

    // The Markdown log lists the screenshots with their times and pages.
    const [download] = await Promise.all([panel.page.waitForEvent('download'), panel.button('sessionExport').click()]);
    const markdown = await streamText(await download.createReadStream());
    expect(markdown).toContain(`## ${msg('exportEvidence')}`);
    expect(markdown.match(new RegExp(`\\[${msg('exportScreenshot').slice(1, -1)}\\] ${CHAT_TITLE} ${chatServer.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'g'))).toHaveLength(2);

    // 5. Backup: export, wipe, import; the screenshots come back byte for byte.
    const before = normalisedDump(await ext.db.dump());
    const data = await new DataSectionPage(await ext.openPage('options.html', { width: 900, height: 1200 }), msg).ready();
    const backup = await data.download(msg('dataExport'), dir);
    const file = JSON.parse(backup.text) as { stores: { attachments: { blob: { $blob: { type: string; base64: string } } }[] } };
    expect(file.stores.attachments).toHaveLength(2);
    expect(file.stores.attachments.map((a) => a.blob.$blob.type)).toEqual(['image/png', 'image/png']);
    await ext.db.clear();
    expect(await ext.db.attachments()).toEqual([]);
    await data.chooseBackup(backup.path);
    await data.preview.waitFor();
    expect(await data.preview.getByText(msg('dataPreviewLine', msg('importTopicImages'), '2', '0', '0', '0'), { exact: true }).isVisible()).toBe(true);
    await data.replaceAll();
    await data.status.filter({ hasText: msg.pattern('dataImported') }).waitFor();
    const after = normalisedDump(await ext.db.dump());
    expect(after).toEqual(before);
    expect((await ext.db.attachments(session.id)).map((a) => a.blob.base64)).toEqual(
      (before.records.attachments as unknown as { blob: { base64: string } }[]).map((a) => a.blob.base64),
    );
    await ext.closePage(data.page);
    await ext.closePage(panel.page);
    await chat.close();
  });
});

/**
 * Alt+Shift+S as the browser window receives it. Playwright's keyboard.press sends the key to the
 * page only; a raw key-down through the DevTools protocol goes through the browser's accelerators
 * first, where extension commands live, like a key pressed on a real keyboard.
 */
async function pressShortcut(ext: ChromiumExtension, page: Page): Promise<void> {
  // The key goes to the focused window's active tab, as on a real keyboard.
  await page.bringToFront();
  await page.waitForFunction(() => document.hasFocus() && document.visibilityState === 'visible');
  const cdp = await ext.context.newCDPSession(page);
  const ALT_SHIFT = 1 | 8;
  for (const type of ['rawKeyDown', 'keyUp'] as const) {
    await cdp.send('Input.dispatchKeyEvent', { type, modifiers: ALT_SHIFT, key: 'S', code: 'KeyS', windowsVirtualKeyCode: 83, nativeVirtualKeyCode: 83 });
  }
  await cdp.detach();
}

/** The chat page's tab as the extension sees it (id and window), with the page's address and title. */
async function chatTab(ext: ChromiumExtension, chat: Page): Promise<chrome.tabs.Tab> {
  const url = chat.url();
  const title = await chat.title();
  const worker = await ext.worker();
  const tabs = await worker.evaluate(() => chrome.tabs.query({}));
  // Without the "tabs" permission the extension does not see other tabs' addresses: the one that is
  // active and not ours is the chat.
  const own = `chrome-extension://${ext.extensionId}/`;
  const candidates = tabs.filter((t) => t.active && !(t.url ?? '').startsWith(own));
  const tab = candidates[0];
  if (!tab) throw new Error(`No chat tab among ${JSON.stringify(tabs)}`);
  return { ...tab, url, title };
}

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
