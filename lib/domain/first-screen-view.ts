import type { AgreementStanding } from './agreement-dues';
import { addDaysIso, type IsoDate } from './dates';
import type { Fen } from './money';
import { groupByUrgency, groupOf, OVERVIEW_GROUPS, shownRows, thisMonthBurden, totals, type AmountFollowed, type OverviewGroup, type OverviewItem } from './overview';

/**
 * The popup's first screen in small: the figures it shows (group counts, totals, this month's
 * burden, how many need action) and the ids of the rows it can show first, without every agreement.
 *
 * Urgency is not stored: it is computed from due dates when the view is read, so a view written
 * yesterday groups correctly today. What is stored is day-independent:
 * - the items counted per (due date, paid): each group's count is a sum over these on the day read;
 * - the amounts per (month, paid): the totals and this month's burden are sums over these;
 * - the rows that are among the first ROWS_PER_GROUP of their group on any day from the day it was
 *   written to `validThrough`, in list order. On such a day each group's first rows are the first
 *   rows of that group among them (a subset that holds a group's true first rows, in order, starts
 *   with them). Past `validThrough` the view is not used: the reader builds the screen as before.
 */

/** 2: a due entry's state may be 2 (replaced by another agreement). */
export const FIRST_SCREEN_VIEW_VERSION = 2;

/** Days after the day it was written for which the view's first rows hold. */
export const VIEW_VALID_DAYS = 7;

export interface FirstScreenView {
  version: number;
  writtenOn: IsoDate;
  validThrough: IsoDate;
  /** Items (one per agreement) per current due date and state: [dueDate, 0 open | 1 paid | 2 replaced, count]. */
  byDue: [IsoDate, 0 | 1 | 2, number][];
  /** Amounts per month and paid state (a plan counts each period): [yyyy-MM, paid 0|1, left, agreed, paid fen]. */
  byMonth: [string, 0 | 1, Fen, Fen, Fen][];
  /** Ids of the rows that can be on the first screen until validThrough, in list order. */
  rowIds: string[];
  /** How many agreements in all. */
  count: number;
  /** Some of them are the demo set (the popup offers to remove it). */
  hasDemo: boolean;
}

export interface ViewItem extends OverviewItem {
  id: string;
  demo?: boolean;
}

/** What the summary and the grouping read of a listed agreement: its current due date, and a plan's every period. */
export function overviewItemOf({ agreement, standing }: { agreement: { plan?: unknown; replacedBy?: string | undefined }; standing: AgreementStanding }): OverviewItem {
  // Replaced by another agreement: closed, and only the money paid on it still counts.
  if (agreement.replacedBy !== undefined) {
    const closed = (dueDate: IsoDate, paidFen: Fen) => ({ dueDate, leftFen: 0, amountFen: paidFen, paidFen, paid: true });
    return {
      ...closed(standing.due.date, standing.paidFen),
      replaced: true,
      ...(agreement.plan ? { parts: standing.dues.map((d) => closed(d.date, d.standing.paidFen)) } : {}),
    };
  }
  return {
    dueDate: standing.due.date,
    leftFen: standing.leftFen,
    amountFen: standing.due.amountFen,
    paidFen: standing.paidFen,
    paid: standing.state === 'paid',
    ...(agreement.plan
      ? {
          parts: standing.dues.map((d) => ({
            dueDate: d.date,
            leftFen: d.standing.leftFen,
            amountFen: d.amountFen,
            paidFen: d.standing.paidFen,
            paid: d.standing.state === 'paid',
          })),
        }
      : {}),
  };
}

/** The view of `items` (in list order), written on `today`. */
export function buildFirstScreenView(items: readonly ViewItem[], today: IsoDate): FirstScreenView {
  const validThrough = addDaysIso(today, VIEW_VALID_DAYS);
  const byDue = new Map<string, [IsoDate, 0 | 1 | 2, number]>();
  const byMonth = new Map<string, [string, 0 | 1, Fen, Fen, Fen]>();
  for (const item of items) {
    const state = item.replaced === true ? 2 : item.paid ? 1 : 0;
    const key = `${item.dueDate}/${state}`;
    const due = byDue.get(key) ?? [item.dueDate, state, 0];
    due[2] += 1;
    byDue.set(key, due);
    for (const part of item.parts ?? [item]) {
      const month = part.dueDate.slice(0, 7);
      const partPaid = part.paid ? 1 : 0;
      const monthKey = `${month}/${partPaid}`;
      const sums = byMonth.get(monthKey) ?? [month, partPaid, 0, 0, 0];
      sums[2] += part.leftFen;
      sums[3] += part.amountFen;
      sums[4] += part.paidFen;
      byMonth.set(monthKey, sums);
    }
  }
  const shown = new Set<string>();
  for (let day = today; day <= validThrough; day = addDaysIso(day, 1)) {
    for (const item of shownRows(groupByUrgency(items, day), new Set())) shown.add(item.id);
  }
  return {
    version: FIRST_SCREEN_VIEW_VERSION,
    writtenOn: today,
    validThrough,
    byDue: [...byDue.values()],
    byMonth: [...byMonth.values()],
    rowIds: items.filter((item) => shown.has(item.id)).map((item) => item.id),
    count: items.length,
    hasDemo: items.some((item) => item.demo === true),
  };
}

/** What the first screen shows, read from the view on `today`. */
export interface FirstScreenFigures {
  counts: ReadonlyMap<OverviewGroup, number>;
  totals: AmountFollowed;
  monthBurden: AmountFollowed;
  needingAction: number;
  rowIds: readonly string[];
  count: number;
  hasDemo: boolean;
}

/** Whether a stored value is a view this build can read on `today` (else: build the screen as before). */
export function usableView(value: unknown, today: IsoDate): value is FirstScreenView {
  if (typeof value !== 'object' || value === null) return false;
  const view = value as Partial<FirstScreenView>;
  return (
    view.version === FIRST_SCREEN_VIEW_VERSION &&
    typeof view.writtenOn === 'string' &&
    typeof view.validThrough === 'string' &&
    view.writtenOn <= today &&
    today <= view.validThrough &&
    Array.isArray(view.byDue) &&
    Array.isArray(view.byMonth) &&
    Array.isArray(view.rowIds) &&
    typeof view.count === 'number' &&
    typeof view.hasDemo === 'boolean'
  );
}

/** The figures of a usable view (see usableView), with urgency judged on `today`. */
export function readFirstScreenView(view: FirstScreenView, today: IsoDate): FirstScreenFigures {
  const counts = new Map<OverviewGroup, number>(OVERVIEW_GROUPS.map((group) => [group, 0]));
  let needingAction = 0;
  for (const [dueDate, state, count] of view.byDue) {
    const group: OverviewGroup = groupOf({ dueDate, paid: state !== 0, replaced: state === 2 }, today);
    counts.set(group, (counts.get(group) ?? 0) + count);
    if (group === 'overdue' || group === 'today') needingAction += count;
  }
  // One item per (month, paid) with its sums: the same rules as the list's own totals.
  const parts = view.byMonth.map(([month, paid, leftFen, amountFen, paidFen]) => ({ dueDate: `${month}-01`, paid: paid === 1, leftFen, amountFen, paidFen }));
  return {
    counts,
    totals: totals(parts),
    monthBurden: thisMonthBurden(parts, today),
    needingAction,
    rowIds: view.rowIds,
    count: view.count,
    hasDemo: view.hasDemo,
  };
}
