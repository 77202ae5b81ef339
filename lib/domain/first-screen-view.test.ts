import { describe, expect, it } from 'vitest';
import { addDaysIso } from './dates';
import { buildFirstScreenView, FIRST_SCREEN_VIEW_VERSION, readFirstScreenView, usableView, VIEW_VALID_DAYS, type ViewItem } from './first-screen-view';
import { groupByUrgency, ROWS_PER_GROUP, shownRows, thisMonthBurden, totals } from './overview';
import { classifyDue } from './urgency';

const WRITTEN = '2026-11-28';

/** A deterministic spread of agreements around the day written: overdue, today, this week, later, paid, plans. */
function items(count: number): ViewItem[] {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const list: ViewItem[] = [];
  for (let i = 0; i < count; i += 1) {
    const dueDate = addDaysIso(WRITTEN, next(60) - 20);
    const amountFen = 1000 + next(100_000);
    const paidFen = next(4) === 0 ? amountFen : next(3) === 0 ? Math.floor(amountFen / 2) : 0;
    const paid = paidFen === amountFen;
    const item: ViewItem = { id: `a${String(i)}`, dueDate, amountFen, paidFen, leftFen: amountFen - paidFen, paid, ...(i % 50 === 0 ? { demo: true } : {}) };
    if (next(5) === 0) {
      // A plan: its periods count in the totals, the row shows the current one.
      item.parts = [0, 30, 60].map((offset, n) => ({ dueDate: addDaysIso(dueDate, offset), amountFen, paidFen: n === 0 ? paidFen : 0, leftFen: n === 0 ? amountFen - paidFen : amountFen, paid: n === 0 && paid }));
    }
    list.push(item);
  }
  // List order, as the popup reads it: by due date.
  return list.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}

describe('the first screen view', () => {
  it('gives the same counts, totals, burden and first rows as the whole list, on every day it is valid for', () => {
    const all = items(600);
    const view = buildFirstScreenView(all, WRITTEN);
    // Small: the first rows of each group over the days, not the 600 agreements.
    expect(view.rowIds.length).toBeLessThan(120);
    const byId = new Map(all.map((item) => [item.id, item]));
    for (let offset = 0; offset <= VIEW_VALID_DAYS; offset += 1) {
      const today = addDaysIso(WRITTEN, offset);
      expect(usableView(view, today)).toBe(true);
      const figures = readFirstScreenView(view, today);
      const groups = groupByUrgency(all, today);
      for (const { group, items: members } of groups) expect([today, group, figures.counts.get(group)]).toEqual([today, group, members.length]);
      expect(figures.totals).toEqual(totals(all));
      expect(figures.monthBurden).toEqual(thisMonthBurden(all, today));
      expect(figures.needingAction).toBe(all.filter((i) => !i.paid && ['overdue', 'today'].includes(classifyDue(i.dueDate, today).urgency)).length);
      // The view's rows, grouped on the day, start each group with the whole list's first rows.
      const fromView = shownRows(groupByUrgency(figures.rowIds.map((id) => byId.get(id) as ViewItem), today), new Set());
      expect(fromView.map((i) => i.id)).toEqual(shownRows(groups, new Set()).map((i) => i.id));
    }
  });

  it('groups by the day it is read, not the day it was written: yesterday\'s "today" is overdue', () => {
    const view = buildFirstScreenView([{ id: 'x', dueDate: WRITTEN, amountFen: 100, paidFen: 0, leftFen: 100, paid: false }], WRITTEN);
    expect(readFirstScreenView(view, WRITTEN).counts.get('today')).toBe(1);
    const next = readFirstScreenView(view, addDaysIso(WRITTEN, 1));
    expect([next.counts.get('today'), next.counts.get('overdue'), next.needingAction]).toEqual([0, 1, 1]);
  });

  it('keeps every row of a group that fits on the first screen, and only the first ones of a long group', () => {
    const long = Array.from({ length: 40 }, (_, i): ViewItem => ({ id: `late${String(i)}`, dueDate: '2026-10-01', amountFen: 1, paidFen: 0, leftFen: 1, paid: false }));
    const view = buildFirstScreenView(long, WRITTEN);
    expect(view.rowIds).toEqual(long.slice(0, ROWS_PER_GROUP).map((i) => i.id));
    expect(readFirstScreenView(view, WRITTEN).counts.get('overdue')).toBe(40);
  });

  it('says when the screen must be built as before: missing, another version, another day range, not a view', () => {
    const view = buildFirstScreenView(items(20), WRITTEN);
    expect(usableView(undefined, WRITTEN)).toBe(false);
    expect(usableView({ ...view, version: FIRST_SCREEN_VIEW_VERSION - 1 }, WRITTEN)).toBe(false);
    expect(usableView(view, addDaysIso(WRITTEN, -1))).toBe(false);
    expect(usableView(view, addDaysIso(WRITTEN, VIEW_VALID_DAYS + 1))).toBe(false);
    expect(usableView({ ...view, rowIds: 'a1' }, WRITTEN)).toBe(false);
    expect(readFirstScreenView(view, WRITTEN).hasDemo).toBe(true);
    expect(buildFirstScreenView([], WRITTEN)).toMatchObject({ count: 0, rowIds: [], hasDemo: false });
  });
});
