/**
 * A small, tolerant XML reader for WebDAV multistatus answers, without DOMParser (the background
 * service worker has none). Elements are named `namespace|local` with prefixes resolved, so
 * `d:href`, `D:href` and `href` under a default `DAV:` namespace are the same element. It skips
 * the prolog, comments, processing instructions and doctype, reads CDATA, decodes the five
 * predefined entities and character references, and does not validate: a stray closing tag is
 * ignored and unclosed elements are closed at the end.
 */

export interface XmlElement {
  /** `namespace|local`, e.g. `DAV:|href`. */
  name: string;
  children: XmlElement[];
  /** The element's own text (CDATA included), entities decoded. */
  text: string;
  /** Attributes by the name as written (namespace declarations left out). */
  attributes: Record<string, string>;
}

export const DAV = 'DAV:';
export const CALDAV = 'urn:ietf:params:xml:ns:caldav';
export const CALENDARSERVER = 'http://calendarserver.org/ns/';

export const qname = (namespace: string, local: string) => `${namespace}|${local}`;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return ENTITIES[ref] ?? whole;
  });
}

interface Open {
  element: XmlElement;
  /** Prefix → namespace in scope ('' is the default namespace). */
  scope: Map<string, string>;
  /** The name as written, to match its closing tag. */
  raw: string;
}

const ATTRIBUTE = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

/** The document's root element, or null when there is none. */
export function parseXml(xml: string): XmlElement | null {
  const root: XmlElement = { name: '', children: [], text: '', attributes: {} };
  const stack: Open[] = [{ element: root, scope: new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), raw: '' }];
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const top = stack[stack.length - 1];
    if (!top) break;
    if (lt < 0) {
      top.element.text += decode(xml.slice(i));
      break;
    }
    if (lt > i) top.element.text += decode(xml.slice(i, lt));
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      i = end < 0 ? xml.length : end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      top.element.text += xml.slice(lt + 9, end < 0 ? xml.length : end);
      i = end < 0 ? xml.length : end + 3;
    } else if (xml.startsWith('<?', lt) || xml.startsWith('<!', lt)) {
      const end = xml.indexOf('>', lt);
      i = end < 0 ? xml.length : end + 1;
    } else if (xml.startsWith('</', lt)) {
      const end = xml.indexOf('>', lt);
      const raw = xml.slice(lt + 2, end < 0 ? xml.length : end).trim();
      // Close up to the matching element; a closing tag that matches nothing is ignored.
      const index = findOpen(stack, raw);
      if (index > 0) stack.length = index;
      i = end < 0 ? xml.length : end + 1;
    } else {
      const end = findTagEnd(xml, lt);
      const body = xml.slice(lt + 1, end);
      const selfClosing = body.endsWith('/');
      const inner = selfClosing ? body.slice(0, -1) : body;
      const rawName = /^[^\s/>]+/.exec(inner)?.[0] ?? '';
      const scope = new Map(top.scope);
      const attributes: Record<string, string> = {};
      for (const match of inner.slice(rawName.length).matchAll(ATTRIBUTE)) {
        const attribute = match[1] ?? '';
        const value = decode(match[3] ?? match[4] ?? '');
        if (attribute === 'xmlns') scope.set('', value);
        else if (attribute.startsWith('xmlns:')) scope.set(attribute.slice(6), value);
        else attributes[attribute] = value;
      }
      const element: XmlElement = { name: resolve(rawName, scope), children: [], text: '', attributes };
      top.element.children.push(element);
      if (!selfClosing) stack.push({ element, scope, raw: rawName });
      i = end + 1;
    }
  }
  return root.children[0] ?? null;
}

function findTagEnd(xml: string, from: number): number {
  let quote: string | null = null;
  for (let i = from + 1; i < xml.length; i += 1) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return xml.length;
}

function findOpen(stack: readonly Open[], rawName: string): number {
  for (let i = stack.length - 1; i > 0; i -= 1) {
    if (stack[i]?.raw === rawName) return i;
  }
  return -1;
}

function resolve(rawName: string, scope: ReadonlyMap<string, string>): string {
  const colon = rawName.indexOf(':');
  const prefix = colon < 0 ? '' : rawName.slice(0, colon);
  const local = colon < 0 ? rawName : rawName.slice(colon + 1);
  return qname(scope.get(prefix) ?? '', local);
}

/** The direct children with that name. */
export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

export function childNamed(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/** Every descendant with that name, depth first. */
export function descendantsNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  if (!element) return [];
  const found: XmlElement[] = [];
  for (const child of element.children) {
    if (child.name === name) found.push(child);
    found.push(...descendantsNamed(child, name));
  }
  return found;
}

/** Text with XML special characters escaped, for building request bodies. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
