import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxExtension } from './support/firefox';
import { aria, FirefoxSidePanel } from './support/firefox-pages';
import { loadMessages } from './support/messages';
import { poll } from './support/wait';

const msg = loadMessages('en');
const CHAT_URL = 'https://lender.example/chat?id=42';

describe('Firefox ESR, en-US: screenshots and saved text in the side panel', () => {
  let ext: FirefoxExtension;
  let server: Server;
  let chatUrl: string;

  beforeAll(async () => {
    // A lender's chat page on this machine; the test's own page, loaded without the recording proxy.
    server = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end('<!doctype html><title>Lender chat</title><p>Agent 8821: we agree to 12 installments.</p>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    chatUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/chat`;
    ext = await launchFirefox({ extraPrefs: { 'network.proxy.type': 0 } });
  });

  afterAll(async () => {
    await (ext as FirefoxExtension | undefined)?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('the button explains what Firefox refuses; what the background hands over is stored in the open session, listed, viewed full size, deleted', async () => {
    const panel = new FirefoxSidePanel(await ext.openPage('sidepanel.html', FirefoxSidePanel.readySelector(msg), { width: 420, height: 900 }), msg);
    const page = panel.page;
    const db = () => ext.db(page);
    await (await panel.field('sessionLender')).type('Ant Credit Pay');
    const [session] = await poll('the general session', () => db().sessions(null), (list) => list[0]?.lender === 'Ant Credit Pay');
    if (!session) throw new Error('no session');
    // The empty list says how to take one, with the shortcut Firefox gave the command.
    await page.waitForSelector(`::-p-text(${msg('evidenceEmpty', msg('menuSaveScreenshot'), 'Alt+Shift+S')})`);

    // The panel opened as a tab is itself the active tab: there is no chat page to capture.
    await (await page.waitForSelector(aria(msg('evidenceCapture'), 'button')))?.click();
    await page.waitForSelector(`::-p-text(${msg('evidenceNoChatTab')})`);

    // With the chat page in front, Firefox's real captureVisibleTab refuses ("Missing activeTab
    // permission": a click in the panel grants nothing), and the panel says to use the menu or the shortcut.
    const chat = await ext.browser.newPage();
    await chat.goto(chatUrl);
    await chat.bringToFront();
    await (await page.waitForSelector(aria(msg('evidenceCapture'), 'button')))?.click();
    await page.waitForSelector(`::-p-text(${msg('evidenceNoAccess', msg('menuSaveScreenshot'), 'Alt+Shift+S')})`);
    expect(await db().attachments(session.id)).toEqual([]);
    await chat.close();

    // The background's hand-off, as after a click on "Save a screenshot…" or the shortcut on the
    // lender's page. Puppeteer cannot click Firefox's context menu or press a browser shortcut, and
    // Firefox events have no dispatch(); so the page leaves the same item in the inbox the background
    // would, with a real PNG drawn on a canvas. Everything after that is the app's own path.
    const dataUrl = await page.evaluate(async (url) => {
      const canvas = document.createElement('canvas');
      canvas.width = 120;
      canvas.height = 80;
      const g = canvas.getContext('2d');
      if (!g) throw new Error('no canvas');
      g.fillStyle = '#1677ff';
      g.fillRect(0, 0, 120, 30);
      g.fillStyle = '#fdf2e9';
      g.fillRect(0, 30, 120, 50);
      const png = canvas.toDataURL('image/png');
      const api = (globalThis as unknown as { browser: typeof chrome }).browser;
      await api.storage.local.set({ 'evidenceInbox:1-firefox': { kind: 'screenshot', at: Date.now(), dataUrl: png, url, title: 'Lender chat' } });
      await api.storage.local.set({ 'evidenceInbox:2-firefox': { kind: 'text', at: Date.now() + 1, text: 'We agree to 12 installments', url } });
      return png;
    }, CHAT_URL);

    const [shot] = await poll('the screenshot stored in the session', () => db().attachments(session.id), (list) => list.length === 1);
    expect(shot).toMatchObject({ ownerType: 'session', kind: 'screenshot', mimeType: 'image/png', url: CHAT_URL, title: 'Lender chat' });
    expect(shot?.blob.base64).toBe(dataUrl.slice('data:image/png;base64,'.length));
    const notes = await poll('the saved text as a note', () => db().sessionNotes(session.id), (list) => list.length === 1);
    expect(notes[0]?.text).toBe(`We agree to 12 installments\n(from ${CHAT_URL})`);
    await page.waitForFunction((text) => [...document.querySelectorAll('.note-stream .note-text')].some((el) => el.textContent === text), {}, notes[0]?.text ?? '');
    // Both left the inbox.
    expect(await page.evaluate(async () => Object.keys(await (globalThis as unknown as { browser: typeof chrome }).browser.storage.local.get(null)).filter((k) => k.startsWith('evidenceInbox:')))).toEqual([]);

    // Listed with its page; the thumbnail opens it full size.
    const list = await page.waitForSelector(aria(msg('evidenceListLabel'), 'list'));
    expect(await list?.evaluate((el) => el.textContent)).toContain(CHAT_URL);
    await (await page.waitForSelector('.evidence-thumb'))?.click();
    const dialog = await page.waitForSelector(aria(msg('evidenceViewerLabel'), 'dialog'));
    await page.waitForFunction((el) => (el as HTMLElement).querySelector('img')?.naturalWidth === 120, {}, dialog);
    await (await page.waitForSelector(aria(msg('evidenceClose'), 'button')))?.click();
    await page.waitForSelector(aria(msg('evidenceViewerLabel'), 'dialog'), { hidden: true });

    // Deleted after confirming.
    await (await list?.waitForSelector(aria(msg('delete'), 'button')))?.click();
    await (await page.waitForSelector(aria(msg('deleteYes'), 'button')))?.click();
    await poll('the screenshot deleted', () => db().attachments(session.id), (rows) => rows.length === 0);
    await page.waitForSelector(`::-p-text(${msg('evidenceEmpty', msg('menuSaveScreenshot'), 'Alt+Shift+S')})`);
    await ext.closePage(page);
  });
});
