import { browser } from 'wxt/browser';
import { showNotification } from '../browser/notifications';
import { t } from '../i18n';
import {
  CaptureRefusedError,
  captureShortcut,
  COMMAND_CAPTURE,
  EVIDENCE_NOTIFICATION_PREFIX,
  MENU_SCREENSHOT,
  MENU_SELECTION,
  refusalHint,
  selectedText,
  takeScreenshot,
  type EvidenceTab,
} from './grab';
import { currentLockState } from '../keys/state';
import { putInInbox } from './inbox';

/**
 * The background's part of evidence capture: the two context-menu items and the keyboard command.
 * It takes the screenshot or the text (what needs the user's gesture) and hands it to the pages
 * through the inbox (./inbox.ts); a notification answers, since the user acted on the lender's page.
 */

/**
 * Menu items live in the browser's profile; they are (re)made at install and at every browser start
 * (Firefox may drop an event page's items on restart), removing any left over first.
 */
export async function createEvidenceMenus(): Promise<void> {
  await browser.contextMenus.removeAll();
  // Wherever one right-clicks on a chat page (its message box, a link, a picture) except on selected
  // text, which has its own item.
  browser.contextMenus.create({ id: MENU_SCREENSHOT, title: t('menuSaveScreenshot'), contexts: ['page', 'frame', 'editable', 'link', 'image'] });
  browser.contextMenus.create({ id: MENU_SELECTION, title: t('menuSaveSelection'), contexts: ['selection'] });
}

export interface MenuClick {
  menuItemId: string | number;
  selectionText?: string;
  pageUrl?: string;
}

const notify = (title: string, message: string, now: number) => showNotification(`${EVIDENCE_NOTIFICATION_PREFIX}${now}`, { title, message });

async function screenshot(tab: EvidenceTab | undefined, now: number): Promise<void> {
  try {
    const item = await takeScreenshot(tab ?? {}, now);
    await putInInbox(item);
    await notify(t('evidenceSavedTitle'), t('evidenceSavedMessage', item.title ?? item.url ?? ''), now);
  } catch (error) {
    const reason = error instanceof CaptureRefusedError ? refusalHint(await captureShortcut()) : t('errGeneric', String(error));
    await notify(t('evidenceFailedTitle'), reason, now);
    throw error;
  }
}

/**
 * While the records are locked nothing is captured: it would wait in the inbox in plaintext until
 * the next unlock. The user is told to unlock first.
 */
async function refusedWhileLocked(now: number): Promise<boolean> {
  if ((await currentLockState(now)).kind !== 'locked') return false;
  await notify(t('evidenceFailedTitle'), t('evidenceLockedMessage'), now);
  return true;
}

/** A click on one of our menu items; other ids are left alone. */
export async function onEvidenceMenuClicked(info: MenuClick, tab: EvidenceTab | undefined, now: number): Promise<void> {
  if ((info.menuItemId === MENU_SCREENSHOT || info.menuItemId === MENU_SELECTION) && (await refusedWhileLocked(now))) return;
  if (info.menuItemId === MENU_SCREENSHOT) return screenshot(tab, now);
  const item = info.menuItemId === MENU_SELECTION ? selectedText(info.selectionText ?? '', info.pageUrl ?? tab?.url, now) : null;
  if (!item) return;
  await putInInbox(item);
  await notify(t('evidenceTextSavedTitle'), t('evidenceSavedMessage', tab?.title || item.url || ''), now);
}

export async function onEvidenceCommand(command: string, tab: EvidenceTab | undefined, now: number): Promise<void> {
  if (command === COMMAND_CAPTURE && !(await refusedWhileLocked(now))) await screenshot(tab, now);
}

export const isEvidenceNotification = (id: string): boolean => id.startsWith(EVIDENCE_NOTIFICATION_PREFIX);
