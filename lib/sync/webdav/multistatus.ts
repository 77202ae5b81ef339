// A PROPFIND answer (RFC 4918 multistatus) read without DOMParser, which the MV3 service worker
// does not have. Only what the transport needs is kept: each response's href, its own status, and
// from the propstats whose status is 2xx the resource type, the length and the ETag.
//
// Servers differ in how they write the same thing: the DAV: namespace under any prefix (`d:`,
// `D:`, `ns0:`, `lp1:`, or the default namespace), declared on the root or again on a single
// element (webdav-server declares `xmlns:a="DAV:"` inside a 404 propstat), properties that are
// missing reported in a propstat of their own with 404 (Nextcloud, Seafile), and a response whose
// only status is 404 (nginx's answer for a missing file). Anything that is not well-formed, a
// body cut short above all, is refused: a half listing must never pass for a whole one.

const DAV = 'DAV:';

export interface MultistatusResponse {
  /** As written by the server, entities decoded, percent-encoding kept. */
  readonly href: string;
  /** The response's own status (`<status>` directly under `<response>`), when given. */
  readonly status?: number;
  readonly isCollection: boolean;
  readonly contentLength?: number;
  readonly etag?: string;
}

export class MultistatusParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultistatusParseError';
  }
}

interface XmlElement {
  readonly ns: string | undefined;
  readonly local: string;
  readonly children: XmlElement[];
  text: string;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric character references; an unknown entity is refused. */
export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) throw new MultistatusParseError(`Unterminated entity ${whole}`);
    if (body.startsWith('#')) {
      const code = body[1] === 'x' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code > 0x10ffff) throw new MultistatusParseError(`Bad character reference ${whole}`);
      return String.fromCodePoint(code);
    }
    const named = NAMED_ENTITIES[body];
    if (named === undefined) throw new MultistatusParseError(`Unknown entity ${whole}`);
    return named;
  });
}

function parseAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const pattern = /([^\s=/]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  for (const match of source.matchAll(pattern)) {
    const name = match[1];
    const value = match[3] ?? match[4] ?? '';
    if (name !== undefined) attributes.set(name, decodeXmlEntities(value));
  }
  return attributes;
}

/** Parses well-formed XML into elements with resolved namespaces. Throws MultistatusParseError. */
function parseXml(xml: string): XmlElement {
  type Frame = { element: XmlElement; qname: string; scope: Map<string, string> };
  const stack: Frame[] = [];
  let root: XmlElement | undefined;
  let index = 0;
  const rootScope = new Map<string, string>();

  const appendText = (text: string) => {
    const top = stack[stack.length - 1];
    if (top) top.element.text += text;
    else if (text.trim() !== '') throw new MultistatusParseError('Text outside the root element');
  };

  while (index < xml.length) {
    const open = xml.indexOf('<', index);
    if (open < 0) {
      appendText(decodeXmlEntities(xml.slice(index)));
      break;
    }
    if (open > index) appendText(decodeXmlEntities(xml.slice(index, open)));

    if (xml.startsWith('<?', open)) {
      const end = xml.indexOf('?>', open + 2);
      if (end < 0) throw new MultistatusParseError('Unterminated processing instruction');
      index = end + 2;
    } else if (xml.startsWith('<!--', open)) {
      const end = xml.indexOf('-->', open + 4);
      if (end < 0) throw new MultistatusParseError('Unterminated comment');
      index = end + 3;
    } else if (xml.startsWith('<![CDATA[', open)) {
      const end = xml.indexOf(']]>', open + 9);
      if (end < 0) throw new MultistatusParseError('Unterminated CDATA section');
      appendText(xml.slice(open + 9, end));
      index = end + 3;
    } else if (xml.startsWith('<!', open)) {
      // A DOCTYPE: multistatus bodies have none worth reading, and no entity it declares is honoured.
      const end = xml.indexOf('>', open + 2);
      if (end < 0) throw new MultistatusParseError('Unterminated declaration');
      index = end + 1;
    } else if (xml.startsWith('</', open)) {
      const end = xml.indexOf('>', open + 2);
      if (end < 0) throw new MultistatusParseError('Unterminated end tag');
      const qname = xml.slice(open + 2, end).trim();
      const frame = stack.pop();
      if (frame?.qname !== qname) throw new MultistatusParseError(`Unexpected </${qname}>`);
      index = end + 1;
    } else {
      const end = findTagEnd(xml, open + 1);
      if (end < 0) throw new MultistatusParseError('Unterminated start tag');
      let inside = xml.slice(open + 1, end);
      const selfClosing = inside.endsWith('/');
      if (selfClosing) inside = inside.slice(0, -1);
      const nameMatch = /^[^\s/>]+/.exec(inside);
      if (!nameMatch) throw new MultistatusParseError('A tag without a name');
      const qname = nameMatch[0];
      const attributes = parseAttributes(inside.slice(qname.length));
      const parentScope = stack[stack.length - 1]?.scope ?? rootScope;
      let scope = parentScope;
      for (const [name, value] of attributes) {
        if (name === 'xmlns' || name.startsWith('xmlns:')) {
          if (scope === parentScope) scope = new Map(parentScope);
          scope.set(name === 'xmlns' ? '' : name.slice(6), value);
        }
      }
      const colon = qname.indexOf(':');
      const prefix = colon < 0 ? '' : qname.slice(0, colon);
      const element: XmlElement = { ns: scope.get(prefix), local: colon < 0 ? qname : qname.slice(colon + 1), children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent) parent.element.children.push(element);
      else if (root) throw new MultistatusParseError('More than one root element');
      else root = element;
      if (!selfClosing) stack.push({ element, qname, scope });
      index = end + 1;
    }
  }
  if (stack.length > 0) throw new MultistatusParseError(`The body ends inside <${stack[stack.length - 1]?.qname ?? ''}>: cut short?`);
  if (!root) throw new MultistatusParseError('No root element');
  return root;
}

/** The `>` closing a start tag, skipping quoted attribute values (which may hold `>`). */
function findTagEnd(xml: string, from: number): number {
  let quote: string | undefined;
  for (let index = from; index < xml.length; index += 1) {
    const char = xml[index];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '>') return index;
  }
  return -1;
}

const isDav = (element: XmlElement, local: string) => element.ns === DAV && element.local === local;
const davChildren = (element: XmlElement, local: string) => element.children.filter((child) => isDav(child, local));
const davChild = (element: XmlElement, local: string) => element.children.find((child) => isDav(child, local));

/** `HTTP/1.1 404 Not Found` → 404. */
function statusCode(element: XmlElement | undefined): number | undefined {
  if (!element) return undefined;
  const match = /^\s*HTTP\/[\d.]+\s+(\d{3})/i.exec(element.text);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** Reads a multistatus body. Throws MultistatusParseError when it is not one, or not whole. */
export function parseMultistatus(xml: string): MultistatusResponse[] {
  const root = parseXml(xml);
  if (!isDav(root, 'multistatus')) throw new MultistatusParseError(`Not a multistatus: <${root.local}>`);
  return davChildren(root, 'response').map((response) => {
    const hrefElement = davChild(response, 'href');
    if (!hrefElement) throw new MultistatusParseError('A response without an href');
    let isCollection = false;
    let contentLength: number | undefined;
    let etag: string | undefined;
    for (const propstat of davChildren(response, 'propstat')) {
      const status = statusCode(davChild(propstat, 'status'));
      // A propstat without a status is read as found; one with a non-2xx status lists what is missing.
      if (status !== undefined && (status < 200 || status > 299)) continue;
      for (const prop of davChildren(propstat, 'prop')) {
        const type = davChild(prop, 'resourcetype');
        if (type && davChild(type, 'collection')) isCollection = true;
        const length = davChild(prop, 'getcontentlength')?.text.trim();
        if (length && /^\d+$/.test(length)) contentLength = Number(length);
        const tag = davChild(prop, 'getetag')?.text.trim();
        if (tag) etag = tag;
      }
    }
    const status = statusCode(davChild(response, 'status'));
    return {
      href: hrefElement.text.trim(),
      ...(status === undefined ? {} : { status }),
      isCollection,
      ...(contentLength === undefined ? {} : { contentLength }),
      ...(etag === undefined ? {} : { etag }),
    };
  });
}
