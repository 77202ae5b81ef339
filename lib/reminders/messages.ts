import type { IsoDate } from '../domain/dates';
import type { MilestoneCode } from '../domain/milestone-codes';
import { formatFen } from '../domain/money';
import { overdueCoaching, type CoachingStage } from '../domain/overdue-coaching';
import { classifyDue } from '../domain/urgency';
import type { DueReminder } from '../db/reminders';
import type { AgreementRecord, ReminderRecord } from '../db/schema';
import { formatDayCount, type MessageKey, type UiLanguage } from '../i18n';

export type Translate = (key: MessageKey, substitutions?: string | string[]) => string;

export interface NotificationText {
  title: string;
  message: string;
}

type NonPayCode = Exclude<MilestoneCode, 'pay' | 'due-soon'>;

const REMINDER_KEYS: Record<NonPayCode, readonly [title: MessageKey, body: MessageKey]> = {
  'decide-and-plan': ['remind_decide_and_plan_title', 'remind_decide_and_plan_body'],
  'contact-lender-if-short': ['remind_contact_lender_if_short_title', 'remind_contact_lender_if_short_body'],
  'deposit-and-check-debit': ['remind_deposit_and_check_debit_title', 'remind_deposit_and_check_debit_body'],
  'transfer-by': ['remind_transfer_by_title', 'remind_transfer_by_body'],
  'gather-documents': ['remind_gather_documents_title', 'remind_gather_documents_body'],
  'apply-second-negotiation-by': ['remind_apply_second_negotiation_by_title', 'remind_apply_second_negotiation_by_body'],
  'apply-deadline': ['remind_apply_deadline_title', 'remind_apply_deadline_body'],
  'follow-up': ['remind_follow_up_title', 'remind_follow_up_body'],
  'credit-report-risk': ['remind_credit_report_risk_title', 'remind_credit_report_risk_body'],
  'check-credit-report': ['remind_check_credit_report_title', 'remind_check_credit_report_body'],
  'adverse-record-expires': ['remind_adverse_record_expires_title', 'remind_adverse_record_expires_body'],
};

/** Overdue, the body says what to do today: the stage's advice (lib/domain/overdue-coaching.ts). */
const COACH_BODY_KEYS: Record<CoachingStage, MessageKey> = {
  'pay-now': 'notifCoach_pay_now',
  'contact-lender': 'notifCoach_contact_lender',
  collection: 'notifCoach_collection',
  legal: 'notifCoach_legal',
};

/** The amount a reminder is about: an installment period's own, or the agreement's. */
function amountOf(agreement: AgreementRecord, dueDate: IsoDate): number {
  return agreement.plan?.dues.find((d) => d.date === dueDate)?.amountFen ?? agreement.amountFen;
}

/**
 * The words of one reminder. `today` is when it is shown, which may be later than planned (the
 * browser was closed): a due-day reminder shown late says how late, not "due today".
 */
export function describeReminder(
  { reminder, agreement }: DueReminder,
  today: IsoDate,
  translate: Translate,
  language: UiLanguage,
): NotificationText {
  if (agreement === null) return describeLockedReminder(reminder, today, translate, language);
  const amount = formatFen(amountOf(agreement, reminder.dueDate), language);
  // Only payments and a second negotiation's application deadline get these (see planDueSoon).
  const applies = agreement.kind === 'second-negotiation';
  let code = reminder.code;
  if (code === 'due-soon') {
    if (reminder.dueDate > today) {
      const { days } = classifyDue(reminder.dueDate, today);
      return {
        title: translate('remind_due_soon_title', [agreement.lender, formatDayCount(days, language)]),
        message: translate(applies ? 'remind_due_soon_apply_body' : 'remind_due_soon_body', [agreement.lender, amount, reminder.dueDate]),
      };
    }
    // Shown on the day or later (the browser was closed): it speaks as the day's own reminder does.
    code = applies ? 'apply-deadline' : 'pay';
  }
  if (code !== 'pay') {
    const [title, body] = REMINDER_KEYS[code];
    return {
      title: translate(title, [agreement.lender]),
      message: translate(body, [agreement.lender, amount, reminder.dueDate, reminder.untilDate ?? reminder.fireDate]),
    };
  }
  const { urgency, days } = classifyDue(reminder.dueDate, today);
  const coaching = overdueCoaching({ dueDate: reminder.dueDate, isPayment: true, paid: false, escalation: agreement.escalation }, today);
  if (urgency === 'overdue' && coaching) {
    return {
      title: translate('notifOverdueTitle', [agreement.lender, formatDayCount(days, language)]),
      message: translate(COACH_BODY_KEYS[coaching.stage], [amount, coaching.reportableFrom]),
    };
  }
  return { title: translate('notifDueTitle', [agreement.lender]), message: translate('notifDueBody', [amount]) };
}

/** Payment steps: while locked they are all "a repayment is coming up". */
const PAYMENT_CODES: ReadonlySet<MilestoneCode> = new Set(['pay', 'due-soon', 'transfer-by', 'deposit-and-check-debit', 'contact-lender-if-short', 'decide-and-plan']);

/**
 * A reminder shown while the records are locked: from the reminder alone (its date and kind of
 * step), never a lender's name or an amount, and it says to unlock for the rest.
 */
export function describeLockedReminder(reminder: ReminderRecord, today: IsoDate, translate: Translate, language: UiLanguage): NotificationText {
  if (!PAYMENT_CODES.has(reminder.code)) {
    return { title: translate('notifLockedStepTitle'), message: translate('notifLockedStepBody', [reminder.untilDate ?? reminder.dueDate]) };
  }
  const { urgency, days } = classifyDue(reminder.dueDate, today);
  if (urgency === 'overdue') {
    return { title: translate('notifLockedOverdueTitle', [formatDayCount(days, language)]), message: translate('notifLockedOverdueBody', [reminder.dueDate]) };
  }
  return { title: translate('notifLockedPayTitle'), message: translate('notifLockedPayBody', [reminder.dueDate]) };
}

/** A summary names this many agreements, then says how many more. */
export const SUMMARY_NAMED = 3;

/**
 * Several reminders at once (typically after the browser was closed) become one notification,
 * which names each agreement once with its amount and where it stands, the most urgent first (the
 * longest overdue, then the soonest due). While locked (any agreement unreadable) it names none.
 */
export function describeSummary(due: readonly DueReminder[], today: IsoDate, translate: Translate, language: UiLanguage): NotificationText {
  return { title: translate('notifSummaryTitle', [String(due.length)]), message: summaryBody(due, today, translate, language) };
}

/** Several reminders missed while nothing was running, shown together at the next start. */
export function describeClosedSummary(due: readonly DueReminder[], today: IsoDate, translate: Translate, language: UiLanguage): NotificationText {
  return { title: translate('notifClosedSummaryTitle', [String(due.length)]), message: summaryBody(due, today, translate, language) };
}

/** A payment's own reminders speak of its due date; any other step is named (a credit-report check, a follow-up). */
const isAboutPayment = (reminder: ReminderRecord) => PAYMENT_CODES.has(reminder.code) || reminder.code === 'credit-report-risk';

function summaryBody(due: readonly DueReminder[], today: IsoDate, translate: Translate, language: UiLanguage): string {
  if (due.length === 0 || due.some((item) => item.agreement === null)) return translate('notifSummaryBody');
  // One line per agreement, about its most urgent reminder: the earliest due date it is about.
  const byAgreement = new Map<string, { reminder: ReminderRecord; agreement: AgreementRecord }>();
  for (const { reminder, agreement } of due) {
    if (agreement === null) continue;
    const before = byAgreement.get(agreement.id);
    if (!before || urgencyRank(reminder) < urgencyRank(before.reminder)) byAgreement.set(agreement.id, { reminder, agreement });
  }
  const lines = [...byAgreement.values()]
    .sort((a, b) => urgencyRank(a.reminder).localeCompare(urgencyRank(b.reminder)) || a.agreement.lender.localeCompare(b.agreement.lender))
    .map(({ reminder, agreement }) => {
      const amount = formatFen(amountOf(agreement, reminder.dueDate), language);
      return translate('summaryLine', [agreement.lender, amount, summaryState(reminder, today, translate, language)]);
    });
  const more = lines.length - SUMMARY_NAMED;
  return [...lines.slice(0, SUMMARY_NAMED), ...(more > 0 ? [translate('summaryMore', String(more))] : [])].join('\n');
}

/** Payments by due date (the longest overdue first), then the other steps by date. */
function urgencyRank(reminder: ReminderRecord): string {
  return `${isAboutPayment(reminder) ? 0 : 1}${reminder.dueDate}`;
}

function summaryState(reminder: ReminderRecord, today: IsoDate, translate: Translate, language: UiLanguage): string {
  if (!isAboutPayment(reminder)) return translate(`step_${reminder.code.replaceAll('-', '_')}` as MessageKey);
  const { urgency, days } = classifyDue(reminder.dueDate, today);
  if (urgency === 'overdue') return translate('lateDays', formatDayCount(days, language));
  if (urgency === 'today') return translate('summaryDueToday');
  return translate('summaryDueIn', formatDayCount(days, language));
}
