import type { IsoDate } from '../domain/dates';
import type { MilestoneCode } from '../domain/milestone-codes';
import { stepState, type CoachingStage, type OverdueCoaching } from '../domain/overdue-coaching';
import { t, type MessageKey } from './index';
import { dayNear, inSentence, nextStepText, stepLabel } from './labels';

/**
 * The words of the overdue advice (lib/domain/overdue-coaching.ts) and of a row's step: what a row
 * shows. Its steps and escalation marks in full are in ./coaching-detail-labels.ts.
 */

const HEADLINE_KEYS: Record<CoachingStage, MessageKey> = {
  'pay-now': 'coachHeadline_pay_now',
  'contact-lender': 'coachHeadline_contact_lender',
  collection: 'coachHeadline_collection',
  legal: 'coachHeadline_legal',
};

/** "今天：联系借呗，提出你能做到的还款方案。" */
export function coachingHeadline(coaching: OverdueCoaching, lender: string, today: IsoDate): string {
  return t(HEADLINE_KEYS[coaching.stage], coaching.stage === 'pay-now' ? dayNear(coaching.reportableFrom, today) : lender);
}

/**
 * A row's step as it stands today: "已错过：跨行转账截止（12月4日）" once its day has passed (shown in
 * the overdue colour), "现在：存入还款资金（截至12月3日）" while its window is open, else the next step.
 */
export function rowStepText(step: { code: MilestoneCode; fireDate: IsoDate; untilDate?: IsoDate | undefined }, today: IsoDate): { text: string; missed: boolean } {
  const { state, day } = stepState(step, today);
  // "Today: pay", not "Today: Pay": the label runs on after the colon.
  const label = inSentence(stepLabel(step.code));
  if (state === 'missed') return { text: t('stepMissed', [label, dayNear(day, today)]), missed: true };
  if (state === 'today') return { text: day === today ? t('stepToday', label) : t('stepOpenUntil', [label, dayNear(day, today)]), missed: false };
  return { text: nextStepText(step.code, step.fireDate, today), missed: false };
}
