import { browser } from 'wxt/browser';

/**
 * The user's choice to leave lender names and amounts out of calendars: the exported files and,
 * later, the events pushed to their own CalDAV server. One choice for both, kept in extension
 * storage; off unless the user turns it on. The lock does not change it: a locked profile still
 * sends its events, worded as chosen here.
 */
const KEY = 'calendarLeaveOutDetails';

export async function loadLeaveOutDetails(): Promise<boolean> {
  const stored = await browser.storage.local.get(KEY);
  return stored[KEY] === true;
}

export async function saveLeaveOutDetails(on: boolean): Promise<void> {
  await browser.storage.local.set({ [KEY]: on });
}
