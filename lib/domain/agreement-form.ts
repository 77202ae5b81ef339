import type { AgreementFields, AgreementKind } from './agreement';
import { validateAgreementDraft, type AgreementDraft, type AgreementDraftErrors } from './agreement-draft';
import {
  DETAIL_FIELDS,
  detailsDraftOf,
  validateDetailsDraft,
  type DetailError,
  type DetailField,
  type DetailsDraft,
} from './agreement-details';
import {
  DEFAULT_REMINDERS_DRAFT,
  remindersDraftOf,
  validateAgreementRemindersDraft,
  type AgreementRemindersDraft,
} from './agreement-reminders';
import { EMPTY_PLAN_DRAFT, planDraftOf, validatePlanDraft, type PlanDraft, type PlanDraftError } from './agreement-plan';
import type { PaymentPlan } from './agreement-dues';
import { fenToYuanInput, parseYuan } from './money-input';
import { daysBetween, isDayInRange, parseIsoDate, type IsoDate } from './dates';
import { addYearsClamped } from './calendar';
import type { LeadDaysError } from './lead-days';
import type { Schedule } from './schedule';

/**
 * The whole agreement form: the common fields, what the chosen kind records, an installment plan
 * where the kind is paid in periods, and the reminder choices. Checked all at once, so the user
 * sees every problem together, and nothing is saved until all of it is valid.
 */

/** Whether a kind is paid in monthly periods: an installment plan always, a resumed schedule or a restructuring when the user says so. */
export const PLAN_USE: Record<AgreementKind, 'required' | 'optional' | 'none'> = {
  extension: 'none',
  deferral: 'none',
  installment: 'required',
  waiver: 'none',
  settlement: 'none',
  resume: 'optional',
  'second-negotiation': 'none',
  restructuring: 'optional',
  hardship: 'none',
};

export interface AgreementFormDraft {
  base: AgreementDraft;
  details: DetailsDraft;
  /** For a kind where the plan is optional: whether the user added one. */
  usePlan: boolean;
  plan: PlanDraft;
  reminders: AgreementRemindersDraft;
}

export interface AgreementFormErrors {
  base: AgreementDraftErrors;
  details: Partial<Record<DetailField, DetailError>>;
  plan: PlanDraftError[];
  reminders: LeadDaysError | null;
}

export type AgreementFormValidation =
  | { ok: true; value: AgreementFields; schedule: Schedule | null }
  | { ok: false; errors: AgreementFormErrors };

export const EMPTY_FORM_DRAFT: AgreementFormDraft = {
  // No kind until the user picks one: a silent default saved many agreements as the first kind listed.
  base: { lender: '', kind: '', amount: '', dueDate: '' },
  details: {},
  usePlan: false,
  plan: EMPTY_PLAN_DRAFT,
  reminders: DEFAULT_REMINDERS_DRAFT,
};

export function planInUse(draft: Pick<AgreementFormDraft, 'base' | 'usePlan'>): boolean {
  const use = PLAN_USE[draft.base.kind as AgreementKind] as (typeof PLAN_USE)[AgreementKind] | undefined;
  return use === 'required' || (use === 'optional' && draft.usePlan);
}

/** The form filled in from a stored agreement. A plan's date field holds its first period, not the current one. */
export function formDraftOf(record: Omit<AgreementFields, 'details'> & { details?: unknown }): AgreementFormDraft {
  const plan: PaymentPlan | undefined = record.plan;
  return {
    base: {
      lender: record.lender,
      kind: record.kind,
      amount: fenToYuanInput(record.amountFen),
      dueDate: plan?.dues[0]?.date ?? record.dueDate,
    },
    // Read back as typed text: a stored value the form would refuse shows next to its field on saving.
    details: detailsDraftOf(record.details),
    usePlan: plan !== undefined,
    plan: plan ? planDraftOf(plan) : EMPTY_PLAN_DRAFT,
    reminders: remindersDraftOf(record.reminders),
  };
}

/** Just the schedule, for the preview while typing; null until the plan and the fields it needs are valid. */
export function previewSchedule(draft: AgreementFormDraft): { schedule: Schedule } | { errors: PlanDraftError[] } | null {
  if (!planInUse(draft)) return null;
  const base = validateAgreementDraft(draft.base);
  if (!base.ok) return null;
  const plan = validatePlanDraft(draft.plan, base.value.amountFen, base.value.dueDate);
  return plan.ok ? { schedule: plan.schedule } : { errors: plan.errors };
}

export function validateAgreementForm(draft: AgreementFormDraft): AgreementFormValidation {
  const base = validateAgreementDraft(draft.base);
  const kind = base.ok ? base.value.kind : null;
  const dueDate = base.ok ? base.value.dueDate : null;
  const details = kind ? validateDetailsDraft(kind, draft.details, dueDate) : null;
  // The plan is checked whenever the amount and date it splits are valid, even if another field is
  // not, so every problem shows at once.
  const amount = parseYuan(draft.base.amount);
  const first = parseIsoDate(draft.base.dueDate);
  const plan = amount.ok && first.ok && planInUse(draft) ? validatePlanDraft(draft.plan, amount.value, first.value) : null;
  const reminders = validateAgreementRemindersDraft(draft.reminders);
  // Every period must fall within DAY_RANGE, as the first does: a plan that runs past its last day
  // starts in a year that is a typo (and no reminder could be planned for its last periods).
  const beyondRange = plan?.ok === true && plan.plan.dues.some((d) => !isDayInRange(d.date));

  if (!base.ok || beyondRange || (details && !details.ok) || (plan && !plan.ok) || !reminders.ok) {
    return {
      ok: false,
      errors: {
        base: { ...(base.ok ? {} : base.errors), ...(beyondRange ? { dueDate: 'out-of-range' as const } : {}) },
        details: details && !details.ok ? details.errors : {},
        plan: plan && !plan.ok ? plan.errors : [],
        reminders: reminders.ok ? null : reminders.error,
      },
    };
  }
  const hasDetails = details?.ok === true && Object.keys(details.value).length > 0 && DETAIL_FIELDS[base.value.kind].length > 0;
  return {
    ok: true,
    value: {
      ...base.value,
      ...(hasDetails ? { details: details.value } : {}),
      ...(plan?.ok ? { plan: plan.plan } : {}),
      reminders: reminders.value,
    },
    schedule: plan?.ok ? plan.schedule : null,
  };
}

/** A due date further ahead than this many years is asked about before saving (a year typed wrong). */
export const FAR_AHEAD_YEARS = 10;

/**
 * A due date that is valid but probably a slip, asked about before saving: one in the past means
 * the agreement is already overdue (true for many users, so asked, not refused); one more than
 * FAR_AHEAD_YEARS ahead is nearly always a mistyped year.
 */
export type DueDateQuestion = { kind: 'past'; dueDate: IsoDate; overdueDays: number } | { kind: 'far-ahead'; dueDate: IsoDate; years: number };

/**
 * Whether saving the form should ask about its due date first. `today` is the user's calendar day;
 * `storedDueDate` is the date the form opened with when editing: an agreement long overdue is not
 * asked about again at every edit, only when its date is changed. Null when the date is not valid
 * (the form reports that instead) or nothing needs asking.
 */
export function dueDateQuestion(dueDate: string, today: IsoDate, storedDueDate?: IsoDate): DueDateQuestion | null {
  const parsed = parseIsoDate(dueDate);
  if (!parsed.ok || parsed.value === storedDueDate) return null;
  const day = parsed.value;
  if (day < today) return { kind: 'past', dueDate: day, overdueDays: daysBetween(day, today) };
  if (day > addYearsClamped(today, FAR_AHEAD_YEARS)) return { kind: 'far-ahead', dueDate: day, years: Number(day.slice(0, 4)) - Number(today.slice(0, 4)) };
  return null;
}
