import { formatFen } from '../domain/money';
import type { DueReminder } from '../db/reminders';
import type { MessageKey, UiLanguage } from '../i18n';
import { formatDayCount } from '../i18n';
import { classifyDue } from '../domain/urgency';
import type { IsoDate } from '../domain/dates';

export type Translate = (key: MessageKey, substitutions?: string | string[]) => string;

export interface NotificationText {
  title: string;
  message: string;
}

/** The words of one reminder, seen from `today` (it may be shown late, after a restart). */
export function describeReminder(
  { reminder, agreement }: DueReminder,
  today: IsoDate,
  translate: Translate,
  language: UiLanguage,
): NotificationText {
  const amount = formatFen(agreement.amountFen, language);
  const { urgency, days } = classifyDue(reminder.dueDate, today);
  switch (urgency) {
    case 'overdue':
      return {
        title: translate('notifOverdueTitle', [agreement.lender, formatDayCount(days, language)]),
        message: translate('notifOverdueBody', [amount]),
      };
    case 'today':
      return {
        title: translate('notifDueTitle', [agreement.lender]),
        message: translate('notifDueBody', [amount]),
      };
    default:
      return {
        title: translate('notifLeadTitle', [agreement.lender, formatDayCount(days, language)]),
        message: translate('notifLeadBody', [amount, reminder.dueDate]),
      };
  }
}

/** Several reminders at once (typically after the browser was closed) become one notification. */
export function describeSummary(count: number, translate: Translate): NotificationText {
  return { title: translate('notifSummaryTitle', [String(count)]), message: translate('notifSummaryBody') };
}
