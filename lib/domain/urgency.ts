import type { Agreement } from './agreement';
import { daysBetween, type IsoDate } from './dates';

export type Urgency = 'overdue' | 'today' | 'week' | 'later';

/** How a due date looks from today: the popup groups by this and the badge counts the first two. */
export function classifyDue(dueDate: IsoDate, today: IsoDate): { urgency: Urgency; days: number } {
  const days = daysBetween(today, dueDate);
  if (days < 0) return { urgency: 'overdue', days: -days };
  if (days === 0) return { urgency: 'today', days: 0 };
  if (days <= 7) return { urgency: 'week', days };
  return { urgency: 'later', days };
}

/** Overdue plus due today: what the toolbar badge shows. */
export function countNeedingAction(agreements: readonly Pick<Agreement, 'dueDate'>[], today: IsoDate): number {
  return agreements.filter((a) => {
    const { urgency } = classifyDue(a.dueDate, today);
    return urgency === 'overdue' || urgency === 'today';
  }).length;
}

export function totalOwedFen(agreements: readonly Pick<Agreement, 'amountFen'>[]): number {
  return agreements.reduce((sum, a) => sum + a.amountFen, 0);
}
