import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A lender's customer-service chat, imitated on this machine: two local HTTP servers on random
 * ports, so the page and its chat frame are two sites.
 *
 * - `pageUrl` (127.0.0.1:<port>) has a plain <textarea>, a "controlled" <input> that behaves like
 *   React's (it keeps its own state, shown in #controlled-state, and re-renders the value: a value
 *   written in the page's world with a plain `input.value = …` is taken back on the next render;
 *   only a write the tracker did not see plus an `input` event gets through), a contenteditable
 *   box, an iframe with the chat frame, and a web component whose textarea is in its shadow root.
 * - `frameUrl` (localhost:<other port>) is the embedded chat widget with its own <textarea>.
 *   Host permissions match on the host name, not the port, so a different host name is what makes
 *   the frame need its own permission, as a widget from the vendor's domain would in real life.
 * - `plainUrl` is a page with no text field at all.
 */
export interface ChatPage {
  pageUrl: string;
  frameUrl: string;
  plainUrl: string;
  /** The frame's origin, as a host permission pattern asks for it ("http://localhost/*"). */
  frameHostPattern: string;
  pageHostPattern: string;
  close(): Promise<void>;
}

const page = (frameUrl: string) => `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>在线客服</title></head>
<body>
  <h1>在线客服</h1>
  <label>Plain chat box <textarea id="plain" rows="3" cols="60"></textarea></label>
  <p><label>Controlled chat box <input id="controlled" type="text" size="60"></label></p>
  <p>State: <output id="controlled-state"></output></p>
  <div id="rich" contenteditable="true" role="textbox" aria-label="Rich chat box"
       style="border:1px solid #888;min-height:2em;padding:4px"></div>
  <iframe id="widget" title="Chat widget" src="${frameUrl}" width="600" height="120"></iframe>
  <chat-box id="shadow-host"></chat-box>
  <script>
    // A widget built as a web component: its textarea sits in a shadow root.
    customElements.define('chat-box', class extends HTMLElement {
      connectedCallback() {
        this.attachShadow({ mode: 'open' }).innerHTML = '<textarea id="shadow-box" rows="2" cols="50"></textarea>';
      }
    });

    // What React does to a controlled input, in a few lines: it records every value it writes
    // (its "value tracker", installed on the element itself), ignores an input event when the
    // current value equals the recorded one, and renders its state back into the element.
    const input = document.getElementById('controlled');
    const shown = document.getElementById('controlled-state');
    const proto = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
    let tracked = '';
    let state = '';
    Object.defineProperty(input, 'value', {
      configurable: true,
      get() { return proto.get.call(this); },
      set(v) { tracked = String(v); proto.set.call(this, v); },
    });
    const render = () => { input.value = state; shown.textContent = state; };
    input.addEventListener('input', () => {
      const current = proto.get.call(input);
      if (current !== tracked) state = current;
      // Rendered after the event, as React does when it commits.
      queueMicrotask(render);
    });
    render();
  </script>
</body>
</html>`;

const frame = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>Chat widget</title></head>
<body><label>Widget chat box <textarea id="widget-box" rows="3" cols="50"></textarea></label></body>
</html>`;

const plain = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>公告</title></head>
<body><h1>公告</h1><p>No text field here.</p></body></html>`;

async function listen(server: Server, host: string): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as AddressInfo).port;
}

export async function startChatPage(): Promise<ChatPage> {
  let frameUrl = '';
  const send = (response: import('node:http').ServerResponse, html: string) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(html);
  };
  const main = createServer((request, response) => {
    if (request.url === '/plain') send(response, plain);
    else if (request.url === '/') send(response, page(frameUrl));
    else {
      response.statusCode = 404;
      response.end();
    }
  });
  const widget = createServer((request, response) => {
    if (request.url === '/frame') send(response, frame);
    else {
      response.statusCode = 404;
      response.end();
    }
  });
  const mainPort = await listen(main, '127.0.0.1');
  const widgetPort = await listen(widget, '127.0.0.1');
  frameUrl = `http://localhost:${widgetPort}/frame`;
  const close = (server: Server) =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    pageUrl: `http://127.0.0.1:${mainPort}/`,
    frameUrl,
    plainUrl: `http://127.0.0.1:${mainPort}/plain`,
    pageHostPattern: 'http://127.0.0.1/*',
    frameHostPattern: 'http://localhost/*',
    close: async () => {
      await Promise.all([close(main), close(widget)]);
    },
  };
}

/**
 * A copy of the built extension in which the user has already allowed these sites: the patterns
 * move from optional_host_permissions to host_permissions, which an unpacked extension gets at
 * install. Headless Chromium cannot answer the permission prompt (permissions.request stays
 * pending, its dialog is out of the test's reach, and chrome://extensions' developerPrivate grant
 * does not apply to optional permissions), so this stands in for the user's "Allow". A granted
 * optional permission and an install-time one are the same grant to scripting.executeScript.
 */
export function buildWithSitesAllowed(buildDir: string, patterns: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'repay-e2e-sites-'));
  cpSync(buildDir, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { optional_host_permissions?: string[]; host_permissions?: string[] };
  if (!manifest.optional_host_permissions?.some((p) => p === 'http://*/*')) {
    throw new Error('The build asks for no optional http:// host permission: nothing a user could allow');
  }
  manifest.host_permissions = [...patterns];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}
