import { describe, expect, it } from 'vitest';
import { discoveryCandidates } from './discover';
import { hrefIn, parseMultistatus, sameCollection, statusCode } from './multistatus';
import { CALDAV, DAV, parseXml, qname } from './xml';

const answer = (body: string, url?: string) => ({ status: 207, headers: new Headers(), body, ...(url ? { url } : {}) });

describe('multistatus answers', () => {
  it('reads any prefix, a default namespace, CDATA and entities; keeps only the properties found', () => {
    const body = `<?xml version="1.0"?>
<!-- a comment -->
<D:multistatus xmlns:D="DAV:" xmlns:cal="urn:ietf:params:xml:ns:caldav">
  <D:response>
    <D:href>/dav/calendars/li/repay%20reminders/</D:href>
    <D:propstat><D:prop>
      <D:displayname>还款 &amp; 提醒</D:displayname>
      <D:resourcetype><D:collection/><cal:calendar/></D:resourcetype>
      <cal:supported-calendar-component-set><cal:comp name="VEVENT"/><cal:comp name='VTODO'/></cal:supported-calendar-component-set>
    </D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
    <D:propstat><D:prop><D:getctag/></D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>
  </D:response>
  <response xmlns="DAV:"><href>https://p01-caldav.example.com/123/calendars/home/</href>
    <propstat><prop><calendar-data xmlns="urn:ietf:params:xml:ns:caldav"><![CDATA[BEGIN:VCALENDAR
UID:x<y]]></calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response>
</D:multistatus>`;
    const [first, second] = parseMultistatus(answer(body), 'https://dav.example.com/dav/calendars/li/');
    expect(first?.url).toBe('https://dav.example.com/dav/calendars/li/repay%20reminders/');
    expect(first?.props.get(qname(DAV, 'displayname'))?.text).toBe('还款 & 提醒');
    expect(first?.props.has(qname(DAV, 'getctag'))).toBe(false);
    const comps = first?.props.get(qname(CALDAV, 'supported-calendar-component-set'))?.children.map((c) => c.attributes.name);
    expect(comps).toEqual(['VEVENT', 'VTODO']);
    expect(second?.url).toBe('https://p01-caldav.example.com/123/calendars/home/');
    expect(second?.props.get(qname(CALDAV, 'calendar-data'))?.text).toBe('BEGIN:VCALENDAR\nUID:x<y');
  });

  it('resolves hrefs against where the answer came from, after a redirect', () => {
    const body = '<d:multistatus xmlns:d="DAV:"><d:response><d:href>principal/</d:href><d:propstat><d:prop><d:current-user-principal><d:href>/p/li/</d:href></d:current-user-principal></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>';
    const [entry] = parseMultistatus(answer(body, 'https://dav.example.com/remote.php/dav/'), 'https://example.com/.well-known/caldav');
    expect(entry?.url).toBe('https://dav.example.com/remote.php/dav/principal/');
    expect(hrefIn(entry?.props.get(qname(DAV, 'current-user-principal')), entry?.url ?? '')).toBe('https://dav.example.com/p/li/');
  });

  it('refuses what is not a multistatus, and tolerates stray closing tags', () => {
    expect(() => parseMultistatus(answer('<html><body>Login</body></html>'), 'https://x.example/')).toThrow(/bad-response/);
    expect(parseXml('<a><b>1</c></b><d/></a>')?.children.map((c) => c.name)).toEqual(['|b', '|d']);
    expect(statusCode('HTTP/1.1 404 Not Found')).toBe(404);
    expect(sameCollection('https://x.example/a%20b/', 'https://x.example/a b')).toBe(true);
  });
});

describe('discovery candidates', () => {
  it('tries the address given, then the well-known path and the root; adds https:// when missing', () => {
    expect(discoveryCandidates('nextcloud.example.com')).toEqual(['https://nextcloud.example.com/.well-known/caldav', 'https://nextcloud.example.com/']);
    expect(discoveryCandidates('https://dav.example.com/remote.php/dav')).toEqual([
      'https://dav.example.com/remote.php/dav',
      'https://dav.example.com/.well-known/caldav',
      'https://dav.example.com/',
    ]);
    expect(() => discoveryCandidates('ftp://example.com/')).toThrow(/not-caldav/);
  });
});
