import { hrefIn, parseMultistatus, sameCollection, type DavEntry } from './multistatus';
import { DavError, send, unexpected, XML_HEADERS, type DavRequest } from './request';
import { CALDAV, CALENDARSERVER, childrenNamed, DAV, escapeXml, qname } from './xml';

/**
 * Finding the user's calendars from what they typed (RFC 6764, RFC 4791): a server's address
 * (nextcloud.example.com, caldav.icloud.com), their principal or calendar home, or one
 * calendar's own URL. Tried in turn: the address as given, then `/.well-known/caldav` and the
 * server's root; each asked for `current-user-principal` (RFC 5397). The principal names its
 * `calendar-home-set`, whose children that are calendars holding events are listed.
 *
 * 401 stops at once with 'unauthorized' (every candidate would answer the same); 404, 405 and
 * other refusals move to the next candidate; nothing found is 'not-caldav'.
 */

export interface DavCalendar {
  url: string;
  displayName: string;
  /** The components it accepts; empty when the server does not say (then any). */
  components: string[];
}

export interface Discovery {
  principalUrl: string;
  homeUrl: string;
  calendars: DavCalendar[];
}

const PROPFIND_START = `<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:" xmlns:c="${CALDAV}"><d:prop><d:current-user-principal/><c:calendar-home-set/><d:resourcetype/><d:displayname/><c:supported-calendar-component-set/></d:prop></d:propfind>`;

const PROPFIND_HOME = `<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:" xmlns:c="${CALDAV}"><d:prop><c:calendar-home-set/></d:prop></d:propfind>`;

const PROPFIND_CALENDARS = `<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:" xmlns:c="${CALDAV}" xmlns:cs="${CALENDARSERVER}"><d:prop><d:resourcetype/><d:displayname/><c:supported-calendar-component-set/><cs:getctag/></d:prop></d:propfind>`;

/** A PROPFIND answered with a multistatus, or null when the server refused it (not 401/403). */
async function propfind(request: DavRequest, url: string, depth: '0' | '1', body: string): Promise<DavEntry[] | null> {
  const response = await send(request, 'PROPFIND', url, { headers: { ...XML_HEADERS, depth }, body });
  if (response.status === 207) return parseMultistatus(response, url);
  if (response.status >= 500) throw unexpected('PROPFIND', url, response);
  return null;
}

function isCalendar(entry: DavEntry): boolean {
  const type = entry.props.get(qname(DAV, 'resourcetype'));
  return childrenNamed(type, qname(CALDAV, 'calendar')).length > 0;
}

function calendarOf(entry: DavEntry): DavCalendar {
  const set = entry.props.get(qname(CALDAV, 'supported-calendar-component-set'));
  const components = childrenNamed(set, qname(CALDAV, 'comp'))
    .map((c) => (c.attributes.name ?? '').toUpperCase())
    .filter((name) => name !== '');
  const displayName = entry.props.get(qname(DAV, 'displayname'))?.text.trim() ?? '';
  const last = decodeURIComponent(new URL(entry.url).pathname.replace(/\/+$/, '').split('/').pop() ?? '');
  return { url: withSlash(entry.url), displayName: displayName === '' ? last : displayName, components };
}

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);

/** The addresses to try, in order, for what the user typed. */
export function discoveryCandidates(serverUrl: string): string[] {
  const typed = /^[a-z][a-z0-9+.-]*:\/\//i.test(serverUrl.trim()) ? serverUrl.trim() : `https://${serverUrl.trim()}`;
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    throw new DavError('not-caldav', null, `not a URL: ${serverUrl}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DavError('not-caldav', null, `not http(s): ${serverUrl}`);
  const candidates = [url.pathname === '/' ? null : url.toString(), `${url.origin}/.well-known/caldav`, `${url.origin}/`];
  return [...new Set(candidates.filter((c): c is string => c !== null))];
}

export async function discover(request: DavRequest, serverUrl: string): Promise<Discovery> {
  for (const candidate of discoveryCandidates(serverUrl)) {
    const entries = await propfind(request, candidate, '0', PROPFIND_START);
    const entry = entries?.[0];
    if (!entry) continue;
    // The user gave one calendar's address: that calendar, under its home if the server says.
    if (isCalendar(entry)) {
      const principalUrl = hrefIn(entry.props.get(qname(DAV, 'current-user-principal')), entry.url) ?? entry.url;
      return { principalUrl, homeUrl: withSlash(new URL('..', withSlash(entry.url)).toString()), calendars: [calendarOf(entry)] };
    }
    const principalUrl = hrefIn(entry.props.get(qname(DAV, 'current-user-principal')), entry.url);
    const homeHere = hrefIn(entry.props.get(qname(CALDAV, 'calendar-home-set')), entry.url);
    if (!principalUrl && !homeHere) continue;
    const homeUrl = homeHere ?? (principalUrl ? await calendarHome(request, principalUrl) : undefined);
    if (!homeUrl) continue;
    return { principalUrl: principalUrl ?? entry.url, homeUrl: withSlash(homeUrl), calendars: await listCalendars(request, homeUrl) };
  }
  throw new DavError('not-caldav', null, `no CalDAV principal found from ${serverUrl}`);
}

async function calendarHome(request: DavRequest, principalUrl: string): Promise<string | undefined> {
  const entries = await propfind(request, principalUrl, '0', PROPFIND_HOME);
  return hrefIn(entries?.[0]?.props.get(qname(CALDAV, 'calendar-home-set')), entries?.[0]?.url ?? principalUrl);
}

/** The calendars under the home that can hold events. */
export async function listCalendars(request: DavRequest, homeUrl: string): Promise<DavCalendar[]> {
  const entries = await propfind(request, withSlash(homeUrl), '1', PROPFIND_CALENDARS);
  if (!entries) throw new DavError('not-caldav', null, `the calendar home ${homeUrl} cannot be listed`);
  return entries
    .filter((e) => !sameCollection(e.url, homeUrl) && isCalendar(e))
    .map(calendarOf)
    .filter((c) => c.components.length === 0 || c.components.includes('VEVENT'));
}

const mkcalendarBody = (displayName: string) => `<?xml version="1.0" encoding="utf-8"?>
<c:mkcalendar xmlns:d="DAV:" xmlns:c="${CALDAV}"><d:set><d:prop><d:displayname>${escapeXml(displayName)}</d:displayname><c:supported-calendar-component-set><c:comp name="VEVENT"/></c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>`;

// RFC 5689: servers without MKCALENDAR may accept an extended MKCOL that sets the resource type.
const mkcolBody = (displayName: string) => `<?xml version="1.0" encoding="utf-8"?>
<d:mkcol xmlns:d="DAV:" xmlns:c="${CALDAV}"><d:set><d:prop><d:resourcetype><d:collection/><c:calendar/></d:resourcetype><d:displayname>${escapeXml(displayName)}</d:displayname><c:supported-calendar-component-set><c:comp name="VEVENT"/></c:supported-calendar-component-set></d:prop></d:set></d:mkcol>`;

/**
 * Creates a calendar for events named `slug` under the home: MKCALENDAR, or an extended MKCOL
 * where MKCALENDAR is not supported. A calendar already at that address (a second try after an
 * answer was lost) is returned as it is.
 */
export async function createCalendar(request: DavRequest, homeUrl: string, slug: string, displayName: string): Promise<DavCalendar> {
  const url = new URL(`${encodeURIComponent(slug)}/`, withSlash(homeUrl)).toString();
  const made = await send(request, 'MKCALENDAR', url, { headers: XML_HEADERS, body: mkcalendarBody(displayName) });
  if (made.status === 201 || made.status === 200) return { url, displayName, components: ['VEVENT'] };
  const existing = await existingCalendar(request, url);
  if (existing) return existing;
  // 405 or 501 (not supported), 400 or 415 (body not understood): try the extended MKCOL.
  if (made.status >= 500 && made.status !== 501) throw unexpected('MKCALENDAR', url, made);
  const mkcol = await send(request, 'MKCOL', url, { headers: XML_HEADERS, body: mkcolBody(displayName) });
  if (mkcol.status === 201 || mkcol.status === 200) return { url, displayName, components: ['VEVENT'] };
  throw unexpected('MKCOL', url, mkcol);
}

async function existingCalendar(request: DavRequest, url: string): Promise<DavCalendar | null> {
  const entries = await propfind(request, url, '0', PROPFIND_CALENDARS);
  const entry = entries?.[0];
  return entry && isCalendar(entry) ? calendarOf(entry) : null;
}
