import { describe, expect, it } from 'vitest';
import { decodeXmlEntities, MultistatusParseError, parseMultistatus } from './multistatus';

// Bodies written the way the servers users have write them (prefixes, namespaces, propstat layout),
// with our own paths and values.

describe('reading a multistatus body', () => {
  it('reads the d: prefix with a missing property in a 404 propstat (Nextcloud, Seafile)', () => {
    const xml = `<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns">
  <d:response>
    <d:href>/remote.php/dav/files/amy/vault/</d:href>
    <d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype><d:getetag>"f1"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
    <d:propstat><d:prop><d:getcontentlength/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
  </d:response>
  <d:response>
    <d:href>/remote.php/dav/files/amy/vault/a.bin</d:href>
    <d:propstat><d:prop><d:resourcetype/><d:getcontentlength>42</d:getcontentlength><d:getetag>&quot;e&amp;1&quot;</d:getetag><oc:size>42</oc:size></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
  </d:response>
</d:multistatus>`;
    expect(parseMultistatus(xml)).toEqual([
      { href: '/remote.php/dav/files/amy/vault/', isCollection: true, etag: '"f1"' },
      { href: '/remote.php/dav/files/amy/vault/a.bin', isCollection: false, contentLength: 42, etag: '"e&1"' },
    ]);
  });

  it('reads the default namespace, and Apache’s lp1: prefix declared on the element itself', () => {
    const xml = `<multistatus xmlns="DAV:"><response><href>http://127.0.0.1:8080/dav/v/x%20y.txt</href>
<propstat><prop><lp1:resourcetype xmlns:lp1="DAV:"/><lp1:getcontentlength xmlns:lp1="DAV:">7</lp1:getcontentlength>
<lp1:getetag xmlns:lp1="DAV:">"7-5f0a"</lp1:getetag></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>`;
    expect(parseMultistatus(xml)).toEqual([{ href: 'http://127.0.0.1:8080/dav/v/x%20y.txt', isCollection: false, contentLength: 7, etag: '"7-5f0a"' }]);
  });

  it('goes by the namespace, not the prefix: a D: element outside DAV: is not a DAV property', () => {
    const xml = `<D:multistatus xmlns:D="DAV:" xmlns:X="urn:other"><D:response><D:href>/a</D:href>
<D:propstat><D:prop><X:getcontentlength>9</X:getcontentlength><D:resourcetype><X:collection/></D:resourcetype></D:prop>
<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>`;
    expect(parseMultistatus(xml)).toEqual([{ href: '/a', isCollection: false }]);
  });

  it('keeps a response’s own status (nginx answers a missing file with 200 and a 404 inside)', () => {
    const xml = `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/v/gone.bin</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response></D:multistatus>`;
    expect(parseMultistatus(xml)).toEqual([{ href: '/v/gone.bin', status: 404, isCollection: false }]);
  });

  it('decodes entities, character references and CDATA in hrefs; comments and the DOCTYPE are skipped', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?><!DOCTYPE x><!-- listing -->
<ns0:multistatus xmlns:ns0="DAV:"><ns0:response><ns0:href>/v/R&amp;D &#x4E2D;&#25991;.txt</ns0:href></ns0:response>
<ns0:response><ns0:href><![CDATA[/v/a<b>.txt]]></ns0:href></ns0:response></ns0:multistatus>`;
    expect(parseMultistatus(xml).map((response) => response.href)).toEqual(['/v/R&D 中文.txt', '/v/a<b>.txt']);
  });

  it('refuses a body cut short, however far it got', () => {
    const whole = `<d:multistatus xmlns:d="DAV:"><d:response><d:href>/v/a</d:href></d:response><d:response><d:href>/v/b</d:href></d:response></d:multistatus>`;
    expect(parseMultistatus(whole)).toHaveLength(2);
    for (let cut = 1; cut < whole.length; cut += 1) {
      expect(() => parseMultistatus(whole.slice(0, cut)), `cut at ${cut}`).toThrow(MultistatusParseError);
    }
  });

  it('refuses what is not a multistatus, and mismatched tags', () => {
    expect(() => parseMultistatus('<html><body>Login</body></html>')).toThrow(MultistatusParseError);
    expect(() => parseMultistatus('<d:multistatus xmlns:d="DAV:"><d:response></d:multistatus>')).toThrow(MultistatusParseError);
    expect(() => parseMultistatus('')).toThrow(MultistatusParseError);
    expect(() => parseMultistatus('<d:multistatus xmlns:d="DAV:"><d:response/></d:multistatus>')).toThrow(/href/);
  });

  it('refuses entities it does not know rather than guessing', () => {
    expect(decodeXmlEntities('a &lt; b &#65;&#x42;')).toBe('a < b AB');
    expect(() => decodeXmlEntities('&nbsp;')).toThrow(MultistatusParseError);
    expect(() => decodeXmlEntities('&amp')).toThrow(MultistatusParseError);
  });
});
