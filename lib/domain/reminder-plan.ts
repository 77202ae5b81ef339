import type { Agreement, AgreementKind } from './agreement';
import { addDaysIso, localInstant, type IsoDate } from './dates';
import type { DueRole } from './kinds';
import {
  compareMilestones,
  deriveMilestones,
  type Milestone,
  type MilestoneCode,
  type MilestoneError,
  type MilestoneSettings,
  type TrackedDue,
} from './milestones';
import { err, ok, type Result } from './result';

/**
 * Which reminders an agreement gets: one for each milestone of its due date (decide a month
 * before, contact the lender a week before, deposit, transfer-by, the day itself, and after it the
 * credit-report steps), shown at the reminder hour of the milestone's day.
 *
 * A milestone already past is dropped ("transfer by yesterday" helps nobody), except the due day
 * itself: a borrower entering a debt that is already late must hear about it at once. Once the due
 * date is paid (`doneOn`), only the steps after a payment remain.
 */
export const DEFAULT_REMINDER_HOUR = 9;

/** What the simple agreement's single date means for each kind. */
const ROLE_OF_KIND: Record<AgreementKind, { role: DueRole; isPayment: boolean; closesDebt: boolean }> = {
  extension: { role: 'extension-due', isPayment: true, closesDebt: false },
  deferral: { role: 'deferral-end', isPayment: true, closesDebt: false },
  installment: { role: 'installment', isPayment: true, closesDebt: false },
  waiver: { role: 'waiver-deadline', isPayment: true, closesDebt: true },
  settlement: { role: 'settlement', isPayment: true, closesDebt: true },
  resume: { role: 'resume', isPayment: true, closesDebt: false },
  'second-negotiation': { role: 'apply-by', isPayment: false, closesDebt: false },
  restructuring: { role: 'restructuring-installment', isPayment: true, closesDebt: false },
  hardship: { role: 'hardship-follow-up', isPayment: false, closesDebt: false },
};

export interface PlannedReminder {
  id: string;
  agreementId: string;
  code: MilestoneCode;
  /** The due date the reminder is about. */
  dueDate: IsoDate;
  /** The day the reminder is shown (a window's first day). */
  fireDate: IsoDate;
  /** A window's last day, when the milestone is a window. */
  untilDate?: IsoDate;
  fireAt: number;
  /** The date used the Monday–Friday guess for a year without an official holiday table yet. */
  provisional: boolean;
}

export interface ReminderPlanOptions {
  now: number;
  today: IsoDate;
  hour?: number;
  milestones?: Partial<MilestoneSettings>;
}

/** An agreement as planning sees it; `doneOn` is the day its due date was fully paid, if it was. */
export type PlannedAgreement = Pick<Agreement, 'id' | 'kind' | 'dueDate' | 'followUps'> & { doneOn?: IsoDate | null };

export function trackedDueOf(agreement: PlannedAgreement): TrackedDue {
  return { ...ROLE_OF_KIND[agreement.kind], date: agreement.dueDate, ref: agreement.id, doneOn: agreement.doneOn ?? null };
}

/**
 * Every milestone worth a reminder from `today` on. The overdue warning exists only once the day
 * has passed unpaid, so it is also planned ahead, as seen from the day after the due date: the
 * reminder is in place before the browser might be closed, and recording a payment re-plans it away.
 */
export function planMilestones(
  agreement: PlannedAgreement,
  today: IsoDate,
  settings: Partial<MilestoneSettings> = {},
): Result<Milestone[], MilestoneError> {
  const due = trackedDueOf(agreement);
  const current = deriveMilestones([due], today, settings);
  if (!current.ok) return current;
  // Paid: only what follows a payment is left (check the credit report, when a late record expires).
  if (due.doneOn !== null) return ok(current.value.filter((m) => m.timing !== 'past'));
  const dayAfter = addDaysIso(agreement.dueDate, 1);
  const ahead = dayAfter > today ? deriveMilestones([due], dayAfter, settings) : ok([]);
  if (!ahead.ok) return ahead;
  const planned = current.value.filter((m) => m.timing !== 'past' || m.code === 'pay');
  for (const m of ahead.value) {
    if (m.code === 'credit-report-risk' && !planned.some((p) => p.code === m.code)) planned.push(m);
  }
  return ok(planned.sort(compareMilestones));
}

export type ReminderPlanError = MilestoneError | { code: 'invalid-hour' };

export function planReminders(
  agreement: PlannedAgreement,
  options: ReminderPlanOptions,
): Result<PlannedReminder[], ReminderPlanError> {
  const hour = options.hour ?? DEFAULT_REMINDER_HOUR;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) return err({ code: 'invalid-hour' });
  const milestones = planMilestones(agreement, options.today, options.milestones);
  if (!milestones.ok) return milestones;
  return ok([
    ...milestones.value.map((m) => ({
      id: `${agreement.id}:${m.code}:${m.date}`,
      agreementId: agreement.id,
      code: m.code,
      dueDate: m.dueDate,
      fireDate: m.date,
      ...(m.until === undefined ? {} : { untilDate: m.until }),
      fireAt: localInstant(m.date, hour),
      provisional: m.provisional,
    })),
    ...planFollowUps(agreement, options.today, hour),
  ]);
}

/**
 * A 'follow-up' reminder on the day of each promised follow-up from today on. The id names the day
 * and the follow-up's rank among those on that day, so re-planning the same list gives the same
 * ids (a shown reminder stays shown), and never meets a milestone's id (those have no rank).
 */
function planFollowUps(agreement: PlannedAgreement, today: IsoDate, hour: number): PlannedReminder[] {
  const seen = new Set<string>();
  const perDay = new Map<IsoDate, number>();
  const planned: PlannedReminder[] = [];
  for (const followUp of agreement.followUps ?? []) {
    const key = `${followUp.date}\n${followUp.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const rank = (perDay.get(followUp.date) ?? 0) + 1;
    perDay.set(followUp.date, rank);
    if (followUp.date < today) continue;
    planned.push({
      id: `${agreement.id}:follow-up:${followUp.date}:${rank}`,
      agreementId: agreement.id,
      code: 'follow-up',
      dueDate: followUp.date,
      fireDate: followUp.date,
      fireAt: localInstant(followUp.date, hour),
      provisional: false,
    });
  }
  return planned;
}
