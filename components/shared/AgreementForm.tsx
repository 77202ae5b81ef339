import { useId, useMemo, useRef, useState, type SyntheticEvent } from 'react';
import { AGREEMENT_KINDS, type AgreementKind, type FollowUp } from '../../lib/domain/agreement';
import { PRESET_LENDERS, type AgreementDraft, type AgreementDraftErrors } from '../../lib/domain/agreement-draft';
import {
  dueDateQuestion,
  EMPTY_FORM_DRAFT,
  formDraftOf,
  planInUse,
  PLAN_USE,
  previewSchedule,
  validateAgreementForm,
  type AgreementFormDraft,
  type AgreementFormErrors,
  type DueDateQuestion,
} from '../../lib/domain/agreement-form';
import { toIsoDate } from '../../lib/domain/dates';
import type { PlanDraft } from '../../lib/domain/agreement-plan';
import type { AgreementRecord } from '../../lib/db/schema';
import { saveAgreement } from '../../lib/db/save-agreement';
import { t } from '../../lib/i18n';
import { kindLabel, shortDate } from '../../lib/i18n/labels';
import { amountHint, dueHint, fieldErrorMessage, kindMeaning } from '../../lib/i18n/form-labels';
import { closeOnEscape, Field } from './AgreementField';
import './AgreementForm.css';
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
  /** A new agreement that takes the place of this one (its id): saved with it, in one write. */
  replaces?: string | undefined;
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

export function AgreementForm({ initial, prefill, prefillPlan, followUps, replaces, onSaved, onCancel }: Props) {
  const [form, setForm] = useState<AgreementFormDraft>(() => initialDraft(initial, prefill, prefillPlan));
  const [errors, setErrors] = useState<AgreementFormErrors>(NO_ERRORS);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The question about the due date asked before saving, while it waits for an answer. */
  const [asking, setAsking] = useState<DueDateQuestion | null>(null);
  /** A due date the user said is right: not asked about again unless it changes. */
  const [confirmedDue, setConfirmedDue] = useState<string | null>(null);
  const dueRef = useRef<HTMLInputElement>(null);
  // Editing: the date the agreement already had is not asked about again (formDraftOf: a plan's first period).
  const [storedDue] = useState(() => (initial ? formDraftOf(initial).base.dueDate : undefined));
  const id = useId();
  const draft = form.base;
  const kind = (AGREEMENT_KINDS as readonly string[]).includes(draft.kind) ? (draft.kind as AgreementKind) : null;
  const preview = useMemo(() => previewSchedule(form), [form]);

  const update = (field: keyof AgreementDraft) => (value: string) => {
    setForm((f) => ({ ...f, base: { ...f.base, [field]: value } }));
    setErrors((e) => ({ ...e, base: { ...e.base, [field]: undefined } }));
    setAsking(null);
  };

  const submit = async (event: SyntheticEvent, dueAnswered = false) => {
    event.preventDefault();
    const checked = validateAgreementForm(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      setFailure(t('formHasErrors'));
      setAsking(null);
      return;
    }
    setErrors(NO_ERRORS);
    setFailure(null);
    const question = dueAnswered || confirmedDue === checked.value.dueDate ? null : dueDateQuestion(draft.dueDate, toIsoDate(Date.now()), storedDue);
    if (question) {
      setAsking(question);
      return;
    }
    setAsking(null);
    setBusy(true);
    try {
      const record = await saveAgreement(followUps && !initial ? { ...checked.value, followUps } : checked.value, {
        now: Date.now(),
        ...(initial ? { id: initial.id } : replaces !== undefined ? { replaces } : {}),
      });
      onSaved(record);
    } catch (error) {
      setFailure(t('errGeneric', error instanceof Error ? error.message : String(error)));
    } finally {
      setBusy(false);
    }
  };

  /** "Change the date" (or Escape while the question is open): the question goes, the date field takes the keyboard. */
  const backToDueDate = () => {
    setAsking(null);
    dueRef.current?.focus();
  };

  const error = (field: keyof AgreementDraftErrors) => {
    const code = errors.base[field];
    return code ? fieldErrorMessage(field, code as never) : undefined;
  };
  const planUse = kind ? PLAN_USE[kind] : 'none';

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} onKeyDown={(e) => closeOnEscape(e, asking ? backToDueDate : onCancel)} noValidate aria-labelledby={`${id}-title`}>
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
      <KindChoice id={`${id}-kind`} value={draft.kind} onChange={update('kind')} error={error('kind')} />
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
          <input {...props} ref={dueRef} type="date" value={draft.dueDate} onChange={(e) => update('dueDate')(e.target.value)} />
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
      {asking ? (
        <DueDateAsk
          question={asking}
          busy={busy}
          onConfirm={(event) => {
            setConfirmedDue(asking.dueDate);
            void submit(event, true);
          }}
          onChange={backToDueDate}
        />
      ) : (
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onCancel}>
            {t('cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {t('save')}
          </button>
        </div>
      )}
    </form>
  );
}

/**
 * The kind of arrangement, picked by the user (there is no default): each choice with one line
 * saying what it means, since the names alone (展期, 延期) are easy to mix up.
 */
function KindChoice({ id, value, onChange, error }: { id: string; value: string; onChange: (kind: AgreementKind) => void; error: string | undefined }) {
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <fieldset
        className="kind-choice"
        role="radiogroup"
        aria-labelledby={`${id}-legend`}
        aria-invalid={Boolean(error)}
        {...(error ? { 'aria-describedby': `${id}-error` } : {})}
      >
        <legend id={`${id}-legend`}>{t('fieldKind')}</legend>
        {AGREEMENT_KINDS.map((kind) => (
          <div key={kind} className="kind-option">
            <input
              id={`${id}-${kind}`}
              type="radio"
              name={id}
              value={kind}
              checked={value === kind}
              onChange={() => onChange(kind)}
              aria-describedby={`${id}-${kind}-meaning`}
            />
            <label htmlFor={`${id}-${kind}`}>{kindLabel(kind)}</label>
            <span id={`${id}-${kind}-meaning`} className="hint">
              {kindMeaning(kind)}
            </span>
          </div>
        ))}
      </fieldset>
      {error && (
        <p id={`${id}-error`} className="error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The question about a due date in the past or far ahead, in place of the form's buttons, with both answers spelled out. */
function DueDateAsk({ question, busy, onConfirm, onChange }: { question: DueDateQuestion; busy: boolean; onConfirm: (event: SyntheticEvent) => void; onChange: () => void }) {
  const text = question.kind === 'past' ? t('dueAskPast', shortDate(question.dueDate)) : t('dueAskFar', [shortDate(question.dueDate), String(question.years)]);
  return (
    <div className="confirm due-ask" role="group" aria-label={text}>
      <p role="alert">{text}</p>
      <div className="form-actions">
        <button type="button" className="button secondary" onClick={onChange}>
          {t('dueAskChange')}
        </button>
        <button type="button" className="button primary" disabled={busy} onClick={onConfirm} autoFocus>
          {question.kind === 'past' ? t('dueAskPastYes') : t('dueAskFarYes')}
        </button>
      </div>
    </div>
  );
}
