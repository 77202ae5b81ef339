import type { MilestoneCode } from '../domain/milestone-codes';
import { formatFen } from '../domain/money';
import { t, uiLanguage, type MessageKey, type UiLanguage } from '../i18n';
import { formatShortDate } from '../i18n/day-format';
import type { EventWords } from './events';

/** Message keys follow the milestone codes, as the timeline's do: step_transfer_by, why_transfer_by… */
const stepKey = (code: MilestoneCode) => `step_${code.replaceAll('-', '_')}` as MessageKey;
const whyKey = (code: MilestoneCode) => `why_${code.replaceAll('-', '_')}` as MessageKey;

/** The events' words in the browser's language. */
export function eventWords(language: UiLanguage = uiLanguage()): EventWords {
  return {
    step: (code) => t(stepKey(code)),
    why: (code) => t(whyKey(code)),
    title: (lender, step, amount) => (amount === undefined ? t('icsEventTitle', [lender, step]) : t('calendarEventTitleAmount', [lender, step, amount])),
    money: (fen) => formatFen(fen, language),
    until: (day) => t('calendarWindowUntil', formatShortDate(day, language)),
    provisional: t('provisionalDate'),
    followUp: (text) => t('calendarFollowUpPromise', text),
  };
}
