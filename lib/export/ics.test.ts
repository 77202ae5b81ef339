import { describe, expect, it } from 'vitest';
import type { AgreementRecord } from '../db/schema';
import { agreementTimeline } from '../domain/timeline';
import { buildCalendar, calendarEvents, calendarFileName, CalendarEmpty } from './ics';

const agreement: AgreementRecord = {
  id: 'a1',
  lender: '借呗',
  kind: 'extension',
  amountFen: 123_456,
  dueDate: '2026-12-15',
  createdAt: 1,
  updatedAt: 1,
};

describe('calendar export', () => {
  it('holds every milestone still ahead as an all-day event with a stable UID', () => {
    const today = '2026-12-01';
    const timeline = agreementTimeline({ ...agreement, doneOn: null }, today);
    if (!timeline.ok) throw new Error(timeline.error.code);
    const ahead = timeline.value.filter((m) => (m.until ?? m.date) >= today);
    expect(ahead.length).toBeGreaterThan(1);
    const text = buildCalendar([{ agreement, settledOn: null }], today);
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(ahead.length);
    expect(text).toContain('DTSTART;VALUE=DATE:20261215');
    expect(text).toContain('UID:a1-pay-2026-12-15@repay-companion');
    expect(text).toContain('SUMMARY:借呗：');
    // No step before today.
    const ends = [...text.matchAll(/DTEND;VALUE=DATE:(\d{8})/g)].map((m) => m[1] ?? '');
    expect(ends).toHaveLength(ahead.length);
    for (const end of ends) expect(end > '20261201').toBe(true);
    // The same input gives the same UIDs: re-importing updates instead of duplicating.
    const uids = (s: string) => [...s.matchAll(/^UID:(.*)$/gm)].map((m) => m[1]);
    expect(uids(buildCalendar([{ agreement, settledOn: null }], today))).toEqual(uids(text));
  });

  it('a window ends on the day after its last day, and past steps are left out', () => {
    const events = calendarEvents([{ agreement, settledOn: null }], '2026-12-15');
    expect(events.every((e) => Array.isArray(e.start) && e.start.length === 3)).toBe(true);
    const pay = events.find((e) => e.uid === 'a1-pay-2026-12-15@repay-companion');
    expect(pay?.start).toEqual([2026, 12, 15]);
    expect(pay && 'end' in pay ? pay.end : null).toEqual([2026, 12, 16]);
    expect(events.filter((e) => e.uid?.includes('decide'))).toEqual([]);
  });

  it('refuses to make an empty calendar', () => {
    expect(() => buildCalendar([], '2026-12-01')).toThrow(CalendarEmpty);
  });

  it('names files safely', () => {
    expect(calendarFileName('借呗 / 花呗')).toBe('repay-companion-借呗_花呗.ics');
    expect(calendarFileName()).toBe('repay-companion.ics');
  });
});
