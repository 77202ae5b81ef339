import type { IsoDate } from './dates';
import type { Fen } from './money';
import { classifyDue, type Urgency } from './urgency';

/**
 * The popup's first screen: what needs action now, most urgent first. A stressed borrower reads
 * the top group and stops, so a paid due date leaves the urgent groups and waits at the bottom.
 */

export type OverviewGroup = Urgency | 'paid';
export const OVERVIEW_GROUPS: readonly OverviewGroup[] = ['overdue', 'today', 'week', 'later', 'paid'];

export interface OverviewItem {
  dueDate: IsoDate;
  /** What is still owed on it (0 once paid). */
  leftFen: Fen;
  paid: boolean;
  /** An installment plan's periods: the totals count each one (the row shows the current one). */
  parts?: readonly Omit<OverviewItem, 'parts'>[];
}

/** Non-empty groups in order of urgency, each keeping the items' order (by due date). */
export function groupByUrgency<T extends OverviewItem>(items: readonly T[], today: IsoDate): { group: OverviewGroup; items: T[] }[] {
  const groups = new Map<OverviewGroup, T[]>(OVERVIEW_GROUPS.map((g) => [g, []]));
  for (const item of items) groups.get(item.paid ? 'paid' : classifyDue(item.dueDate, today).urgency)?.push(item);
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

/** Everything still owed. */
export function totalLeftFen(items: readonly OverviewItem[]): Fen {
  return items.flatMap((item) => item.parts ?? [item]).reduce((sum, item) => sum + item.leftFen, 0);
}

/**
 * What this month asks of the borrower: every unpaid amount due by the month's end, overdue
 * included, since money already late is owed now (as `monthlyBurden` in affordability.ts counts it).
 */
export function thisMonthBurdenFen(items: readonly OverviewItem[], today: IsoDate): Fen {
  const month = today.slice(0, 7);
  return items
    .flatMap((item) => item.parts ?? [item])
    .reduce((sum, item) => (!item.paid && item.dueDate.slice(0, 7) <= month ? sum + item.leftFen : sum), 0);
}
