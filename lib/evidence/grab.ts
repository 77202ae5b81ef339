import { browser } from 'wxt/browser';
import { t } from '../i18n';
import type { InboxScreenshot, InboxText } from './inbox';

/**
 * Taking evidence from the lender's page, without storing it: small enough for the background.
 *
 * `tabs.captureVisibleTab` needs `activeTab` (granted to a tab by a click on our context-menu item,
 * our keyboard shortcut or the toolbar button, until the tab moves to another site) or
 * `<all_urls>`, which we do not ask for. A click inside the side panel grants nothing, so the
 * panel's button works only while an earlier grant lasts; otherwise the browser refuses.
 */

export const MENU_SCREENSHOT = 'evidence-screenshot';
export const MENU_SELECTION = 'evidence-selection';
export const COMMAND_CAPTURE = 'capture-evidence';
export const EVIDENCE_NOTIFICATION_PREFIX = 'evidence:';

/** Selected text kept in one note: more than any chat message; the page itself is the rest. */
export const MAX_SELECTION_LENGTH = 10_000;

export interface EvidenceTab {
  windowId?: number;
  url?: string;
  title?: string;
}

/** The browser would not capture the tab: no activeTab grant for it, or a page it never lets extensions capture. */
export class CaptureRefusedError extends Error {
  constructor(readonly reason: unknown) {
    super(`The browser refused the screenshot: ${reason instanceof Error ? reason.message : String(reason)}`);
    this.name = 'CaptureRefusedError';
  }
}

const pageOf = (tab: EvidenceTab | undefined) => ({ ...(tab?.url ? { url: tab.url } : {}), ...(tab?.title ? { title: tab.title } : {}) });

/** A PNG of the visible part of the window's active tab, with its address, title and the time. */
export async function takeScreenshot(tab: EvidenceTab, now: number): Promise<InboxScreenshot> {
  try {
    const dataUrl = await browser.tabs.captureVisibleTab(tab.windowId ?? browser.windows.WINDOW_ID_CURRENT, { format: 'png' });
    return { kind: 'screenshot', at: now, dataUrl, ...pageOf(tab) };
  } catch (error) {
    throw new CaptureRefusedError(error);
  }
}

/** Selected text, trimmed and clipped, with the page's address; null when nothing is selected. */
export function selectedText(text: string, pageUrl: string | undefined, now: number): InboxText | null {
  const kept = text.trim().slice(0, MAX_SELECTION_LENGTH);
  return kept === '' ? null : { kind: 'text', at: now, text: kept, ...(pageUrl ? { url: pageUrl } : {}) };
}

/** The key the user has for the capture command, or words saying none is set. */
export async function captureShortcut(): Promise<string> {
  const commands = await browser.commands.getAll().catch(() => []);
  return commands.find((c) => c.name === COMMAND_CAPTURE)?.shortcut || t('evidenceNoShortcut');
}

/** What a refused screenshot tells the user: how to give the browser's permission. */
export const refusalHint = (shortcut: string): string => t('evidenceNoAccess', [t('menuSaveScreenshot'), shortcut]);
