import type { AgreementKind } from '../domain/agreement';
import type { IsoDate } from '../domain/dates';
import type { MilestoneCode } from '../domain/milestone-codes';
import { classifyDue } from '../domain/urgency';
import { formatDayAndMonth, formatShortDate } from './day-format';
import { formatDayCount, inSentence, t, uiLanguage, type MessageKey } from './index';

export { inSentence };

export const KIND_KEYS: Record<AgreementKind, MessageKey> = {
  extension: 'kind_extension',
  deferral: 'kind_deferral',
  installment: 'kind_installment',
  waiver: 'kind_waiver',
  settlement: 'kind_settlement',
  resume: 'kind_resume',
  'second-negotiation': 'kind_second_negotiation',
  restructuring: 'kind_restructuring',
  hardship: 'kind_hardship',
};

const STEP_KEYS: Record<MilestoneCode, MessageKey> = {
  'decide-and-plan': 'step_decide_and_plan',
  'contact-lender-if-short': 'step_contact_lender_if_short',
  'deposit-and-check-debit': 'step_deposit_and_check_debit',
  'transfer-by': 'step_transfer_by',
  'due-soon': 'step_due_soon',
  'gather-documents': 'step_gather_documents',
  'apply-second-negotiation-by': 'step_apply_second_negotiation_by',
  pay: 'step_pay',
  'apply-deadline': 'step_apply_deadline',
  'follow-up': 'step_follow_up',
  'credit-report-risk': 'step_credit_report_risk',
  'check-credit-report': 'step_check_credit_report',
  'adverse-record-expires': 'step_adverse_record_expires',
};

/**
 * "下一步：跨行转账截止（11月27日 周五）". The year is left out when it is this year's (`today`'s);
 * a step years ahead (an adverse record's expiry) keeps it.
 */
export function nextStepText(code: MilestoneCode, day: IsoDate, today?: IsoDate): string {
  return t('nextStep', [inSentence(t(STEP_KEYS[code])), today === undefined ? dayAndMonth(day) : dayNear(day, today)]);
}

/** A step's short name ("跨行转账截止"). */
export function stepLabel(code: MilestoneCode): string {
  return t(STEP_KEYS[code]);
}

/** A day as the timelines write it: without the year when it is `today`'s year, with it otherwise. */
export function dayNear(day: IsoDate, today: IsoDate): string {
  return day.slice(0, 4) === today.slice(0, 4) ? dayAndMonth(day) : shortDate(day);
}

export function kindLabel(kind: AgreementKind): string {
  return t(KIND_KEYS[kind]);
}

/** "Due in 3 days" / "Overdue by 2 days" / "Due today", in the UI language. */
export function countdownText(dueDate: IsoDate, today: IsoDate): string {
  const { urgency, days } = classifyDue(dueDate, today);
  if (urgency === 'today') return t('dueToday');
  if (urgency === 'overdue') return t('overdueBy', formatDayCount(days));
  return t('dueIn', formatDayCount(days));
}

/** "11月27日 周五" / "Fri 27 Nov": a date in the next weeks, where the year is noise. */
export function dayAndMonth(day: IsoDate): string {
  return formatDayAndMonth(day, uiLanguage());
}

/** "2026年12月31日 周四" / "Thu, 31 Dec 2026": the way a due date is shown in lists. */
export function shortDate(day: IsoDate): string {
  return formatShortDate(day, uiLanguage());
}
