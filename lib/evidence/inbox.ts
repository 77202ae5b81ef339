import { browser } from 'wxt/browser';
import { sealForStorage } from '../keys/sealed-storage';

/**
 * The background's hand-off of evidence to the pages. The service worker cannot load code lazily
 * (`import()` is not allowed in a service worker) and must stay small, so it does only what needs
 * the user's click or key press (the activeTab grant): it takes the screenshot, or reads the
 * selection, and leaves it here, in the extension's own storage (kept on disk; `unlimitedStorage`).
 * The side panel (at once, when open) or the next backup moves each item into IndexedDB, checked
 * like any other write (lib/evidence/capture.ts), and only then removes it from here.
 */
export const INBOX_PREFIX = 'evidenceInbox:';

export interface InboxScreenshot {
  kind: 'screenshot';
  /** Epoch milliseconds of the click or key press. */
  at: number;
  /** The PNG as the browser returned it. */
  dataUrl: string;
  url?: string;
  title?: string;
}

export interface InboxText {
  kind: 'text';
  at: number;
  text: string;
  url?: string;
}

export type InboxItem = InboxScreenshot | InboxText;

export const isInboxKey = (key: string): boolean => key.startsWith(INBOX_PREFIX);

/**
 * Leaves an item for the pages; returns its key (which also becomes the stored record's id). With
 * the lock on (the background refuses captures while it is closed) the item waits sealed with the
 * records' key (lib/keys/sealed-storage.ts), so a screenshot is never on disk in the clear.
 */
export async function putInInbox(item: InboxItem): Promise<string> {
  const key = `${INBOX_PREFIX}${item.at}-${crypto.randomUUID()}`;
  await browser.storage.local.set({ [key]: await sealForStorage(key, item) });
  return key;
}
