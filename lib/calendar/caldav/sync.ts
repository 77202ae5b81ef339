import { findComponents, propertyValue, readComponents } from '../ical';
import { isOurUid } from '../uid';
import { HASH_PROPERTY, type EventResource } from '../serialize';
import { parseMultistatus } from './multistatus';
import { inPool } from './pool';
import { planCalendarSync, type RemoteEvent, type SyncAction } from './plan';
import { DavError, send, unexpected, XML_HEADERS, type DavRequest } from './request';
import { CALDAV, DAV, qname } from './xml';

/**
 * Bringing one calendar in line: list our events on the server, plan (plan.ts), run the plan.
 * Safe to run again after any failure: every step is idempotent or guarded (If-None-Match: *,
 * If-Match), and the next run starts from what the server has, not from what we think we did.
 * A guard that fails (412: someone, or our own earlier run, changed it meanwhile) is settled by
 * listing and planning again, a few passes at most.
 */

const REPORT_EVENTS = `<?xml version="1.0" encoding="utf-8"?>
<c:calendar-query xmlns:d="DAV:" xmlns:c="${CALDAV}"><d:prop><d:getetag/><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"/></c:comp-filter></c:filter></c:calendar-query>`;

/** Our events in the calendar (UIDs with our prefix), with their ETags and content hashes. */
export async function listOurEvents(request: DavRequest, calendarUrl: string): Promise<RemoteEvent[]> {
  const response = await send(request, 'REPORT', calendarUrl, { headers: { ...XML_HEADERS, depth: '1' }, body: REPORT_EVENTS });
  if (response.status !== 207) throw unexpected('REPORT', calendarUrl, response);
  const events: RemoteEvent[] = [];
  for (const entry of parseMultistatus(response, calendarUrl)) {
    const data = entry.props.get(qname(CALDAV, 'calendar-data'))?.text;
    if (!data) continue;
    const event = findComponents(readComponents(data), 'VEVENT')[0];
    const uid = event && propertyValue(event, 'UID');
    if (!event || !uid || !isOurUid(uid)) continue;
    const etag = entry.props.get(qname(DAV, 'getetag'))?.text.trim();
    events.push({ url: entry.url, etag: etag ? etag : null, uid, hash: propertyValue(event, HASH_PROPERTY) ?? null });
  }
  return events;
}

export interface SyncResult {
  created: number;
  updated: number;
  deleted: number;
  /** Ours on the server and already as wanted. */
  unchanged: number;
}

const CALENDAR_TYPE = { 'content-type': 'text/calendar; charset=utf-8' } as const;

/** Runs one action: true when done, false when its guard failed (to plan again). */
async function run(request: DavRequest, action: SyncAction): Promise<boolean> {
  if (action.kind === 'delete') {
    const response = await send(request, 'DELETE', action.url, { headers: action.etag ? { 'if-match': action.etag } : {} });
    // Already gone is what we wanted.
    if (response.status === 404 || response.status === 410 || (response.status >= 200 && response.status < 300)) return true;
    if (response.status === 412) return false;
    throw unexpected('DELETE', action.url, response);
  }
  const guard: Record<string, string> = action.kind === 'create' ? { 'if-none-match': '*' } : action.etag ? { 'if-match': action.etag } : {};
  const response = await send(request, 'PUT', action.url, { headers: { ...CALENDAR_TYPE, ...guard }, body: action.body });
  if (response.status >= 200 && response.status < 300) return true;
  // 412: it exists after all (create) or changed meanwhile (update); 404: gone meanwhile (update).
  if (response.status === 412 || (action.kind === 'update' && response.status === 404)) return false;
  throw unexpected('PUT', action.url, response);
}

const MAX_PASSES = 3;

/**
 * Requests in flight at once. The first push of a year of dates is hundreds of PUTs, and a phone
 * calendar's server is a network away: a few at a time cut the wait without looking like a flood
 * to servers that count requests (iCloud, Nextcloud's brute-force protection).
 */
export const PUSH_CONCURRENCY = 4;

export async function syncCalendar(request: DavRequest, calendarUrl: string, desired: readonly EventResource[]): Promise<SyncResult> {
  const result: SyncResult = { created: 0, updated: 0, deleted: 0, unchanged: 0 };
  for (let pass = 1; pass <= MAX_PASSES; pass += 1) {
    const remote = await listOurEvents(request, calendarUrl);
    const actions = planCalendarSync(desired, remote, calendarUrl);
    const touched = new Set(actions.map((a) => a.uid));
    result.unchanged = desired.filter((d) => !touched.has(d.uid)).length;
    const done = await inPool(actions, PUSH_CONCURRENCY, (action) => run(request, action));
    actions.forEach((action, index) => {
      if (done[index]) result[action.kind === 'create' ? 'created' : action.kind === 'update' ? 'updated' : 'deleted'] += 1;
    });
    if (done.every(Boolean)) return result;
  }
  throw new DavError('server', 412, `${calendarUrl} kept changing during ${String(MAX_PASSES)} passes`);
}
