import type { OverdueCoaching } from '../../lib/domain/overdue-coaching';
import { coachingHeadline } from '../../lib/i18n/coaching-labels';
import { t } from '../../lib/i18n';

/**
 * An overdue row's status: what to do today, in the overdue colour, and the button that opens the
 * side panel on the script for it (where the stage has one). Opening the panel needs the click
 * itself: `onOpenScript` must open it before anything is awaited.
 */
export function OverdueAdvice({
  coaching,
  lender,
  today,
  onOpenScript,
}: {
  coaching: OverdueCoaching;
  lender: string;
  today: string;
  onOpenScript: (script: NonNullable<OverdueCoaching['script']>) => void;
}) {
  const script = coaching.script;
  return (
    <span className={`overdue-advice stage-${coaching.stage}`}>
      <span className="overdue-advice-text">{coachingHeadline(coaching, lender, today)}</span>
      {script && (
        <button type="button" className="button link small" aria-label={t('coachOpenScriptOf', lender)} onClick={() => onOpenScript(script)}>
          {t('coachOpenScript')}
        </button>
      )}
    </span>
  );
}
