import { describe, expect, it } from 'vitest';
import { findComponents, formatUtc, propertyValue, readComponents, unescapeText, type ICalComponent } from '../calendar/ical';
import { HASH_PROPERTY } from '../calendar/serialize';
import type { AgreementRecord } from '../db/schema';
import { localInstant } from '../domain/dates';
import { buildCalendar, calendarFileName, CalendarEmpty } from './ics';

const now = localInstant('2026-11-20', 10);
const agreement: AgreementRecord = {
  id: 'a1',
  lender: '借呗',
  kind: 'extension',
  amountFen: 123_456,
  dueDate: '2026-12-15',
  followUps: [{ date: '2026-12-01', text: '借呗承诺回电，说可减免¥30; 见短信' }],
  createdAt: 1,
  updatedAt: 1,
};
const options = { now, hour: 9, leadDays: [3, 1], leaveOutDetails: false };
const events = (text: string) => findComponents(readComponents(text), 'VEVENT');
const text = (e: ICalComponent, name: string) => unescapeText(propertyValue(e, name) ?? '');

describe('calendar file', () => {
  it('is well-formed: CRLF lines of at most 75 octets, one VCALENDAR, every event complete', () => {
    const file = buildCalendar([{ agreement, payments: [] }], options);
    expect(file.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of file.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const [calendar, ...others] = readComponents(file);
    expect(others).toEqual([]);
    expect(calendar?.name).toBe('VCALENDAR');
    expect(calendar && propertyValue(calendar, 'VERSION')).toBe('2.0');
    expect(calendar && propertyValue(calendar, 'METHOD')).toBe('PUBLISH');
    const all = events(file);
    expect(all.length).toBe(6);
    for (const e of all) {
      for (const name of ['UID', 'DTSTAMP', 'DTSTART', 'DURATION', 'SUMMARY', HASH_PROPERTY]) expect(propertyValue(e, name), name).toBeDefined();
      expect(propertyValue(e, 'DTSTAMP')).toBe(formatUtc(now));
    }
  });

  it('puts the amount, the advice and alarms at the reminder hour and the lead days on the due day', () => {
    const all = events(buildCalendar([{ agreement, payments: [] }], options));
    const pay = all.find((e) => propertyValue(e, 'UID') === 'repay-companion-a1-p1-pay@repay-companion');
    if (!pay) throw new Error('no payment event');
    expect(text(pay, 'SUMMARY')).toBe('借呗：还款（¥1,234.56）');
    expect(text(pay, 'DESCRIPTION')).toBe('还款日。请保存回执或截图。');
    expect(propertyValue(pay, 'DTSTART')).toBe(formatUtc(localInstant('2026-12-15', 9)));
    const alarms = pay.components.filter((c) => c.name === 'VALARM');
    expect(alarms.map((a) => propertyValue(a, 'TRIGGER'))).toEqual(['PT0S', '-P1D', '-P3D']);
    for (const a of alarms) {
      expect(propertyValue(a, 'ACTION')).toBe('DISPLAY');
      expect(text(a, 'DESCRIPTION')).toBe('借呗：还款（¥1,234.56）');
    }
    // The promise's own words, with its semicolon and comma escaped and read back.
    const followUp = all.find((e) => propertyValue(e, 'UID')?.includes('-f20261201-'));
    expect(followUp && text(followUp, 'DESCRIPTION')).toContain('借呗承诺回电，说可减免¥30; 见短信');
  });

  it('gives the same UIDs and hashes for the same data; an edit changes the hash, not the UID', () => {
    const read = (file: string) => events(file).map((e) => [propertyValue(e, 'UID'), propertyValue(e, HASH_PROPERTY)]);
    const first = read(buildCalendar([{ agreement, payments: [] }], options));
    expect(read(buildCalendar([{ agreement, payments: [] }], { ...options, now: now + 60_000 }))).toEqual(first);
    const moved = read(buildCalendar([{ agreement: { ...agreement, dueDate: '2026-12-16' }, payments: [] }], options));
    expect(moved.map(([uid]) => uid)).toEqual(first.map(([uid]) => uid));
    const payHash = (rows: typeof first) => rows.find(([uid]) => uid?.endsWith('-pay@repay-companion'))?.[1];
    expect(payHash(moved)).not.toBe(payHash(first));
  });

  it('leaves lender names and amounts out of the whole file when asked', () => {
    const other: AgreementRecord = { ...agreement, id: 'b2', lender: '网商贷', amountFen: 888_49, followUps: [] };
    const file = buildCalendar(
      [
        { agreement, payments: [] },
        { agreement: other, payments: [] },
      ],
      { ...options, leaveOutDetails: true },
    );
    const unfolded = file.replace(/\r\n[ \t]/g, '');
    for (const secret of ['借呗', '网商贷', '1,234.56', '1234.56', '888.49', '¥', '减免', '短信']) expect(unfolded).not.toContain(secret);
    expect(events(file).length).toBeGreaterThan(6);
    // The same file with details has them: the check above can fail.
    const full = buildCalendar([{ agreement: other, payments: [] }], options).replace(/\r\n[ \t]/g, '');
    expect(full).toContain('网商贷');
    expect(full).toContain('¥888.49');
  });

  it('refuses to make an empty calendar', () => {
    expect(() => buildCalendar([], options)).toThrow(CalendarEmpty);
  });

  it('names files safely', () => {
    expect(calendarFileName('借呗 / 花呗')).toBe('repay-companion-借呗_花呗.ics');
    expect(calendarFileName()).toBe('repay-companion.ics');
  });
});
