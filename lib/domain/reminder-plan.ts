import type { Agreement } from './agreement';
import { addDaysIso, localInstant, type IsoDate } from './dates';

/**
 * Which reminders an agreement gets. The due day itself is always kept, even when it is already
 * past (the borrower is late and must hear it); an earlier heads-up whose moment has passed is
 * dropped, since "3 days left" on the day before would be wrong.
 */
export const DEFAULT_REMINDER_HOUR = 9;
/** Days before the due date: a heads-up to move the money, then the day itself. */
export const DEFAULT_LEAD_DAYS = [3, 0] as const;

export interface PlannedReminder {
  id: string;
  agreementId: string;
  leadDays: number;
  /** The day the reminder is about (the due date). */
  dueDate: IsoDate;
  /** The day the reminder is shown. */
  fireDate: IsoDate;
  fireAt: number;
}

export interface ReminderPlanOptions {
  now: number;
  hour?: number;
  leadDays?: readonly number[];
}

export function planReminders(agreement: Agreement, options: ReminderPlanOptions): PlannedReminder[] {
  const hour = options.hour ?? DEFAULT_REMINDER_HOUR;
  const leads = [...new Set(options.leadDays ?? DEFAULT_LEAD_DAYS)].sort((a, b) => b - a);
  const planned: PlannedReminder[] = [];
  for (const leadDays of leads) {
    const fireDate = addDaysIso(agreement.dueDate, -leadDays);
    const fireAt = localInstant(fireDate, hour);
    if (leadDays > 0 && fireAt < options.now) continue;
    planned.push({
      id: `${agreement.id}:${agreement.dueDate}:${leadDays}`,
      agreementId: agreement.id,
      leadDays,
      dueDate: agreement.dueDate,
      fireDate,
      fireAt,
    });
  }
  return planned;
}
