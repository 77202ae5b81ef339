import type { Agreement, AgreementKind } from './agreement';
import { addDaysIso, isDayInRange, localInstant, type IsoDate } from './dates';
import { DEFAULT_EXTRA_LEAD_DAYS } from './lead-days-schema';
import type { DueRole } from './kinds';
import {
  compareMilestones,
  deriveMilestones,
  type Milestone,
  type MilestoneCode,
  type MilestoneError,
  type MilestoneOptions,
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
  milestones?: MilestoneOptions;
  /** Extra reminders this many days before each due date (the settings' list); an agreement's own list replaces it. */
  leadDays?: readonly number[];
}

/** One period of an installment plan as planning sees it. */
export interface PlannedDue {
  date: IsoDate;
  /** The day it was fully paid, or null. */
  doneOn: IsoDate | null;
}

/**
 * An agreement as planning sees it; `doneOn` is the day its due date was fully paid, if it was.
 * An agreement with a plan gives its periods in `dues` instead (in date order): each gets the
 * steps of a payment, and paying the last one clears the debt.
 */
export type PlannedAgreement = Pick<Agreement, 'id' | 'kind' | 'dueDate' | 'followUps' | 'reminders'> & {
  doneOn?: IsoDate | null;
  dues?: readonly PlannedDue[] | undefined;
};

export function trackedDueOf(agreement: PlannedAgreement): TrackedDue {
  return { ...ROLE_OF_KIND[agreement.kind], date: agreement.dueDate, ref: agreement.id, doneOn: agreement.doneOn ?? null };
}

/** Every due date planning tracks for the agreement: its single date, or each period of its plan. */
export function trackedDuesOf(agreement: PlannedAgreement): TrackedDue[] {
  const dues = agreement.dues;
  if (!dues || dues.length === 0) return [trackedDueOf(agreement)];
  const role = ROLE_OF_KIND[agreement.kind];
  return dues.map((d, i) => ({
    ...role,
    closesDebt: role.closesDebt || i === dues.length - 1,
    date: d.date,
    ref: agreement.id,
    doneOn: d.doneOn,
  }));
}

/**
 * Every milestone worth a reminder from `today` on. The overdue warning exists only once the day
 * has passed unpaid, so it is also planned ahead, as seen from the day after the due date: the
 * reminder is in place before the browser might be closed, and recording a payment re-plans it away.
 */
export function planMilestones(
  agreement: PlannedAgreement,
  today: IsoDate,
  settings: MilestoneOptions = {},
): Result<Milestone[], MilestoneError> {
  const planned: Milestone[] = [];
  const seen = new Set<string>();
  for (const due of trackedDuesOf(agreement)) {
    const milestones = planDueMilestones(due, today, settings);
    if (!milestones.ok) return milestones;
    for (const m of milestones.value) {
      // Two periods never share a step on the same day in practice; if they did, one reminder says it.
      const key = `${m.code}:${m.date}`;
      if (seen.has(key)) continue;
      seen.add(key);
      planned.push(m);
    }
  }
  return ok(planned.sort(compareMilestones));
}

function planDueMilestones(due: TrackedDue, today: IsoDate, settings: MilestoneOptions): Result<Milestone[], MilestoneError> {
  const current = deriveMilestones([due], today, settings);
  if (!current.ok) return current;
  // Paid: only what follows a payment is left (check the credit report, when a late record expires).
  if (due.doneOn !== null) return ok(current.value.filter((m) => m.timing !== 'past'));
  const dayAfter = addDaysIso(due.date, 1);
  // The day after the last day of the range has no steps to plan (they would fall outside it).
  const ahead = dayAfter > today && isDayInRange(dayAfter) ? deriveMilestones([due], dayAfter, settings) : ok([]);
  if (!ahead.ok) return ahead;
  const planned = current.value.filter((m) => m.timing !== 'past' || m.code === 'pay');
  for (const m of ahead.value) {
    if (m.code === 'credit-report-risk' && !planned.some((p) => p.code === m.code)) planned.push(m);
  }
  return ok(planned);
}

export type ReminderPlanError = MilestoneError | { code: 'invalid-hour' };

export function planReminders(
  agreement: PlannedAgreement,
  options: ReminderPlanOptions,
): Result<PlannedReminder[], ReminderPlanError> {
  const hour = options.hour ?? DEFAULT_REMINDER_HOUR;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) return err({ code: 'invalid-hour' });
  // Switched off by the user: nothing at all, not even the follow-ups (the badge still counts it).
  if (agreement.reminders?.off === true) return ok([]);
  const milestones = planMilestones(agreement, options.today, options.milestones);
  if (!milestones.ok) return milestones;
  const fromMilestones: PlannedReminder[] = milestones.value.map((m) => ({
    id: `${agreement.id}:${m.code}:${m.date}`,
    agreementId: agreement.id,
    code: m.code,
    dueDate: m.dueDate,
    fireDate: m.date,
    ...(m.until === undefined ? {} : { untilDate: m.until }),
    fireAt: localInstant(m.date, hour),
    provisional: m.provisional,
  }));
  const leadDays = agreement.reminders?.leadDays ?? options.leadDays ?? DEFAULT_EXTRA_LEAD_DAYS;
  const dueSoon = planDueSoon(agreement.id, trackedDuesOf(agreement), fromMilestones, leadDays, options.today, hour);
  return ok(
    [
      // A stable sort: a due-soon day slots in among the milestones, which keep their order.
      ...[...fromMilestones, ...dueSoon].sort((a, b) => (a.fireDate < b.fireDate ? -1 : a.fireDate > b.fireDate ? 1 : 0)),
      ...planFollowUps(agreement, options.today, hour),
      // Every stored day lies in DAY_RANGE: a step after its last day (the credit check after a
      // payment on 2100-12-30) or a follow-up outside it is not planned.
    ].filter((r) => isDayInRange(r.dueDate) && isDayInRange(r.fireDate) && (r.untilDate === undefined || isDayInRange(r.untilDate))),
  );
}

/**
 * A 'due-soon' reminder N days before each open due date, for each N in `leadDays`: payments and
 * application deadlines (a hardship follow-up is the lender's date, not the user's). A day that
 * already has a reminder of the same due date (`taken`) gets no second one: one notification a day
 * per due date. With the default milestones that rules out 7, 5 and 2 days before (contact the
 * lender, the deposit window's first day, the last safe transfer) and 0 (the day itself).
 *
 * Days already past are dropped, as milestones are; today's is kept. The id names the due date and
 * N, not the hour: re-planning after the settings changed keeps a shown one shown, and a new list
 * that still has N keeps its reminder.
 */
export function planDueSoon(
  agreementId: string,
  dues: readonly TrackedDue[],
  taken: readonly Pick<PlannedReminder, 'dueDate' | 'fireDate'>[],
  leadDays: readonly number[],
  today: IsoDate,
  hour: number,
): PlannedReminder[] {
  const planned: PlannedReminder[] = [];
  for (const due of dues) {
    if (due.doneOn !== null || !(due.isPayment || due.role === 'apply-by')) continue;
    const busy = new Set(taken.filter((r) => r.dueDate === due.date).map((r) => r.fireDate));
    for (const days of [...new Set(leadDays)].sort((a, b) => b - a)) {
      const fireDate = addDaysIso(due.date, -days);
      if (fireDate < today || busy.has(fireDate)) continue;
      busy.add(fireDate);
      planned.push({
        id: `${agreementId}:due-soon:${due.date}:${days}`,
        agreementId,
        code: 'due-soon',
        dueDate: due.date,
        fireDate,
        fireAt: localInstant(fireDate, hour),
        provisional: false,
      });
    }
  }
  return planned;
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
