import { childNamed, childrenNamed, DAV, parseXml, qname, type XmlElement } from './xml';
import { DavError, type DavResponse } from './request';

/**
 * One `response` of a 207 Multi-Status: its href resolved to an absolute URL, and the properties
 * the server found (those of a 200 propstat; a 404 propstat names what it does not have).
 */
export interface DavEntry {
  url: string;
  props: Map<string, XmlElement>;
}

const HREF = qname(DAV, 'href');

export function statusCode(text: string | undefined): number | null {
  const match = /\s(\d{3})(\s|$)/.exec(` ${text ?? ''} `);
  return match ? Number(match[1]) : null;
}

/** Resolves an href against the URL the answer came from; servers send paths, some full URLs. */
export function resolveHref(href: string, base: string): string {
  return new URL(href.trim(), base).toString();
}

export function parseMultistatus(response: DavResponse, requestUrl: string): DavEntry[] {
  const root = parseXml(response.body);
  if (root?.name !== qname(DAV, 'multistatus')) throw new DavError('bad-response', response.status, `not a multistatus from ${requestUrl}`);
  const base = response.url ?? requestUrl;
  const entries: DavEntry[] = [];
  for (const item of childrenNamed(root, qname(DAV, 'response'))) {
    const href = childNamed(item, HREF)?.text;
    if (!href) continue;
    const props = new Map<string, XmlElement>();
    for (const propstat of childrenNamed(item, qname(DAV, 'propstat'))) {
      const status = statusCode(childNamed(propstat, qname(DAV, 'status'))?.text);
      if (status !== null && (status < 200 || status > 299)) continue;
      for (const prop of childNamed(propstat, qname(DAV, 'prop'))?.children ?? []) props.set(prop.name, prop);
    }
    entries.push({ url: resolveHref(href, base), props });
  }
  return entries;
}

/** The href inside a property such as current-user-principal, resolved. */
export function hrefIn(prop: XmlElement | undefined, base: string): string | undefined {
  const href = childNamed(prop, HREF)?.text;
  return href ? resolveHref(href, base) : undefined;
}

/** Two URLs of the same collection, with or without the trailing slash or percent-encoding. */
export function sameCollection(a: string, b: string): boolean {
  const norm = (url: string) => {
    const u = new URL(url);
    return `${u.origin}${decodeURIComponent(u.pathname).replace(/\/+$/, '')}`;
  };
  return norm(a) === norm(b);
}
