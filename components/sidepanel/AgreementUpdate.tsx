import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { AgreementRecord } from '../../lib/db/schema';
import type { SessionNoteRecord, SessionRecord } from '../../lib/db/sessions';
import type { IsoDate } from '../../lib/domain/dates';
import { formatFen } from '../../lib/domain/money';
import { t, uiLanguage } from '../../lib/i18n';
import { fieldErrorMessage, planErrorText } from '../../lib/i18n/form-labels';
import { kindLabel, shortDate } from '../../lib/i18n/labels';
import { updateFromSession, type AgreementChange, type PlanSummary } from '../../lib/negotiation/agreement-update';
import './AgreementUpdate.css';

/**
 * "Update the agreement from this chat": what the notes would change in the linked agreement,
 * each field before → after, applied through the write path only when the user says so. Cancel
 * writes nothing; notes that would make an invalid agreement say why and offer no Apply.
 * Loaded lazily.
 */
export default function AgreementUpdate({
  session,
  notes,
  agreement,
  today,
  onApplied,
  onCancel,
}: {
  session: SessionRecord;
  notes: readonly SessionNoteRecord[];
  agreement: AgreementRecord;
  today: IsoDate;
  onApplied: (record: AgreementRecord) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const update = useMemo(() => updateFromSession(agreement, session, notes, today), [agreement, session, notes, today]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const apply = async () => {
    if (update.kind !== 'changes') return;
    setBusy(true);
    setFailure(null);
    try {
      // The write path (and the reminder planner) load only when the user applies.
      const { saveAgreement } = await import('../../lib/db/save-agreement');
      onApplied(await saveAgreement(update.fields, { id: agreement.id, now: Date.now() }));
    } catch (error) {
      setFailure(t('updateFailed', error instanceof Error ? error.message : String(error)));
      setBusy(false);
    }
  };

  return (
    <section className="agreement-update" aria-labelledby={`${id}-h`} onKeyDown={(e) => e.key === 'Escape' && !busy && onCancel()}>
      <h3 id={`${id}-h`} ref={heading} tabIndex={-1}>
        {t('updateHeading', agreement.lender)}
      </h3>
      {update.kind === 'changes' && (
        <>
          <p className="hint">{t('updateIntro')}</p>
          <ul className="update-changes" aria-label={t('updateListLabel')}>
            {update.changes.map((change) => (
              <li key={change.field}>
                <span className="update-field">{fieldName(change)}</span>
                <span className="update-values">
                  <del>{valueText(change, 'before')}</del>
                  <span aria-hidden="true"> → </span>
                  <ins>{valueText(change, 'after')}</ins>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {update.kind === 'nothing' && <p role="status">{t('updateNothing')}</p>}
      {update.kind === 'invalid' && (
        <div className="banner error" role="alert">
          <p>{t('updateInvalid')}</p>
          <ul>
            {(Object.entries(update.errors) as [keyof typeof update.errors, string][]).map(([field, code]) => (
              <li key={field}>{`${fieldLabel(field)}${t('updateReasonSeparator')}${fieldErrorMessage(field, code as never)}`}</li>
            ))}
            {update.planErrors.map((error) => (
              <li key={`${error.field}-${error.code}`}>{`${t('updateFieldPlan')}${t('updateReasonSeparator')}${planErrorText(error)}`}</li>
            ))}
          </ul>
        </div>
      )}
      {failure && (
        <p className="banner error" role="alert">
          {failure}
        </p>
      )}
      <div className="update-actions">
        {update.kind === 'changes' && (
          <button type="button" className="button primary" disabled={busy} onClick={() => void apply()}>
            {t('updateApply')}
          </button>
        )}
        <button type="button" className="button secondary" disabled={busy} onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </section>
  );
}

function fieldName(change: AgreementChange): string {
  switch (change.field) {
    case 'kind':
      return t('fieldKind');
    case 'amount':
      return t('updateFieldAmount');
    case 'dueDate':
      return t('fieldDueDate');
    case 'plan':
      return t('updateFieldPlan');
  }
}

function fieldLabel(field: 'lender' | 'kind' | 'amount' | 'dueDate'): string {
  if (field === 'lender') return t('fieldLender');
  return fieldName({ field, before: 0, after: 0 } as AgreementChange);
}

const money = (fen: number) => formatFen(fen, uiLanguage());
const planText = (plan: PlanSummary | null) =>
  plan === null ? t('updatePlanNone') : t('updatePlanValue', [String(plan.periods), shortDate(plan.firstDate), money(plan.totalFen)]);

function valueText(change: AgreementChange, side: 'before' | 'after'): string {
  switch (change.field) {
    case 'kind':
      return kindLabel(change[side]);
    case 'amount':
      return money(change[side]);
    case 'dueDate':
      return shortDate(change[side]);
    case 'plan':
      return planText(change[side]);
  }
}
