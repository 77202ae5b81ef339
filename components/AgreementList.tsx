import { useState } from 'react';
import type { AgreementRecord, ReminderRecord } from '../lib/db/schema';
import { formatFen } from '../lib/domain/money';
import { classifyDue } from '../lib/domain/urgency';
import { t, uiLanguage } from '../lib/i18n';
import { countdownText, kindLabel, nextStepText, shortDate } from '../lib/i18n/labels';

interface Props {
  agreements: AgreementRecord[];
  today: string;
  highlightId: string | null;
  nextSteps: ReadonlyMap<string, ReminderRecord>;
  onNegotiate: (agreement: AgreementRecord) => void;
  onDelete: (agreement: AgreementRecord) => void;
}

export function AgreementList({ agreements, today, highlightId, nextSteps, onNegotiate, onDelete }: Props) {
  return (
    <ul className="agreement-list" aria-label={t('listHeading')}>
      {agreements.map((agreement) => (
        <AgreementRow
          key={agreement.id}
          agreement={agreement}
          today={today}
          highlighted={agreement.id === highlightId}
          nextStep={nextSteps.get(agreement.id)}
          onNegotiate={onNegotiate}
          onDelete={onDelete}
        />
      ))}
    </ul>
  );
}

interface RowProps {
  agreement: AgreementRecord;
  today: string;
  highlighted: boolean;
  nextStep: ReminderRecord | undefined;
  onNegotiate: (agreement: AgreementRecord) => void;
  onDelete: (agreement: AgreementRecord) => void;
}

function AgreementRow({ agreement, today, highlighted, nextStep, onNegotiate, onDelete }: RowProps) {
  const [confirming, setConfirming] = useState(false);
  const { urgency } = classifyDue(agreement.dueDate, today);
  return (
    <li
      className={`agreement urgency-${urgency}${highlighted ? ' highlighted' : ''}`}
      aria-label={agreement.lender}
      ref={highlighted ? (el) => el?.scrollIntoView({ block: 'center' }) : undefined}
    >
      <div className="agreement-main">
        <div className="agreement-title">
          <span className="lender">{agreement.lender}</span>
          <span className="kind">{kindLabel(agreement.kind)}</span>
        </div>
        <div className="agreement-amount">{formatFen(agreement.amountFen, uiLanguage())}</div>
      </div>
      <div className="agreement-due">
        <span className="countdown">{countdownText(agreement.dueDate, today)}</span>
        <span className="due-date">{t('dueOn', shortDate(agreement.dueDate))}</span>
        {nextStep && (
          <span className="next-step">
            {nextStepText(nextStep.code, nextStep.fireDate)}
            {nextStep.provisional && <span className="provisional" title={t('provisionalDate')}> *</span>}
          </span>
        )}
      </div>
      {confirming ? (
        <div className="agreement-actions confirm" role="group" aria-label={t('deleteConfirm', agreement.lender)}>
          <span>{t('deleteConfirm', agreement.lender)}</span>
          <button type="button" className="button danger" onClick={() => onDelete(agreement)}>
            {t('deleteYes')}
          </button>
          <button type="button" className="button secondary" onClick={() => setConfirming(false)} autoFocus>
            {t('deleteNo')}
          </button>
        </div>
      ) : (
        <div className="agreement-actions">
          <button type="button" className="button secondary small" onClick={() => onNegotiate(agreement)}>
            {t('openPanel')}
          </button>
          <button type="button" className="button link" onClick={() => setConfirming(true)}>
            {t('delete')}
          </button>
        </div>
      )}
    </li>
  );
}
