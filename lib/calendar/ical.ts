/**
 * iCalendar (RFC 5545) text, written and read by hand. The `ics` package would add about 20 KB
 * gzipped (it validates with yup) to the options page and to the background's sync path, whose
 * whole budget is 30 KB; what we write is a handful of properties, so a small writer does.
 *
 * Writing: lines end with CRLF; a content line longer than 75 octets is folded (CRLF and one
 * space), counting UTF-8 octets and never splitting a character, since one Chinese character is
 * three octets; TEXT values escape backslash, semicolon, comma and newline.
 * Reading: enough to find our own events again in what a CalDAV server returns (unfolding,
 * parameters, unescaping), tolerant of LF-only lines and of properties we do not know.
 */

export interface ContentLine {
  name: string;
  /** Parameters by upper-case name, values without quotes. */
  params: Record<string, string>;
  value: string;
}

const MAX_OCTETS = 75;
const encoder = new TextEncoder();

/** A TEXT value as it must appear in a content line. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** One content line, folded at 75 octets, without its final CRLF. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  // Iterating a string yields whole code points, so a surrogate pair is never cut in two.
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > MAX_OCTETS) {
      parts.push(current);
      // The continuation line's leading space counts towards its 75 octets.
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n');
}

/** Lines joined with CRLF, each folded, ending with CRLF as the standard asks. */
export function joinLines(lines: readonly string[]): string {
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** "20261215T010000Z": an instant in UTC, which every calendar reads the same way. */
export function formatUtc(instant: number): string {
  return new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** "20261215" from "2026-12-15". */
export function formatDate(day: string): string {
  return day.replace(/-/g, '');
}

/** "-P3D", "PT0S": a whole number of days before (negative) or after the event's start. */
export function formatDayOffset(days: number): string {
  if (days === 0) return 'PT0S';
  return `${days < 0 ? '-' : ''}P${String(Math.abs(days))}D`;
}

/** Unfolded content lines of an iCalendar text; a line without a colon is skipped. */
export function readContentLines(text: string): ContentLine[] {
  const unfolded = text.replace(/\r?\n[ \t]/g, '');
  const lines: ContentLine[] = [];
  for (const raw of unfolded.split(/\r?\n/)) {
    if (raw === '') continue;
    const parsed = parseContentLine(raw);
    if (parsed) lines.push(parsed);
  }
  return lines;
}

function parseContentLine(raw: string): ContentLine | null {
  // The value starts at the first colon outside a quoted parameter value.
  let inQuotes = false;
  let colon = -1;
  for (let i = 0; i < raw.length; i += 1) {
    const c = raw[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === ':' && !inQuotes) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return null;
  const [name = '', ...paramParts] = splitOutsideQuotes(raw.slice(0, colon), ';');
  const params: Record<string, string> = {};
  for (const part of paramParts) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    params[part.slice(0, eq).toUpperCase()] = part.slice(eq + 1).replace(/^"(.*)"$/, '$1');
  }
  return { name: name.toUpperCase(), params, value: raw.slice(colon + 1) };
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inQuotes = false;
  for (const c of text) {
    if (c === '"') inQuotes = !inQuotes;
    if (c === separator && !inQuotes) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

export interface ICalComponent {
  name: string;
  properties: ContentLine[];
  components: ICalComponent[];
}

/** The components of an iCalendar text as a tree (BEGIN/END), tolerant of stray END lines. */
export function readComponents(text: string): ICalComponent[] {
  const root: ICalComponent = { name: '', properties: [], components: [] };
  const stack: ICalComponent[] = [root];
  for (const line of readContentLines(text)) {
    const top = stack[stack.length - 1] ?? root;
    if (line.name === 'BEGIN') {
      const child: ICalComponent = { name: line.value.toUpperCase(), properties: [], components: [] };
      top.components.push(child);
      stack.push(child);
    } else if (line.name === 'END') {
      if (stack.length > 1) stack.pop();
    } else top.properties.push(line);
  }
  return root.components;
}

/** Every component with that name, at any depth. */
export function findComponents(components: readonly ICalComponent[], name: string): ICalComponent[] {
  const found: ICalComponent[] = [];
  for (const c of components) {
    if (c.name === name) found.push(c);
    found.push(...findComponents(c.components, name));
  }
  return found;
}

export function propertyValue(component: ICalComponent, name: string): string | undefined {
  return component.properties.find((p) => p.name === name)?.value;
}
