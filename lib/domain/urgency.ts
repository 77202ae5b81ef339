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
