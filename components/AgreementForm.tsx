import { useId, useState, type SyntheticEvent } from 'react';
import {
  AGREEMENT_KINDS,
  PRESET_LENDERS,
  validateAgreementDraft,
  type AgreementDraft,
  type AgreementDraftErrors,
  type FollowUp,
} from '../lib/domain/agreement';
import type { AgreementRecord } from '../lib/db/schema';
import { saveAgreement } from '../lib/db/save-agreement';
import { fenToYuanInput } from '../lib/domain/money';
import { t } from '../lib/i18n';
import { fieldErrorMessage, kindLabel } from '../lib/i18n/labels';
import { Field } from './AgreementField';

interface Props {
  /** The agreement to edit; absent to add a new one. */
  initial?: AgreementRecord | undefined;
  /** A new agreement's fields filled in beforehand (from a chat session); the user confirms them. */
  prefill?: AgreementDraft | undefined;
  /** Promised follow-ups saved with a new agreement, each planned as a reminder. */
  followUps?: FollowUp[] | undefined;
  onSaved: (record: AgreementRecord) => void;
  onCancel: () => void;
}

const EMPTY: AgreementDraft = { lender: '', kind: 'extension', amount: '', dueDate: '' };

function draftOf(record: AgreementRecord | undefined): AgreementDraft {
  if (!record) return EMPTY;
  return { lender: record.lender, kind: record.kind, amount: fenToYuanInput(record.amountFen), dueDate: record.dueDate };
}

export function AgreementForm({ initial, prefill, followUps, onSaved, onCancel }: Props) {
  const [draft, setDraft] = useState<AgreementDraft>(() => (initial ? draftOf(initial) : (prefill ?? EMPTY)));
  const [errors, setErrors] = useState<AgreementDraftErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const update = (field: keyof AgreementDraft) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const checked = validateAgreementDraft(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      setFailure(t('formHasErrors'));
      return;
    }
    setBusy(true);
    try {
      const record = await saveAgreement(followUps && !initial ? { ...checked.value, followUps } : checked.value, { now: Date.now(), ...(initial ? { id: initial.id } : {}) });
      onSaved(record);
    } catch (error) {
      setFailure(t('errGeneric', error instanceof Error ? error.message : String(error)));
    } finally {
      setBusy(false);
    }
  };

  const error = (field: keyof AgreementDraftErrors) => {
    const code = errors[field];
    return code ? fieldErrorMessage(field, code as never) : undefined;
  };

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{initial ? t('editAgreement') : t('addAgreement')}</h2>
      {failure && (
        <p className="form-failure" role="alert">
          {failure}
        </p>
      )}
      <Field id={`${id}-lender`} label={t('fieldLender')} hint={t('fieldLenderHint')} error={error('lender')}>
        {(props) => (
          <>
            <input
              {...props}
              type="text"
              list={`${id}-lenders`}
              autoComplete="off"
              autoFocus
              value={draft.lender}
              onChange={(e) => update('lender')(e.target.value)}
            />
            <datalist id={`${id}-lenders`}>
              {PRESET_LENDERS.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field id={`${id}-kind`} label={t('fieldKind')} error={error('kind')}>
        {(props) => (
          <select {...props} value={draft.kind} onChange={(e) => update('kind')(e.target.value)}>
            {AGREEMENT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kindLabel(kind)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${id}-amount`} label={t('fieldAmount')} hint={t('fieldAmountHint')} error={error('amount')}>
        {(props) => (
          <input
            {...props}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={draft.amount}
            onChange={(e) => update('amount')(e.target.value)}
          />
        )}
      </Field>
      <Field id={`${id}-due`} label={t('fieldDueDate')} error={error('dueDate')}>
        {(props) => (
          <input {...props} type="date" value={draft.dueDate} onChange={(e) => update('dueDate')(e.target.value)} />
        )}
      </Field>
      <div className="form-actions">
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="submit" className="button primary" disabled={busy}>
          {t('save')}
        </button>
      </div>
    </form>
  );
}
