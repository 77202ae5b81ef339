import { describe, expect, it } from 'vitest';
import { groupByUrgency, ROWS_PER_GROUP, shownRows, thisMonthBurden, thisMonthBurdenFen, totalLeftFen, totals } from './overview';

const item = (dueDate: string, leftFen: number, paid = false) => ({ dueDate, leftFen, amountFen: leftFen, paidFen: 0, paid, name: dueDate });
const TODAY = '2026-11-21';

describe('groupByUrgency', () => {
  it('orders groups overdue, today, within a week, later, paid, and drops empty ones', () => {
    const items = [
      item('2026-11-10', 100),
      item('2026-11-19', 100, true),
      item('2026-11-21', 100),
      item('2026-11-25', 100),
      item('2026-11-28', 100),
      item('2026-12-20', 100),
    ];
    const groups = groupByUrgency(items, TODAY);
    expect(groups.map((g) => [g.group, g.items.map((i) => i.name)])).toEqual([
      ['overdue', ['2026-11-10']],
      ['today', ['2026-11-21']],
      ['week', ['2026-11-25', '2026-11-28']],
      ['later', ['2026-12-20']],
      ['paid', ['2026-11-19']],
    ]);
    expect(groupByUrgency([item('2026-12-20', 1)], TODAY).map((g) => g.group)).toEqual(['later']);
    expect(groupByUrgency([], TODAY)).toEqual([]);
  });
});

describe('totals', () => {
  const items = [item('2026-10-01', 5_000), item('2026-11-30', 2_000), item('2026-12-01', 7_000), item('2026-11-22', 0, true)];

  it('adds what is left, paid items counting 0', () => {
    expect(totalLeftFen(items)).toBe(14_000);
  });

  it("this month's burden: overdue plus due by the month's end, nothing later", () => {
    expect(thisMonthBurdenFen(items, TODAY)).toBe(7_000);
    expect(thisMonthBurdenFen(items, '2026-12-01')).toBe(14_000);
    expect(thisMonthBurdenFen([], TODAY)).toBe(0);
  });
});

describe('amounts that follow payments', () => {
  const part = (dueDate: string, amountFen: number, paidFen: number, paid = paidFen >= amountFen) => ({
    dueDate,
    amountFen,
    paidFen,
    leftFen: paid ? 0 : amountFen - paidFen,
    paid,
  });
  // A plan of three periods, the first paid, the second partly; a single date paid in part.
  const plan = { ...part('2026-11-10', 30_000, 30_000), parts: [part('2026-11-10', 30_000, 30_000), part('2026-12-10', 30_000, 5_000), part('2027-01-10', 30_000, 0)] };
  const single = part('2026-11-25', 10_000, 4_000);
  const settledEarlier = part('2026-10-05', 8_000, 8_000);

  it('totals: what is left, of what was agreed, and what was paid, a plan counting every period', () => {
    expect(totals([plan, single, settledEarlier])).toEqual({ leftFen: 61_000, amountFen: 108_000, paidFen: 47_000 });
    expect(totalLeftFen([plan, single, settledEarlier])).toBe(61_000);
  });

  it("this month's burden: a due this month stays in it once paid, bringing what is left down; one settled before does not", () => {
    expect(thisMonthBurden([plan, single, settledEarlier], TODAY)).toEqual({ leftFen: 6_000, amountFen: 40_000, paidFen: 34_000 });
    expect(thisMonthBurden([plan, single, settledEarlier], '2026-12-01')).toEqual({ leftFen: 31_000, amountFen: 40_000, paidFen: 9_000 });
  });

  it('a bill cleared for less than its amount leaves nothing', () => {
    expect(thisMonthBurden([part('2026-11-12', 10_000, 9_990, true)], TODAY)).toEqual({ leftFen: 0, amountFen: 10_000, paidFen: 9_990 });
  });
});

describe("this month's burden agrees with the affordability engine", () => {
  it('gives the same figure as monthlyBurden for the current month', async () => {
    const { monthlyBurden } = await import('./affordability');
    const items = [item('2025-01-31', 300), item('2026-11-01', 5), item('2026-11-30', 7), item('2026-12-01', 11), item('2027-11-21', 13)];
    const engine = monthlyBurden(items.map((i) => ({ date: i.dueDate, amountFen: i.leftFen })), 0, TODAY, 1);
    if (!engine.ok) throw new Error(engine.error.code);
    expect(thisMonthBurdenFen(items, TODAY)).toBe(engine.value[0]?.dueFen);
    expect(thisMonthBurdenFen(items, TODAY)).toBe(312);
  });
});

describe('shownRows', () => {
  it('shows the first rows of each group, and all of an opened group', () => {
    const many = Array.from({ length: ROWS_PER_GROUP + 5 }, (_, i) => i);
    const groups = [
      { group: 'overdue' as const, items: many },
      { group: 'later' as const, items: [100, 101] },
    ];
    expect(shownRows(groups, new Set())).toEqual([...many.slice(0, ROWS_PER_GROUP), 100, 101]);
    expect(shownRows(groups, new Set(['overdue']))).toEqual([...many, 100, 101]);
  });
});
