import type { IsoDate } from '../domain/dates';
import type { CoachingStep, EscalationMark, OverdueCoaching } from '../domain/overdue-coaching';
import { t, type MessageKey } from './index';
import { dayNear } from './labels';

/**
 * The words of the overdue advice in full (components/shared/OverdueAdviceDetails.tsx): each thing
 * to do today and the escalation marks. Apart from the headline (./coaching-labels.ts), so the
 * popup's first screen does not carry them: they show once a timeline is opened.
 */

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

export function coachingStepText(step: CoachingStep, coaching: OverdueCoaching, today: IsoDate): string {
  return t(STEP_KEYS[step], step === 'pay-in-full-today' ? dayNear(coaching.reportableFrom, today) : undefined);
}

export function escalationMarkLabel(mark: EscalationMark): string {
  return t(MARK_KEYS[mark]);
}
