import { davRequest, type RadicaleServer } from '../../servers/radicale';
import { findComponents, propertyValue, readComponents, unescapeText } from '../../../lib/calendar/ical';
import { parseMultistatus } from '../../../lib/calendar/caldav/multistatus';
import { CALDAV, qname } from '../../../lib/calendar/caldav/xml';

/** What a CalDAV calendar on the test's Radicale holds, read over HTTP from Node: each event's UID and summary. */
export async function eventsOnServer(server: RadicaleServer, calendarUrl: string): Promise<{ uid: string; summary: string; alarms: number }[]> {
  const request = davRequest(server.user, server.password);
  const response = await request('REPORT', calendarUrl, {
    headers: { 'content-type': 'application/xml', depth: '1' },
    body: `<c:calendar-query xmlns:d="DAV:" xmlns:c="${CALDAV}"><d:prop><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"/></c:filter></c:calendar-query>`,
  });
  if (response.status !== 207) throw new Error(`REPORT ${calendarUrl}: ${String(response.status)}`);
  return parseMultistatus(response, calendarUrl)
    .flatMap((e) => findComponents(readComponents(e.props.get(qname(CALDAV, 'calendar-data'))?.text ?? ''), 'VEVENT'))
    .map((event) => ({
      uid: propertyValue(event, 'UID') ?? '',
      summary: unescapeText(propertyValue(event, 'SUMMARY') ?? ''),
      alarms: event.components.filter((c) => c.name === 'VALARM').length,
    }));
}

/** The calendar the extension creates under the test user's home. */
export const ourCalendarUrl = (server: RadicaleServer) => `${server.url}${server.user}/repay-reminders/`;
