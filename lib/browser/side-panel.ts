import { browser } from 'wxt/browser';

/**
 * Chrome has a side panel, Firefox a sidebar. Both open only inside a user gesture, and Chrome
 * loses the gesture at the first `await`: call this synchronously from the click handler, with a
 * window id obtained beforehand.
 */
export function openSidePanel(windowId: number | undefined): Promise<void> {
  if (import.meta.env.BROWSER === 'firefox') {
    // Firefox's own API, which the Chrome-typed `browser` does not declare.
    const firefox = browser as typeof browser & { sidebarAction?: { open(): Promise<void> } };
    return firefox.sidebarAction?.open() ?? Promise.reject(new Error('No sidebar in this browser'));
  }
  if (windowId === undefined) return Promise.reject(new Error('No window to open the side panel in'));
  return chrome.sidePanel.open({ windowId });
}

/** The agreement the side panel should show, chosen in the popup. */
export const PANEL_AGREEMENT_KEY = 'panelAgreementId';

/**
 * The script the side panel should open on (a scenario id), asked for by the overdue advice; null
 * for the panel's usual first tab. The panel clears it once shown, so it applies to one opening.
 */
export const PANEL_SCRIPT_KEY = 'panelScript';
