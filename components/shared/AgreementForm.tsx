import { useId, useMemo, useState, type SyntheticEvent } from 'react';
import {
  AGREEMENT_KINDS,
  PRESET_LENDERS,
  type AgreementDraft,
  type AgreementDraftErrors,
  type AgreementKind,
  type FollowUp,
} from '../../lib/domain/agreement';
import {
  EMPTY_FORM_DRAFT,
  formDraftOf,
  planInUse,
  PLAN_USE,
  previewSchedule,
  validateAgreementForm,
  type AgreementFormDraft,
  type AgreementFormErrors,
} from '../../lib/domain/agreement-form';
import type { PlanDraft } from '../../lib/domain/agreement-plan';
import type { AgreementRecord } from '../../lib/db/schema';
import { saveAgreement } from '../../lib/db/save-agreement';
import { t } from '../../lib/i18n';
import { fieldErrorMessage, kindLabel } from '../../lib/i18n/labels';
import { amountHint, dueHint } from '../../lib/i18n/form-labels';
import { Field } from './AgreementField';
import { AgreementReminderFields } from './AgreementReminderFields';
import { DetailsFields } from './DetailsFields';
import { PlanFields } from './PlanFields';

interface Props {
  /** The agreement to edit; absent to add a new one. */
  initial?: AgreementRecord | undefined;
  /** A new agreement's fields filled in beforehand (from a chat session); the user confirms them. */
  prefill?: AgreementDraft | undefined;
  /** An installment plan's fields said in the chat (the number of periods); the user checks the preview. */
  prefillPlan?: Partial<PlanDraft> | undefined;
  /** Promised follow-ups saved with a new agreement, each planned as a reminder. */
  followUps?: FollowUp[] | undefined;
  onSaved: (record: AgreementRecord) => void;
  onCancel: () => void;
}

function initialDraft(initial: AgreementRecord | undefined, prefill: AgreementDraft | undefined, prefillPlan: Partial<PlanDraft> | undefined): AgreementFormDraft {
  if (initial) return formDraftOf(initial);
  return {
    ...EMPTY_FORM_DRAFT,
    ...(prefill ? { base: prefill } : {}),
    ...(prefillPlan ? { plan: { ...EMPTY_FORM_DRAFT.plan, ...prefillPlan }, usePlan: true } : {}),
  };
}

const NO_ERRORS: AgreementFormErrors = { base: {}, details: {}, plan: [], reminders: null };

export function AgreementForm({ initial, prefill, prefillPlan, followUps, onSaved, onCancel }: Props) {
  const [form, setForm] = useState<AgreementFormDraft>(() => initialDraft(initial, prefill, prefillPlan));
  const [errors, setErrors] = useState<AgreementFormErrors>(NO_ERRORS);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const draft = form.base;
  const kind = (AGREEMENT_KINDS as readonly string[]).includes(draft.kind) ? (draft.kind as AgreementKind) : null;
  const preview = useMemo(() => previewSchedule(form), [form]);

  const update = (field: keyof AgreementDraft) => (value: string) => {
    setForm((f) => ({ ...f, base: { ...f.base, [field]: value } }));
    setErrors((e) => ({ ...e, base: { ...e.base, [field]: undefined } }));
  };

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const checked = validateAgreementForm(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      setFailure(t('formHasErrors'));
      return;
    }
    setErrors(NO_ERRORS);
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
    const code = errors.base[field];
    return code ? fieldErrorMessage(field, code as never) : undefined;
  };
  const planUse = kind ? PLAN_USE[kind] : 'none';

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
      <Field id={`${id}-amount`} label={t('fieldAmount')} hint={kind ? `${amountHint(kind)} ${t('fieldAmountHint')}` : t('fieldAmountHint')} error={error('amount')}>
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
      <Field id={`${id}-due`} label={t('fieldDueDate')} hint={kind ? dueHint(kind) : undefined} error={error('dueDate')}>
        {(props) => (
          <input {...props} type="date" value={draft.dueDate} onChange={(e) => update('dueDate')(e.target.value)} />
        )}
      </Field>
      {planUse === 'optional' && (
        <div className="field checkbox">
          <input
            id={`${id}-use-plan`}
            type="checkbox"
            checked={form.usePlan}
            onChange={(e) => setForm((f) => ({ ...f, usePlan: e.target.checked }))}
          />
          <label htmlFor={`${id}-use-plan`}>{t('planUse')}</label>
        </div>
      )}
      {planInUse(form) && (
        <PlanFields
          value={form.plan}
          onChange={(plan) => {
            setForm((f) => ({ ...f, plan }));
            setErrors((e) => ({ ...e, plan: [] }));
          }}
          errors={errors.plan}
          preview={preview}
        />
      )}
      {kind && (
        <DetailsFields
          kind={kind}
          value={form.details}
          onChange={(details) => setForm((f) => ({ ...f, details }))}
          errors={errors.details}
        />
      )}
      <AgreementReminderFields
        value={form.reminders}
        onChange={(reminders) => {
          setForm((f) => ({ ...f, reminders }));
          setErrors((e) => ({ ...e, reminders: null }));
        }}
        error={errors.reminders}
      />
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
