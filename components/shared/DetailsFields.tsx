import { useId } from 'react';
import type { AgreementKind } from '../../lib/domain/agreement';
import { DETAIL_FIELDS, type DetailError, type DetailField, type DetailsDraft } from '../../lib/domain/agreement-details';
import { t } from '../../lib/i18n';
import { detailErrorText, detailHint, detailLabel, optionLabel } from '../../lib/i18n/form-labels';
import { Field } from './AgreementField';

interface Props {
  kind: AgreementKind;
  value: DetailsDraft;
  onChange: (value: DetailsDraft) => void;
  errors: Partial<Record<DetailField, DetailError>>;
}

/** What the chosen kind records beyond the amount and date; every field optional. */
export function DetailsFields({ kind, value, onChange, errors }: Props) {
  const id = useId();
  const specs = DETAIL_FIELDS[kind];
  if (specs.length === 0) return null;
  const text = (field: DetailField) => {
    const v = value[field];
    return typeof v === 'string' ? v : '';
  };
  const set = (field: DetailField, v: string | readonly string[]) => onChange({ ...value, [field]: v });

  return (
    <fieldset className="details-fields">
      <legend>{t('detailsLegend')}</legend>
      {specs.map((spec) => {
        const fieldId = `${id}-${spec.field}`;
        const error = errors[spec.field] ? detailErrorText(errors[spec.field] as DetailError) : undefined;
        if (spec.input === 'checklist') {
          const ticked = Array.isArray(value[spec.field]) ? (value[spec.field] as readonly string[]) : [];
          return (
            <fieldset key={spec.field} className="checklist-field" aria-describedby={error ? `${fieldId}-error` : undefined}>
              <legend>{detailLabel(spec.field)}</legend>
              {(spec.options ?? []).map((option) => (
                <div key={option} className="field checkbox">
                  <input
                    id={`${fieldId}-${option}`}
                    type="checkbox"
                    checked={ticked.includes(option)}
                    onChange={(e) => set(spec.field, e.target.checked ? [...ticked, option] : ticked.filter((o) => o !== option))}
                  />
                  <label htmlFor={`${fieldId}-${option}`}>{optionLabel(spec.field, option)}</label>
                </div>
              ))}
              {error && (
                <p id={`${fieldId}-error`} className="error">
                  {error}
                </p>
              )}
            </fieldset>
          );
        }
        return (
          <Field key={spec.field} id={fieldId} label={detailLabel(spec.field)} hint={detailHint(spec.field)} error={error}>
            {(props) =>
              spec.input === 'select' ? (
                <select {...props} value={text(spec.field)} onChange={(e) => set(spec.field, e.target.value)}>
                  <option value="">{t('optionNotChosen')}</option>
                  {(spec.options ?? []).map((option) => (
                    <option key={option} value={option}>
                      {optionLabel(spec.field, option)}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  {...props}
                  type={spec.input === 'date' ? 'date' : 'text'}
                  inputMode={spec.input === 'money' ? 'decimal' : undefined}
                  autoComplete="off"
                  value={text(spec.field)}
                  onChange={(e) => set(spec.field, e.target.value)}
                />
              )
            }
          </Field>
        );
      })}
    </fieldset>
  );
}
