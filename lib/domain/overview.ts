import type { IsoDate } from './dates';
import type { Fen } from './money';
import { classifyDue, type Urgency } from './urgency';

/**
 * The popup's first screen: what needs action now, most urgent first. A stressed borrower reads
 * the top group and stops, so a paid due date leaves the urgent groups and waits at the bottom.
 */

/** `replaced`: agreements another one took the place of (see Agreement.replacedBy), kept for the record. */
export type OverviewGroup = Urgency | 'paid' | 'replaced';
export const OVERVIEW_GROUPS: readonly OverviewGroup[] = ['overdue', 'today', 'week', 'later', 'paid', 'replaced'];

export interface OverviewItem {
  dueDate: IsoDate;
  /** What is still owed on it (0 once paid). */
  leftFen: Fen;
  /** What was agreed for it, and what has been paid towards it (a plan's period: what was credited to it). */
  amountFen: Fen;
  paidFen: Fen;
  paid: boolean;
  /**
   * Another agreement took its place: closed like a paid one (nothing left, only what was paid on
   * it counts as agreed), so the totals never count one debt twice; listed in a group of its own.
   */
  replaced?: boolean;
  /** An installment plan's periods: the totals count each one (the row shows the current one). */
  parts?: readonly Omit<OverviewItem, 'parts'>[];
}

/** The group an item is listed in on `today`. */
export function groupOf(item: Pick<OverviewItem, 'paid' | 'replaced' | 'dueDate'>, today: IsoDate): OverviewGroup {
  if (item.replaced === true) return 'replaced';
  return item.paid ? 'paid' : classifyDue(item.dueDate, today).urgency;
}

/** Non-empty groups in order of urgency, each keeping the items' order (by due date). */
export function groupByUrgency<T extends OverviewItem>(items: readonly T[], today: IsoDate): { group: OverviewGroup; items: T[] }[] {
  const groups = new Map<OverviewGroup, T[]>(OVERVIEW_GROUPS.map((g) => [g, []]));
  for (const item of items) groups.get(groupOf(item, today))?.push(item);
  return OVERVIEW_GROUPS.flatMap((group) => {
    const list = groups.get(group) ?? [];
    return list.length > 0 ? [{ group, items: list }] : [];
  });
}

/**
 * Rows a group shows before "show all": a first screen is read, not scrolled, and rendering a
 * thousand rows would make the popup slow to open for the people with the most debts.
 */
export const ROWS_PER_GROUP = 10;

/** The rows on show: the first ones of each group, or all of a group the user opened. */
export function shownRows<T>(groups: readonly { group: OverviewGroup; items: readonly T[] }[], opened: ReadonlySet<OverviewGroup>): T[] {
  return groups.flatMap(({ group, items }) => (opened.has(group) ? items : items.slice(0, ROWS_PER_GROUP)));
}

/**
 * An amount as the borrower follows it: what is left to pay is the figure that matters; what was
 * agreed and what has been paid explain it. Left is not always agreed minus paid: a bill the
 * lender's app shows as cleared leaves nothing, even when a fee was waived.
 */
export interface AmountFollowed {
  leftFen: Fen;
  amountFen: Fen;
  paidFen: Fen;
}

const add = (parts: readonly Omit<OverviewItem, 'parts'>[]): AmountFollowed =>
  parts.reduce<AmountFollowed>(
    (sum, p) => ({ leftFen: sum.leftFen + p.leftFen, amountFen: sum.amountFen + p.amountFen, paidFen: sum.paidFen + p.paidFen }),
    { leftFen: 0, amountFen: 0, paidFen: 0 },
  );

const partsOf = (items: readonly OverviewItem[]) => items.flatMap((item) => item.parts ?? [item]);

/** Everything: what is still owed, of what was agreed in all, and what has been paid. */
export function totals(items: readonly OverviewItem[]): AmountFollowed {
  return add(partsOf(items));
}

/** Everything still owed. */
export function totalLeftFen(items: readonly OverviewItem[]): Fen {
  return totals(items).leftFen;
}

/**
 * What this month asks of the borrower: every unpaid amount due by the month's end, overdue
 * included, since money already late is owed now (as `monthlyBurden` in affordability.ts counts it).
 * What was due this month and is already paid counts in the agreed and paid figures, so paying
 * brings the burden down instead of making the month's dues disappear.
 */
export function thisMonthBurden(items: readonly OverviewItem[], today: IsoDate): AmountFollowed {
  const month = today.slice(0, 7);
  return add(partsOf(items).filter((p) => (p.paid ? p.dueDate.slice(0, 7) === month : p.dueDate.slice(0, 7) <= month)));
}

/** What is left of this month's burden (see `thisMonthBurden`). */
export function thisMonthBurdenFen(items: readonly OverviewItem[], today: IsoDate): Fen {
  return thisMonthBurden(items, today).leftFen;
}
