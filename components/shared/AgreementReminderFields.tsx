import { useEffect, useId, useState } from 'react';
import type { AgreementRemindersDraft } from '../../lib/domain/agreement-reminders';
import { formatLeadDays, type LeadDaysError } from '../../lib/domain/lead-days';
import { t } from '../../lib/i18n';
import { leadDaysErrorText } from '../../lib/i18n/lead-days-labels';
import { loadReminderSettings } from '../../lib/settings/reminder-settings';
import { Field } from './AgreementField';

interface Props {
  value: AgreementRemindersDraft;
  onChange: (value: AgreementRemindersDraft) => void;
  /** Why the lead days were refused (validateAgreementRemindersDraft), shown next to the field. */
  error?: LeadDaysError | null | undefined;
}

/**
 * One agreement's reminder choices, for the agreement form: reminders on or off, and its own extra
 * lead days ("7, 3, 1"; empty: the settings' list, which the hint names).
 *
 * In the form: hold a draft from `remindersDraftOf(initial?.reminders)` (or DEFAULT_REMINDERS_DRAFT),
 * check it with `validateAgreementRemindersDraft` on submit, and save its value as the fields'
 * `reminders`. Leaving `reminders` out of the saved fields keeps what the agreement had.
 */
export function AgreementReminderFields({ value, onChange, error }: Props) {
  const id = useId();
  const [defaults, setDefaults] = useState<readonly number[] | null>(null);
  useEffect(() => {
    let live = true;
    loadReminderSettings().then(
      (settings) => live && setDefaults(settings.extraLeadDays),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const defaultsText = defaults === null ? '…' : defaults.length === 0 ? t('leadDaysNone') : formatLeadDays(defaults);

  return (
    <fieldset className="reminder-fields">
      <legend>{t('agreementRemindersLegend')}</legend>
      <div className="field checkbox">
        <input
          id={`${id}-on`}
          type="checkbox"
          checked={value.on}
          aria-describedby={value.on ? undefined : `${id}-off-hint`}
          onChange={(event) => onChange({ ...value, on: event.target.checked })}
        />
        <label htmlFor={`${id}-on`}>{t('agreementRemindersOn')}</label>
      </div>
      {!value.on && (
        <p id={`${id}-off-hint`} className="hint">
          {t('agreementRemindersOffHint')}
        </p>
      )}
      <Field
        id={`${id}-days`}
        label={t('agreementLeadDays')}
        hint={t('agreementLeadDaysHint', defaultsText)}
        // Off, the field is not in use: a mistake in it does not count (see validateAgreementRemindersDraft).
        error={value.on && error ? leadDaysErrorText(error) : undefined}
      >
        {(props) => (
          <input
            {...props}
            type="text"
            autoComplete="off"
            disabled={!value.on}
            value={value.leadDays}
            onChange={(event) => onChange({ ...value, leadDays: event.target.value })}
          />
        )}
      </Field>
    </fieldset>
  );
}
