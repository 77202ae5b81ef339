import type { IsoDate } from '../domain/dates';
import type { MilestoneCode } from '../domain/milestone-codes';
import { stepState, type CoachingStage, type CoachingStep, type EscalationMark, type OverdueCoaching } from '../domain/overdue-coaching';
import { t, type MessageKey } from './index';
import { dayNear, inSentence, nextStepText, stepLabel } from './labels';

/** The words of the overdue advice (lib/domain/overdue-coaching.ts) and of a row's step. */

const HEADLINE_KEYS: Record<CoachingStage, MessageKey> = {
  'pay-now': 'coachHeadline_pay_now',
  'contact-lender': 'coachHeadline_contact_lender',
  collection: 'coachHeadline_collection',
  legal: 'coachHeadline_legal',
};

const STEP_KEYS: Record<CoachingStep, MessageKey> = {
  'pay-in-full-today': 'coach_pay_in_full_today',
  'keep-receipt': 'coach_keep_receipt',
  'call-if-short': 'coach_call_if_short',
  'contact-today': 'coach_contact_today',
  'propose-plan': 'coach_propose_plan',
  'get-in-writing': 'coach_get_in_writing',
  'keep-evidence': 'coach_keep_evidence',
  'complain-regulator': 'coach_complain_regulator',
  'keep-talking': 'coach_keep_talking',
  attend: 'coach_attend',
  'bring-papers': 'coach_bring_papers',
  'ask-installments': 'coach_ask_installments',
};

const MARK_KEYS: Record<EscalationMark, MessageKey> = {
  collection: 'coachMark_collection',
  lawyerLetter: 'coachMark_lawyerLetter',
  mediation: 'coachMark_mediation',
};

/** "今天：联系借呗，提出你能做到的还款方案。" */
export function coachingHeadline(coaching: OverdueCoaching, lender: string, today: IsoDate): string {
  return t(HEADLINE_KEYS[coaching.stage], coaching.stage === 'pay-now' ? dayNear(coaching.reportableFrom, today) : lender);
}

export function coachingStepText(step: CoachingStep, coaching: OverdueCoaching, today: IsoDate): string {
  return t(STEP_KEYS[step], step === 'pay-in-full-today' ? dayNear(coaching.reportableFrom, today) : undefined);
}

export function escalationMarkLabel(mark: EscalationMark): string {
  return t(MARK_KEYS[mark]);
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
