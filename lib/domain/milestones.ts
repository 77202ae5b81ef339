import { addMonthsClamped, addYearsClamped } from './calendar';
import { addDaysIso, DAY_RANGE, daysBetween, parseIsoDate, type DateParseError, type IsoDate } from './dates';
import { DUE_ROLES, type DueDate, type DueRole } from './kinds';
import { MILESTONE_CODES, type MilestoneCode } from './milestone-codes';
import { err, ok, type Result } from './result';
import { addWorkingDays, lastWorkingDayOnOrBefore, workingCalendarOf, type NoticeYear, type WorkingCalendar, type WorkingDay } from './working-days';

export { MILESTONE_CODES, type MilestoneCode };

/**
 * The dated steps around each due date D, from the public guides on repaying online lenders.
 * Before D, for a payment (the money has to be there):
 * - D − 1 month, `decide-and-plan`: choose the path (settle, negotiate again, resume) and plan the money.
 * - D − 7 days, `contact-lender-if-short`: if the money will not be there, talk now; silence is the
 *   worst choice.
 * - D − 5 to D − 3, `deposit-and-check-debit`: money in the linked account or card, and support has
 *   confirmed the debit channel works (a window: the UI shows it until its last day).
 * - 48 hours before D, `transfer-by`: the last safe inter-bank transfer. Banks clear transfers on
 *   Chinese working days only, so when D − 2 is a holiday or weekend it moves earlier, to the last
 *   working day (a make-up Saturday counts).
 * - D, `pay`: the payment itself; keep the receipt.
 * - a deferral's end also gets `apply-second-negotiation-by`: 二次协商 must be asked for before the
 *   deferral ends, and the lender needs time to review the proof, so 14 days before, on a working day.
 * For a deadline that is not a payment: `gather-documents` (7 days before a second-negotiation
 * application) and the day itself (`apply-deadline`, `follow-up`).
 * After D:
 * - `credit-report-risk`: unpaid more than 3 days, adverse information may be reported; dated the
 *   first day past the 3, and only shown once D has passed unpaid.
 * - `check-credit-report`: 3 Chinese working days after the payment that clears the debt, check the
 *   report shows it settled; dispute (异议申诉) if not. Projected from D while D is ahead.
 * - `adverse-record-expires`: a debt paid more than 3 days late may have left an adverse record,
 *   kept 5 years from the day it was settled (征信业管理条例 art. 16), then deleted.
 */

export interface MilestoneSettings {
  decideMonthsBefore: number;
  contactDaysBefore: number;
  /** The deposit window runs from `depositFromDaysBefore` to `depositUntilDaysBefore` days before D. */
  depositFromDaysBefore: number;
  depositUntilDaysBefore: number;
  /** Rounded up to whole days: a due date is a day, not an hour. */
  transferHoursBefore: number;
  secondNegotiationDaysBefore: number;
  gatherDocumentsDaysBefore: number;
  creditCheckWorkingDays: number;
  /** Days overdue after which adverse information may be reported. */
  reportableAfterDaysOverdue: number;
  adverseRecordYears: number;
}

export const DEFAULT_MILESTONE_SETTINGS: Readonly<MilestoneSettings> = {
  decideMonthsBefore: 1,
  contactDaysBefore: 7,
  depositFromDaysBefore: 5,
  depositUntilDaysBefore: 3,
  transferHoursBefore: 48,
  secondNegotiationDaysBefore: 14,
  gatherDocumentsDaysBefore: 7,
  creditCheckWorkingDays: 3,
  reportableAfterDaysOverdue: 3,
  adverseRecordYears: 5,
};

/**
 * What the engine is given: the numbers above (any left out take their default) and, for years the
 * holiday table does not cover yet, the notices the user typed (holiday-year.ts). Passed with the
 * settings rather than held in a module, so every caller that already hands over the user's lead
 * times (withSavedSettings) hands over these too.
 */
export type MilestoneOptions = Partial<MilestoneSettings> & { holidayYears?: readonly NoticeYear[] | undefined };

/** Sanity bounds, so a typo in the settings page cannot throw a reminder years off. */
const SETTING_LIMITS: Record<keyof MilestoneSettings, readonly [min: number, max: number]> = {
  decideMonthsBefore: [0, 12],
  contactDaysBefore: [0, 90],
  depositFromDaysBefore: [0, 60],
  depositUntilDaysBefore: [0, 60],
  transferHoursBefore: [0, 24 * 30],
  secondNegotiationDaysBefore: [1, 180],
  gatherDocumentsDaysBefore: [0, 90],
  creditCheckWorkingDays: [0, 60],
  reportableAfterDaysOverdue: [0, 90],
  adverseRecordYears: [1, 10],
};


/** A due date as reminders track it: where it came from, and whether it has been paid. */
export interface TrackedDue extends Pick<DueDate, 'date' | 'role' | 'isPayment' | 'closesDebt'> {
  /** The caller's key (agreement id, period), passed through to each milestone. */
  ref: string;
  /** The day it was fully paid (or the deadline met); null while it is not. */
  doneOn: IsoDate | null;
}

export type MilestoneTiming = 'past' | 'today' | 'upcoming';

export interface Milestone {
  code: MilestoneCode;
  date: IsoDate;
  /** The last day of a window; absent for a single day. */
  until?: IsoDate;
  dueDate: IsoDate;
  role: DueRole;
  ref: string;
  /** A working-day step used the Monday–Friday guess: the UI says the date may still move. */
  provisional: boolean;
  timing: MilestoneTiming;
}

export type MilestoneError =
  | { code: 'invalid-today'; reason: DateParseError }
  | { code: 'invalid-setting'; setting: keyof MilestoneSettings }
  | { code: 'invalid-due'; index: number; field: 'date' | 'doneOn' | 'role'; reason?: DateParseError | 'after-today' }
  /** A computed working day could not be found (not expected for a due date within DAY_RANGE). */
  | { code: 'out-of-range'; index: number };

function checkSettings(overrides: MilestoneOptions): Result<MilestoneSettings, MilestoneError> {
  const settings = { ...DEFAULT_MILESTONE_SETTINGS, ...overrides };
  for (const key of Object.keys(SETTING_LIMITS) as (keyof MilestoneSettings)[]) {
    const [min, max] = SETTING_LIMITS[key];
    const value = settings[key];
    if (!Number.isInteger(value) || value < min || value > max) return err({ code: 'invalid-setting', setting: key });
  }
  if (settings.depositUntilDaysBefore > settings.depositFromDaysBefore) {
    return err({ code: 'invalid-setting', setting: 'depositUntilDaysBefore' });
  }
  return ok(settings);
}

const ROLES: ReadonlySet<string> = new Set(DUE_ROLES);
const CODE_ORDER = new Map(MILESTONE_CODES.map((code, i) => [code, i]));

function timingOf(date: IsoDate, until: IsoDate | undefined, today: IsoDate): MilestoneTiming {
  if (today < date) return 'upcoming';
  return today <= (until ?? date) ? 'today' : 'past';
}

/** Milestones of one due date, before `timing` is known. */
type Draft = Omit<Milestone, 'dueDate' | 'role' | 'ref' | 'timing'>;

function milestonesOf(due: TrackedDue, today: IsoDate, s: MilestoneSettings, calendar: WorkingCalendar): Result<Draft[], 'out-of-range'> {
  const d = due.date;
  const drafts: Draft[] = [];
  const add = (code: MilestoneCode, date: IsoDate, extra: Partial<Draft> = {}) =>
    drafts.push({ code, date, provisional: false, ...extra });
  const addWorking = (code: MilestoneCode, result: Result<WorkingDay, unknown>): boolean => {
    if (!result.ok) return false;
    add(code, result.value.day, { provisional: result.value.provisional });
    return true;
  };

  if (due.doneOn === null) {
    if (due.isPayment) {
      add('decide-and-plan', addMonthsClamped(d, -s.decideMonthsBefore));
      add('contact-lender-if-short', addDaysIso(d, -s.contactDaysBefore));
      add('deposit-and-check-debit', addDaysIso(d, -s.depositFromDaysBefore), {
        until: addDaysIso(d, -s.depositUntilDaysBefore),
      });
      // A step that would fall before the first day the app handles is long past (today never
      // is before it): left out, so that every due date in DAY_RANGE can be planned.
      const transferDay = addDaysIso(d, -Math.ceil(s.transferHoursBefore / 24));
      if (transferDay >= DAY_RANGE.first && !addWorking('transfer-by', lastWorkingDayOnOrBefore(transferDay, calendar))) return err('out-of-range');
      if (due.role === 'deferral-end') {
        const applyDay = addDaysIso(d, -s.secondNegotiationDaysBefore);
        if (applyDay >= DAY_RANGE.first && !addWorking('apply-second-negotiation-by', lastWorkingDayOnOrBefore(applyDay, calendar))) return err('out-of-range');
      }
      add('pay', d);
    } else if (due.role === 'apply-by') {
      add('gather-documents', addDaysIso(d, -s.gatherDocumentsDaysBefore));
      add('apply-deadline', d);
    } else {
      add('follow-up', d);
    }
    if (due.isPayment && daysBetween(d, today) > 0) {
      add('credit-report-risk', addDaysIso(d, s.reportableAfterDaysOverdue + 1));
    }
  }

  // The credit-report check follows the payment that clears the debt; before D it is projected
  // from D, and once D has passed unpaid there is no date to project from.
  const clearedOn = due.doneOn ?? (today <= d ? d : null);
  if (due.isPayment && due.closesDebt && clearedOn !== null) {
    if (!addWorking('check-credit-report', addWorkingDays(clearedOn, s.creditCheckWorkingDays, calendar))) return err('out-of-range');
  }
  if (due.isPayment && due.doneOn !== null && daysBetween(d, due.doneOn) > s.reportableAfterDaysOverdue) {
    add('adverse-record-expires', addYearsClamped(due.doneOn, s.adverseRecordYears));
  }
  return ok(drafts);
}

/**
 * Every milestone of the given due dates, sorted by date (then in the order a borrower acts on
 * them), each with its timing relative to `today`. A due date that is done keeps only what
 * follows a payment: the credit-report check and, if it was paid late, when the record expires.
 */
export function deriveMilestones(
  dues: readonly TrackedDue[],
  today: IsoDate,
  settings: MilestoneOptions = {},
): Result<Milestone[], MilestoneError> {
  const day = parseIsoDate(today);
  if (!day.ok) return err({ code: 'invalid-today', reason: day.error });
  const checked = checkSettings(settings);
  if (!checked.ok) return checked;

  const calendar = workingCalendarOf(settings.holidayYears);
  const milestones: Milestone[] = [];
  for (const [index, due] of dues.entries()) {
    const date = parseIsoDate(due.date);
    if (!date.ok || date.value !== due.date) {
      return err({ code: 'invalid-due', index, field: 'date', reason: date.ok ? 'invalid-date' : date.error });
    }
    if (!ROLES.has(due.role)) return err({ code: 'invalid-due', index, field: 'role' });
    if (due.doneOn !== null) {
      const done = parseIsoDate(due.doneOn);
      if (!done.ok || done.value !== due.doneOn) {
        return err({ code: 'invalid-due', index, field: 'doneOn', reason: done.ok ? 'invalid-date' : done.error });
      }
      // A payment recorded in the future has not happened: counting it would hide an overdue debt.
      if (due.doneOn > day.value) return err({ code: 'invalid-due', index, field: 'doneOn', reason: 'after-today' });
    }
    const drafts = milestonesOf(due, day.value, checked.value, calendar);
    if (!drafts.ok) return err({ code: 'out-of-range', index });
    for (const draft of drafts.value) {
      milestones.push({
        ...draft,
        dueDate: due.date,
        role: due.role,
        ref: due.ref,
        timing: timingOf(draft.date, draft.until, day.value),
      });
    }
  }
  return ok(milestones.sort(compareMilestones));
}

/** By date, then in the order a borrower acts on a day, then by due date and caller key. */
export function compareMilestones(a: Milestone, b: Milestone): number {
  return (
    a.date.localeCompare(b.date) ||
    (CODE_ORDER.get(a.code) ?? 0) - (CODE_ORDER.get(b.code) ?? 0) ||
    a.dueDate.localeCompare(b.dueDate) ||
    a.ref.localeCompare(b.ref)
  );
}
