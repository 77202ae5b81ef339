import type { IsoDate } from '../domain/dates';
import type { MilestoneCode } from '../domain/milestone-codes';
import { formatFen } from '../domain/money';
import { classifyDue } from '../domain/urgency';
import type { DueReminder } from '../db/reminders';
import type { ReminderRecord } from '../db/schema';
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
  // An installment plan's period has its own amount; anything else, the agreement's.
  const amountFen = agreement.plan?.dues.find((d) => d.date === reminder.dueDate)?.amountFen ?? agreement.amountFen;
  const amount = formatFen(amountFen, language);
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
  if (urgency === 'overdue') {
    return {
      title: translate('notifOverdueTitle', [agreement.lender, formatDayCount(days, language)]),
      message: translate('notifOverdueBody', [amount]),
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

/** Several reminders at once (typically after the browser was closed) become one notification. */
export function describeSummary(count: number, translate: Translate): NotificationText {
  return { title: translate('notifSummaryTitle', [String(count)]), message: translate('notifSummaryBody') };
}

/** Several reminders missed while nothing was running, shown together at the next start. */
export function describeClosedSummary(count: number, translate: Translate): NotificationText {
  return { title: translate('notifClosedSummaryTitle', [String(count)]), message: translate('notifSummaryBody') };
}
