/**
 * "Insert" in the script tab writes a filled line into the chat box the user has focused on the
 * lender's page. This file holds the decisions, free of browser APIs so they are unit-tested:
 * which tab, which permission to ask for, which frame holds the focused chat box, and what to tell
 * the user when it cannot be done (the line is then copied instead). ./page-insert.ts wires them
 * to the browser.
 *
 * Permission model: no host permission at install. A page is reachable when `activeTab` was
 * granted for its tab (the user opened the popup, the panel or the shortcut on it) or when the user
 * allowed that site before (optional host permission, asked at the moment of use). Without either
 * the browser hides even the tab's address, so a site can only be asked for once its address was
 * seen. A chat widget in a frame from another site needs that site too: activeTab covers the
 * top-level page only, and scripting skips frames it may not reach.
 *
 * The two functions at the bottom run inside the page (scripting.executeScript serialises them):
 * they must stay self-contained, using nothing from this module.
 */

export type InsertOutcome =
  | { code: 'inserted' }
  /** No page beside the panel. */
  | { code: 'no-tab' }
  /** chrome://, about:, the add-on stores, extension pages: browsers never let extensions in. */
  | { code: 'browser-page' }
  /** Neither activeTab nor a site permission covers the page, and its address is unknown. */
  | { code: 'no-access' }
  /** The user (or the browser) declined the permission for these sites. */
  | { code: 'refused'; hosts: string[] }
  /** Nothing editable has focus in the page. */
  | { code: 'no-input' }
  /** The focused chat box is in a frame from another site: the next Insert asks for that site. */
  | { code: 'frame-needs-access'; origin: string }
  /** Injection failed otherwise (the page was closing or navigating). */
  | { code: 'failed' };

export interface TabInfo {
  id?: number;
  url?: string;
  active: boolean;
  lastAccessed?: number;
}

/**
 * The tab "beside the panel". In the side panel (Chrome) or sidebar (Firefox) the panel is no tab
 * and the window's active tab is the chat. When sidepanel.html is itself open as a tab (tests, or a
 * user who opened it that way), it is the active tab: the chat is then the tab used just before.
 */
export function pickTargetTab(tabs: readonly TabInfo[], selfTabId: number | undefined): (TabInfo & { id: number }) | undefined {
  const withId = tabs.filter((tab): tab is TabInfo & { id: number } => tab.id !== undefined);
  if (selfTabId === undefined) return withId.find((tab) => tab.active);
  return withId
    .filter((tab) => tab.id !== selfTabId)
    .reduce<(TabInfo & { id: number }) | undefined>((best, tab) => ((tab.lastAccessed ?? 0) > (best?.lastAccessed ?? -1) ? tab : best), undefined);
}

/** Hosts where the browsers refuse any extension script, whatever the permissions. */
const PROTECTED_HOSTS = ['chromewebstore.google.com', 'chrome.google.com', 'addons.mozilla.org', 'microsoftedge.microsoft.com'];

export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The host permission for a site. Match patterns carry no port: one grant covers every port. */
export function hostPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

/** "chat.example.com" for a message. */
export function hostOf(originOrPattern: string): string {
  const match = /^[a-z]+:\/\/([^/:]+)/i.exec(originOrPattern);
  return match?.[1] ?? originOrPattern;
}

export function isScriptable(url: string): boolean {
  const origin = originOf(url);
  return origin !== undefined && !PROTECTED_HOSTS.includes(new URL(origin).hostname);
}

export interface InsertContext {
  /** The target tab; `url` is known only while activeTab or a site permission covers it. */
  tab: { id: number; url?: string } | undefined;
  /** The page's origin as last seen in this tab, for asking again after activeTab lapsed. */
  rememberedOrigin?: string;
  /** Frame origins found unreachable at the previous Insert in this tab. */
  frameOrigins: readonly string[];
}

export type InsertPlan = { kind: 'stop'; outcome: InsertOutcome } | { kind: 'go'; tabId: number; request: string[] };

/**
 * Decided synchronously inside the click: a permission request must be made before anything is
 * awaited, or the browser no longer sees a user gesture and refuses to ask.
 */
export function planInsert({ tab, rememberedOrigin, frameOrigins }: InsertContext): InsertPlan {
  if (!tab) return { kind: 'stop', outcome: { code: 'no-tab' } };
  const request: string[] = [];
  if (tab.url !== undefined) {
    if (!isScriptable(tab.url)) return { kind: 'stop', outcome: { code: 'browser-page' } };
  } else {
    // The address is hidden: no permission covers the page now. Ask for the site it showed before.
    if (rememberedOrigin === undefined || !isScriptable(rememberedOrigin)) return { kind: 'stop', outcome: { code: 'no-access' } };
    request.push(hostPattern(rememberedOrigin));
  }
  for (const origin of frameOrigins) {
    if (isScriptable(origin) && !request.includes(hostPattern(origin))) request.push(hostPattern(origin));
  }
  return { kind: 'go', tabId: tab.id, request };
}

/** What one frame reported about its focus (probeFocusInPage). */
export interface FrameProbe {
  frameId: number;
  url: string;
  hasFocus: boolean;
  /** `src` is the focused frame element's address, for following focus into it. */
  focus: { kind: 'editable' } | { kind: 'frame'; src: string } | { kind: 'none' };
}

export type FrameChoice = { kind: 'frame'; frameId: number } | { kind: 'frame-needs-access'; origin: string } | { kind: 'none' };

/**
 * Follows the focus from the top page down through the focused frames to the focused chat box.
 * Every frame keeps its own focused element even when it is not the focused frame, so "some frame
 * has an editable element focused" is not enough: the chain from the top decides. A frame on the
 * chain that reported nothing was skipped for lack of permission.
 */
export function chooseFrame(probes: readonly FrameProbe[]): FrameChoice {
  const editable = probes.filter((p) => p.focus.kind === 'editable');
  let current = probes.find((p) => p.frameId === 0);
  const seen = new Set<number>();
  while (current && !seen.has(current.frameId)) {
    seen.add(current.frameId);
    const focus = current.focus;
    if (focus.kind === 'editable') return { kind: 'frame', frameId: current.frameId };
    if (focus.kind === 'none') return { kind: 'none' };
    const origin = originOf(focus.src);
    const children = probes.filter((p) => !seen.has(p.frameId) && originOf(p.url) === origin);
    const next =
      children.find((p) => p.url === focus.src) ??
      (children.filter((p) => p.focus.kind !== 'none').length === 1 ? children.find((p) => p.focus.kind !== 'none') : undefined) ??
      children.find((p) => p.hasFocus);
    if (!next) {
      if (origin !== undefined && children.length === 0) return { kind: 'frame-needs-access', origin };
      break;
    }
    current = next;
  }
  // An about:blank or srcdoc frame has no address to follow: a single focused box still decides.
  const only = editable.length === 1 ? editable[0] : editable.filter((p) => p.hasFocus).length === 1 ? editable.find((p) => p.hasFocus) : undefined;
  return only ? { kind: 'frame', frameId: only.frameId } : { kind: 'none' };
}

/** The status line after Insert: what happened, then (unless inserted) that the line was copied. */
export type InsertMessageKey =
  | 'insertDone'
  | 'insertNoTab'
  | 'insertBrowserPage'
  | 'insertNoAccess'
  | 'insertRefused'
  | 'insertNoInput'
  | 'insertFrameNeedsAccess'
  | 'insertFailed';

export function describeOutcome(outcome: InsertOutcome, listSeparator: string): { key: InsertMessageKey; substitutions: string[] } {
  switch (outcome.code) {
    case 'inserted':
      return { key: 'insertDone', substitutions: [] };
    case 'no-tab':
      return { key: 'insertNoTab', substitutions: [] };
    case 'browser-page':
      return { key: 'insertBrowserPage', substitutions: [] };
    case 'no-access':
      return { key: 'insertNoAccess', substitutions: [] };
    case 'refused':
      return { key: 'insertRefused', substitutions: [outcome.hosts.map(hostOf).join(listSeparator)] };
    case 'no-input':
      return { key: 'insertNoInput', substitutions: [] };
    case 'frame-needs-access':
      return { key: 'insertFrameNeedsAccess', substitutions: [hostOf(outcome.origin)] };
    case 'failed':
      return { key: 'insertFailed', substitutions: [] };
  }
}

/** Runs in every frame of the page. Self-contained: serialised by scripting.executeScript. */
export function probeFocusInPage(): { url: string; hasFocus: boolean; focus: { kind: 'editable' } | { kind: 'frame'; src: string } | { kind: 'none' } } {
  let el: Element | null = document.activeElement;
  // Chat widgets built as web components keep their input inside a shadow root.
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  const textTypes = ['', 'text', 'search', 'email', 'url', 'tel'];
  const isEditable =
    (el instanceof HTMLTextAreaElement && !el.disabled && !el.readOnly) ||
    (el instanceof HTMLInputElement && textTypes.includes(el.getAttribute('type')?.toLowerCase() ?? '') && !el.disabled && !el.readOnly) ||
    (el instanceof HTMLElement && el.isContentEditable);
  const focus = isEditable
    ? { kind: 'editable' as const }
    : el instanceof HTMLIFrameElement
      ? { kind: 'frame' as const, src: el.src }
      : { kind: 'none' as const };
  return { url: location.href, hasFocus: document.hasFocus(), focus };
}

/**
 * Runs in the chosen frame. Self-contained. A framework-controlled field (React, Vue) takes a new
 * value only from an `input` event, and React drops the event when its value tracker (an own
 * property of the element) saw the write. Scripts injected here run in the extension's isolated
 * world, which does not see the page's own properties, but the write goes through the prototype's
 * native setter anyway, so it holds in the page's world too. A contenteditable box takes
 * execCommand('insertText'), which keeps the site's undo and listeners.
 */
export function insertTextInPage(text: string): 'inserted' | 'no-input' {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) {
    if (el.disabled || el.readOnly) return 'no-input';
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    const native = Object.getOwnPropertyDescriptor(proto, 'value');
    if (!native?.set || !native.get) return 'no-input';
    const before = String(native.get.call(el));
    let start = before.length;
    let end = before.length;
    try {
      start = el.selectionStart ?? start;
      end = el.selectionEnd ?? end;
    } catch {
      // Some input types have no selection: append.
    }
    native.set.call(el, before.slice(0, start) + text + before.slice(end));
    try {
      el.setSelectionRange(start + text.length, start + text.length);
    } catch {
      // As above.
    }
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    return 'inserted';
  }
  if (el instanceof HTMLElement && el.isContentEditable) {
    el.focus();
    const selection = window.getSelection();
    if (selection && (selection.rangeCount === 0 || !el.contains(selection.getRangeAt(0).commonAncestorContainer))) {
      const range = document.createRange();
      range.selectNodeContents(el);
      range.collapse(false);
      selection.removeAllRanges();
      selection.addRange(range);
    }
    // execCommand is deprecated but still the only way that goes through the editor's own path.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    if (document.execCommand('insertText', false, text)) return 'inserted';
    const range = selection?.rangeCount ? selection.getRangeAt(0) : null;
    if (!range) return 'no-input';
    range.deleteContents();
    range.insertNode(document.createTextNode(text));
    range.collapse(false);
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
    return 'inserted';
  }
  return 'no-input';
}
