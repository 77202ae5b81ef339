import { loadCalendarAccount, removeCalendarAccount, saveCalendarAccount, type CalendarAccount, type CalendarServer } from './account';
import { createCalendar, discover, type DavCalendar } from './caldav/discover';
import { syncCalendar } from './caldav/sync';
import { accountTransport, oneAtATime, pushCalendar, type PushOutcome } from './push';
import { clearPushStatus } from './push-status';
import { fetchTransport } from './transport';

/**
 * The Calendar section's steps, apart from its view: find the calendars on a server, connect one
 * (made on the server if the user asks) and push at once, and disconnect (deleting only our events
 * if the user asks; local data is never touched).
 */

/** The slug of the calendar we create; its name is in the user's language. */
export const OUR_CALENDAR_SLUG = 'repay-reminders';

export interface Found {
  homeUrl: string;
  calendars: DavCalendar[];
}

export async function findCalendars(server: CalendarServer, username: string, password: string): Promise<Found> {
  const request = fetchTransport({ origin: server.origin, hostSuffix: server.hostSuffix, username, password });
  const { homeUrl, calendars } = await discover(request, server.serverUrl);
  return { homeUrl, calendars };
}

/**
 * Saves the account with the chosen calendar (or one created under the home, named `newName`), then
 * pushes at once. Nothing is saved when creating the calendar fails.
 */
export async function connectCalendar(
  server: CalendarServer,
  credentials: { username: string; password: string },
  choice: { calendar: DavCalendar } | { homeUrl: string; newName: string },
  now: number,
): Promise<{ account: CalendarAccount; outcome: PushOutcome }> {
  const request = fetchTransport({ origin: server.origin, hostSuffix: server.hostSuffix, ...credentials });
  const calendar = 'calendar' in choice ? choice.calendar : await createCalendar(request, choice.homeUrl, OUR_CALENDAR_SLUG, choice.newName);
  const account: CalendarAccount = { ...server, ...credentials, hostSuffix: server.hostSuffix, calendarUrl: calendar.url, calendarName: calendar.displayName };
  await clearPushStatus();
  await saveCalendarAccount(account);
  return { account, outcome: await pushCalendar(now, { force: true }) };
}

/**
 * Forgets the account. With `deleteEvents`, our events are deleted from the calendar first (the
 * user's own events are never touched); if that fails, nothing is forgotten, so it can be tried
 * again. Returns how many events were deleted.
 */
export function disconnectCalendar(deleteEvents: boolean): Promise<number> {
  // After any push under way, so none puts events back once they are deleted.
  return oneAtATime(() => forget(deleteEvents));
}

async function forget(deleteEvents: boolean): Promise<number> {
  let deleted = 0;
  if (deleteEvents) {
    const account = await loadCalendarAccount();
    if (account?.calendarUrl) deleted = (await syncCalendar(accountTransport(account), account.calendarUrl, [])).deleted;
  }
  await removeCalendarAccount();
  await clearPushStatus();
  return deleted;
}
