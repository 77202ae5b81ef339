import { useId } from 'react';
import { PLAN_METHODS } from '../../lib/domain/agreement-dues';
import type { PlanDraft, PlanDraftError } from '../../lib/domain/agreement-plan';
import { formatFen } from '../../lib/domain/money';
import type { Schedule } from '../../lib/domain/schedule';
import { t, uiLanguage } from '../../lib/i18n';
import { methodLabel, planErrorText } from '../../lib/i18n/form-labels';
import { Field } from './AgreementField';

interface Props {
  value: PlanDraft;
  onChange: (value: PlanDraft) => void;
  /** Problems found on saving, shown next to their fields. */
  errors: readonly PlanDraftError[];
  /** The schedule as typed so far, or why it cannot be built yet (null: the amount or date is missing). */
  preview: { schedule: Schedule } | { errors: PlanDraftError[] } | null;
}

const money = (fen: number) => formatFen(fen, uiLanguage());
/** A figure in the preview's money columns: yuan with two decimals; the column's heading says "¥". */
const figure = (fen: number) => (fen / 100).toLocaleString(uiLanguage(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const inYuan = (key: 'previewAmount' | 'previewPrincipal' | 'previewInterest') => t('previewInYuan', t(key));

/** The installment part of the agreement form, with each period previewed before saving. */
export function PlanFields({ value, onChange, errors, preview }: Props) {
  const id = useId();
  const set = (field: keyof PlanDraft) => (text: string) => onChange({ ...value, [field]: text });
  const errorOf = (field: PlanDraftError['field']) => {
    const mine = errors.filter((e) => e.field === field);
    return mine.length > 0 ? mine.map(planErrorText).join(' ') : undefined;
  };
  const custom = value.method === 'custom';
  const withRate = value.method === 'annuity' || value.method === 'equal-principal';

  return (
    <fieldset className="plan-fields">
      <legend>{t('planLegend')}</legend>
      <Field id={`${id}-method`} label={t('planMethod')} error={errorOf('method')}>
        {(props) => (
          <select {...props} value={value.method} onChange={(e) => set('method')(e.target.value)}>
            {PLAN_METHODS.map((method) => (
              <option key={method} value={method}>
                {methodLabel(method)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {custom ? (
        <Field id={`${id}-amounts`} label={t('planAmounts')} hint={t('planAmountsHint')} error={errorOf('amounts')}>
          {(props) => <textarea {...props} rows={4} value={value.amounts} onChange={(e) => set('amounts')(e.target.value)} />}
        </Field>
      ) : (
        <Field id={`${id}-periods`} label={t('planPeriods')} error={errorOf('periods')}>
          {(props) => (
            <input {...props} type="text" inputMode="numeric" autoComplete="off" value={value.periods} onChange={(e) => set('periods')(e.target.value)} />
          )}
        </Field>
      )}
      {withRate && (
        <Field id={`${id}-rate`} label={t('planRate')} hint={t('planRateHint')} error={errorOf('rate')}>
          {(props) => (
            <input {...props} type="text" inputMode="decimal" autoComplete="off" value={value.rate} onChange={(e) => set('rate')(e.target.value)} />
          )}
        </Field>
      )}
      <Field id={`${id}-day`} label={t('planDayOfMonth')} hint={t('planDayOfMonthHint')} error={errorOf('dayOfMonth')}>
        {(props) => (
          <input {...props} type="text" inputMode="numeric" autoComplete="off" value={value.dayOfMonth} onChange={(e) => set('dayOfMonth')(e.target.value)} />
        )}
      </Field>
      <SchedulePreview preview={preview} />
    </fieldset>
  );
}

function SchedulePreview({ preview }: { preview: Props['preview'] }) {
  const id = useId();
  if (preview === null || !('schedule' in preview)) {
    return (
      <p className="hint" role="status">
        {preview === null ? t('previewWaiting') : preview.errors.map(planErrorText).join(' ')}
      </p>
    );
  }
  const { schedule } = preview;
  const withInterest = schedule.interestFen > 0;
  return (
    <section className="schedule-preview" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('previewTitle')}</h3>
      <p className="hint" role="status">
        {t('previewTotal', [String(schedule.periods.length), money(schedule.totalFen), money(schedule.interestFen)])} {t('previewCheck')}
      </p>
      <div className="schedule-scroll" tabIndex={0} aria-labelledby={`${id}-title`}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('previewPeriod')}</th>
              <th scope="col">{t('previewDate')}</th>
              <th scope="col">{inYuan('previewAmount')}</th>
              {withInterest && <th scope="col">{inYuan('previewPrincipal')}</th>}
              {withInterest && <th scope="col">{inYuan('previewInterest')}</th>}
            </tr>
          </thead>
          <tbody>
            {schedule.periods.map((p) => (
              <tr key={p.index}>
                <td>{p.index}</td>
                {/* yyyy-MM-dd: with the weekday, the written-out date pushed the last column out of the popup. */}
                <td>
                  <time dateTime={p.dueDate}>{p.dueDate}</time>
                </td>
                <td>{figure(p.amountFen)}</td>
                {withInterest && <td>{figure(p.principalFen)}</td>}
                {withInterest && <td>{figure(p.interestFen)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
