import { useId, useState } from 'react';
import type { AgreementRecord } from '../../lib/db/schema';
import { ESCALATION_MARKS, toggleEscalation, type EscalationMark, type OverdueCoaching } from '../../lib/domain/overdue-coaching';
import { coachingStepText, escalationMarkLabel } from '../../lib/i18n/coaching-detail-labels';
import { coachingHeadline } from '../../lib/i18n/coaching-labels';
import { dayNear } from '../../lib/i18n/labels';
import { t } from '../../lib/i18n';

const now = () => Date.now();

/**
 * The overdue advice in full, at the top of an overdue agreement's timeline: the things to do
 * today, in order, and what the user can record of the lender's escalation (collection pressure, a
 * lawyer's letter, a mediation notice), which changes the advice. Saved at once, on the agreement.
 */
export function OverdueAdviceDetails({
  coaching,
  agreement,
  today,
  onOpenScript,
  onChanged,
}: {
  coaching: OverdueCoaching;
  agreement: AgreementRecord;
  today: string;
  onOpenScript: (script: NonNullable<OverdueCoaching['script']>) => void;
  onChanged: (agreement: AgreementRecord) => void;
}) {
  const id = useId();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const script = coaching.script;

  const mark = async (which: EscalationMark, on: boolean) => {
    setFailure(null);
    setBusy(true);
    try {
      // The write path loads only when the user records something.
      const { setAgreementEscalation } = await import('../../lib/db/agreement-escalation');
      const written = await setAgreementEscalation(agreement.id, toggleEscalation(agreement.escalation, which, on, today), now());
      if (written) onChanged(written);
    } catch (error) {
      setFailure(t('coachMarkFailed', error instanceof Error ? error.message : String(error)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={`overdue-details stage-${coaching.stage}`} aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t('coachHeading')}</h4>
      <p className="overdue-advice-text">{coachingHeadline(coaching, agreement.lender, today)}</p>
      <ol className="overdue-steps">
        {coaching.steps.map((step) => (
          <li key={step}>{coachingStepText(step, coaching, today)}</li>
        ))}
      </ol>
      {coaching.stage === 'collection' && <p className="hint">{t('coachComplaintHint')}</p>}
      {script && (
        <button type="button" className="button secondary small" aria-label={t('coachOpenScriptOf', agreement.lender)} onClick={() => onOpenScript(script)}>
          {t('coachOpenScript')}
        </button>
      )}
      <fieldset className="overdue-marks" disabled={busy}>
        <legend>{t('coachMarksLegend')}</legend>
        {ESCALATION_MARKS.map((which) => {
          const day = agreement.escalation?.[which];
          return (
            <label key={which}>
              <input type="checkbox" checked={day !== undefined} onChange={(e) => void mark(which, e.target.checked)} />
              {escalationMarkLabel(which)}
              {day !== undefined && <span className="marked-on">{t('coachMarkedOn', dayNear(day, today))}</span>}
            </label>
          );
        })}
      </fieldset>
      {failure && (
        <p className="banner error" role="alert">
          {failure}
        </p>
      )}
      <p className="hint">{t('notLegalAdvice')}</p>
    </section>
  );
}
