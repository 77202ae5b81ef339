import { lazy, Suspense, useEffect, useState, type SyntheticEvent } from 'react';
import { showNotification } from '../../lib/browser/notifications';
import { applyReminderSettings } from '../../lib/db/replan-all';
import { formatLeadDays, parseLeadDays, type LeadDaysError } from '../../lib/domain/lead-days';
import { t, type MessageKey } from '../../lib/i18n';
import { leadDaysErrorText } from '../../lib/i18n/lead-days-labels';
import {
  checkReminderSettings,
  formatMinuteOfDay,
  LEAD_TIME_LIMITS,
  loadReminderSettings,
  quietTimeChoices,
  type LeadTimes,
  type ReminderSettings,
  type SettingsProblem,
} from '../../lib/settings/reminder-settings';

// Typing next year's holidays needs the holiday table: loaded after the form is on screen.
const HolidayYearsForm = lazy(() => import('./HolidayYearsForm').then((m) => ({ default: m.HolidayYearsForm })));

const LEAD_TIME_LABELS: Record<keyof LeadTimes, MessageKey> = {
  decideMonthsBefore: 'settingsDecideMonths',
  contactDaysBefore: 'settingsContactDays',
  depositFromDaysBefore: 'settingsDepositFromDays',
  depositUntilDaysBefore: 'settingsDepositUntilDays',
  transferHoursBefore: 'settingsTransferHours',
};

const PROBLEM_TEXT: Record<SettingsProblem, MessageKey> = {
  'deposit-window': 'settingsProblemDepositWindow',
  'hour-in-quiet-hours': 'settingsProblemHourInQuiet',
  'quiet-hours-empty': 'settingsProblemQuietEmpty',
};

const LEAD_TIME_KEYS = Object.keys(LEAD_TIME_LABELS) as (keyof LeadTimes)[];

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

function draftsOf(leadTimes: LeadTimes): Record<keyof LeadTimes, string> {
  return Object.fromEntries(LEAD_TIME_KEYS.map((key) => [key, String(leadTimes[key])])) as Record<keyof LeadTimes, string>;
}

/** A typed lead time, if it is a whole number within the engine's bounds. */
function parseLeadTime(key: keyof LeadTimes, draft: string): number | null {
  const value = Number(draft);
  const [min, max] = LEAD_TIME_LIMITS[key];
  return draft.trim() !== '' && Number.isInteger(value) && value >= min && value <= max ? value : null;
}

/**
 * A time of day as a minute of the day (0–1439), picked from the half hours: a list rather than
 * the browser's time box, which shows 10:00 PM in an English browser where the product writes 22:00.
 */
function MinuteField(props: { id: string; label: string; disabled: boolean; minute: number; onChange: (minute: number) => void }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} disabled={props.disabled} value={props.minute} onChange={(event) => props.onChange(Number(event.target.value))}>
        {quietTimeChoices(props.minute).map((minute) => (
          <option key={minute} value={minute}>
            {formatMinuteOfDay(minute)}
          </option>
        ))}
      </select>
    </div>
  );
}

export const TEST_NOTIFICATION_ID = 'test';

/**
 * The reminder settings: hour, quiet hours, lead times. Saving re-plans every agreement's
 * reminders with them (shown ones stay shown) and asks the background to re-arm its alarm.
 */
export function SettingsForm() {
  const [settings, setSettings] = useState<ReminderSettings | null>(null);
  // Lead times as typed: a field may be empty or wrong while the user edits it.
  const [leadDrafts, setLeadDrafts] = useState<Record<keyof LeadTimes, string> | null>(null);
  const [problems, setProblems] = useState<SettingsProblem[]>([]);
  const [badLeads, setBadLeads] = useState<(keyof LeadTimes)[]>([]);
  // The extra lead days as typed ("7, 3, 1"), and why they were refused.
  const [extraDraft, setExtraDraft] = useState<string | null>(null);
  const [extraError, setExtraError] = useState<LeadDaysError | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    loadReminderSettings().then(
      (loaded) => {
        if (!live) return;
        setSettings(loaded);
        setLeadDrafts(draftsOf(loaded.leadTimes));
        setExtraDraft(formatLeadDays(loaded.extraLeadDays));
      },
      (error: unknown) => live && setFailure(t('errGeneric', String(error))),
    );
    return () => {
      live = false;
    };
  }, []);

  if (!settings || !leadDrafts || extraDraft === null) return <p className="status">…</p>;

  const update = (change: Partial<ReminderSettings>) => {
    setStatus(null);
    setSettings({ ...settings, ...change });
  };
  const updateLead = (key: keyof LeadTimes, value: string) => {
    setStatus(null);
    setLeadDrafts({ ...leadDrafts, [key]: value });
  };

  const save = async (event: SyntheticEvent) => {
    event.preventDefault();
    const bad = LEAD_TIME_KEYS.filter((key) => parseLeadTime(key, leadDrafts[key]) === null);
    setBadLeads(bad);
    const leadTimes = Object.fromEntries(
      LEAD_TIME_KEYS.map((key) => [key, parseLeadTime(key, leadDrafts[key]) ?? settings.leadTimes[key]]),
    ) as unknown as LeadTimes;
    const extra = parseLeadDays(extraDraft);
    setExtraError(extra.ok ? null : extra.error);
    const wanted = { ...settings, leadTimes, extraLeadDays: extra.ok ? extra.value : settings.extraLeadDays };
    const found = checkReminderSettings(wanted);
    setProblems(found);
    if (found.length > 0 || bad.length > 0 || !extra.ok) return;
    setBusy(true);
    setFailure(null);
    try {
      const saved = await applyReminderSettings(wanted, Date.now());
      setSettings(saved);
      setLeadDrafts(draftsOf(saved.leadTimes));
      setExtraDraft(formatLeadDays(saved.extraLeadDays));
      setStatus(t('settingsSaved'));
    } catch (error) {
      setFailure(t('errGeneric', error instanceof Error ? error.message : String(error)));
    } finally {
      setBusy(false);
    }
  };

  const test = async () => {
    try {
      await showNotification(TEST_NOTIFICATION_ID, { title: t('notifTestTitle'), message: t('notifTestBody') });
      setStatus(t('settingsTestSent'));
    } catch (error) {
      setFailure(t('errGeneric', error instanceof Error ? error.message : String(error)));
    }
  };

  return (
    <section id="reminders" aria-labelledby="reminders-title">
      <h2 id="reminders-title" className="section-title">
        {t('remindersSectionTitle')}
      </h2>
      <p className="hint">{t('remindersSectionIntro')}</p>
      {/* noValidate: the browser's own range bubble would block submitting silently; the page says
          what is wrong next to the field instead, in the user's language. */}
      <form className="form" noValidate onSubmit={(event) => void save(event)} aria-labelledby="reminders-title">
        <p className="hint">{t('settingsBrowserMustRun')}</p>
        <div className="field">
          <label htmlFor="reminder-hour">{t('settingsReminderHour')}</label>
          <select
            id="reminder-hour"
            value={settings.reminderHour}
            onChange={(event) => update({ reminderHour: Number(event.target.value) })}
          >
            {HOURS.map((hour) => (
              <option key={hour} value={hour}>
                {formatMinuteOfDay(hour * 60)}
              </option>
            ))}
          </select>
        </div>

        <fieldset className="card">
          <legend>{t('settingsQuietHours')}</legend>
          <label>
            <input
              type="checkbox"
              checked={settings.quietHoursEnabled}
              onChange={(event) => update({ quietHoursEnabled: event.target.checked })}
            />{' '}
            {t('settingsQuietEnabled')}
          </label>
          <MinuteField
            id="quiet-from"
            label={t('settingsQuietFrom')}
            disabled={!settings.quietHoursEnabled}
            minute={settings.quietStartMinute}
            onChange={(minute) => update({ quietStartMinute: minute })}
          />
          <MinuteField
            id="quiet-to"
            label={t('settingsQuietTo')}
            disabled={!settings.quietHoursEnabled}
            minute={settings.quietEndMinute}
            onChange={(minute) => update({ quietEndMinute: minute })}
          />
          <p className="hint">{t('settingsQuietExplain')}</p>
        </fieldset>

        <fieldset className="card">
          <legend>{t('settingsLeadTimes')}</legend>
          {LEAD_TIME_KEYS.map((key) => {
            const invalid = badLeads.includes(key);
            const [min, max] = LEAD_TIME_LIMITS[key];
            return (
              <div className={invalid ? 'field invalid' : 'field'} key={key}>
                <label htmlFor={`lead-${key}`}>{t(LEAD_TIME_LABELS[key])}</label>
                <input
                  id={`lead-${key}`}
                  type="number"
                  inputMode="numeric"
                  min={min}
                  max={max}
                  step={1}
                  value={leadDrafts[key]}
                  aria-invalid={invalid}
                  aria-describedby={invalid ? `lead-${key}-error` : undefined}
                  onChange={(event) => updateLead(key, event.target.value)}
                />
                {invalid && (
                  <p className="error" id={`lead-${key}-error`}>
                    {t('settingsProblemLeadTime', [t(LEAD_TIME_LABELS[key]), String(min), String(max)])}
                  </p>
                )}
              </div>
            );
          })}
          <div className={extraError ? 'field invalid' : 'field'}>
            <label htmlFor="extra-lead-days">{t('settingsExtraLeadDays')}</label>
            <input
              id="extra-lead-days"
              type="text"
              autoComplete="off"
              value={extraDraft}
              aria-invalid={extraError !== null}
              aria-describedby={extraError ? 'extra-lead-days-error' : 'extra-lead-days-hint'}
              onChange={(event) => {
                setStatus(null);
                setExtraDraft(event.target.value);
              }}
            />
            {extraError ? (
              <p className="error" id="extra-lead-days-error">
                {leadDaysErrorText(extraError)}
              </p>
            ) : (
              <p className="hint" id="extra-lead-days-hint">
                {t('settingsExtraLeadDaysHint')}
              </p>
            )}
          </div>
        </fieldset>

        {problems.length > 0 && (
          <ul className="banner error" role="alert">
            {problems.map((problem) => (
              <li key={problem}>{t(PROBLEM_TEXT[problem])}</li>
            ))}
          </ul>
        )}
        {failure && (
          <p className="banner error" role="alert">
            {failure}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={() => void test()}>
            {t('settingsTest')}
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {t('settingsSave')}
          </button>
        </div>
        <p className="status" role="status">
          {status}
        </p>
      </form>
      <Suspense fallback={null}>
        <HolidayYearsForm />
      </Suspense>
    </section>
  );
}
