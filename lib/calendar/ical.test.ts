import { describe, expect, it } from 'vitest';
import { escapeText, findComponents, foldLine, formatDayOffset, formatUtc, joinLines, propertyValue, readComponents, readContentLines, unescapeText } from './ical';

const octets = (s: string) => new TextEncoder().encode(s).length;

describe('iCalendar lines', () => {
  it('folds at 75 octets, counting a Chinese character as three and never cutting one', () => {
    const line = `SUMMARY:${'网商贷：还款'.repeat(12)}🙂${'a'.repeat(80)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) expect(octets(part)).toBeLessThanOrEqual(75);
    for (const part of parts.slice(1)) expect(part.startsWith(' ')).toBe(true);
    // No replacement character: every part is whole UTF-8.
    for (const part of parts) expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(part))).toBe(part);
    // A full first line uses its 75 octets: 8 ASCII + 22 characters of 3 octets = 74, the next would make 77.
    expect(octets(parts[0] ?? '')).toBe(74);
    expect(readContentLines(`${folded}\r\n`)[0]?.value).toBe(line.slice('SUMMARY:'.length));
  });

  it('leaves a line of exactly 75 octets whole and folds the 76th', () => {
    expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75));
    expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`);
  });

  it('ends every line with CRLF and has no bare LF', () => {
    const text = joinLines(['BEGIN:VCALENDAR', `DESCRIPTION:${escapeText('第一行\n第二行')}`, 'END:VCALENDAR']);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('escapes and unescapes TEXT values', () => {
    const text = '还款; 本金, 利息\\罚息\n下一行';
    expect(escapeText(text)).toBe('还款\\; 本金\\, 利息\\\\罚息\\n下一行');
    expect(unescapeText(escapeText(text))).toBe(text);
    expect(unescapeText('a\\Nb')).toBe('a\nb');
  });

  it('writes alarm offsets and UTC instants as the standard spells them', () => {
    expect(formatDayOffset(0)).toBe('PT0S');
    expect(formatDayOffset(-3)).toBe('-P3D');
    expect(formatDayOffset(2)).toBe('P2D');
    expect(formatUtc(Date.UTC(2026, 11, 15, 1, 0, 0))).toBe('20261215T010000Z');
  });

  it('reads components, parameters with quoted colons, LF-only lines and folded values', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'UID:one',
      'ATTENDEE;CN="Li: Ming";ROLE=REQ-PARTICIPANT:mailto:li@example.com',
      'SUMMARY:Long',
      '  value',
      'BEGIN:VALARM',
      'TRIGGER;RELATED=START:-P1D',
      'END:VALARM',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\n');
    const [event] = findComponents(readComponents(text), 'VEVENT');
    expect(event && propertyValue(event, 'UID')).toBe('one');
    expect(event && propertyValue(event, 'SUMMARY')).toBe('Long value');
    const attendee = event?.properties.find((p) => p.name === 'ATTENDEE');
    expect(attendee).toEqual({ name: 'ATTENDEE', params: { CN: 'Li: Ming', ROLE: 'REQ-PARTICIPANT' }, value: 'mailto:li@example.com' });
    const alarm = event?.components[0];
    expect(alarm?.name).toBe('VALARM');
    expect(alarm?.properties[0]).toEqual({ name: 'TRIGGER', params: { RELATED: 'START' }, value: '-P1D' });
  });
});
