import { useEffect, useState } from 'react';
import { linkedReminder } from '../../lib/browser/popup-link';
import { t } from '../../lib/i18n';
import { dayAndTime } from '../../lib/i18n/time-labels';
import { send } from '../../lib/messaging/protocol';

/** The default reminder hour, until the saved settings (loaded apart, off the popup's first screen) arrive. */
const DEFAULT_HOUR = 9;

/**
 * The choices of the reminder a notification click opened (popup.html?reminder=ID): Done, Snooze
 * 1 h, Tomorrow at the reminder hour. Chrome also has the first two as notification buttons;
 * Firefox notifications have none, so this is where Firefox users get them. Renders nothing
 * without a reminder in the URL.
 */
export function ReminderActions() {
  const [reminderId] = useState(() => linkedReminder(location.search));
  const [hour, setHour] = useState(DEFAULT_HOUR);
  const [status, setStatus] = useState<string | null>(null);
  const [finished, setFinished] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!reminderId) return;
    let live = true;
    import('../../lib/settings/reminder-settings')
      .then((settings) => settings.loadReminderSettings())
      .then(
      (settings) => live && setHour(settings.reminderHour),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [reminderId]);

  if (!reminderId) return null;

  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    try {
      setStatus(await action());
      setFinished(true);
    } catch {
      setStatus(t('reminderActionFailed'));
    } finally {
      setBusy(false);
    }
  };

  const done = () =>
    run(async () => ((await send('reminder-done', { reminderId })).found ? t('reminderDoneStatus') : t('reminderGone')));

  const snooze = (until: 'hour' | 'tomorrow') =>
    run(async () => {
      const { fireAt } = await send('reminder-snooze', { reminderId, until });
      if (fireAt === null) return t('reminderGone');
      return t('reminderSnoozedStatus', dayAndTime(fireAt));
    });

  return (
    <section className="card reminder-actions" aria-labelledby="reminder-actions-heading">
      <h2 id="reminder-actions-heading" className="section-title">
        {t('reminderActionsHeading')}
      </h2>
      {!finished && (
        <div className="form-actions">
          <button type="button" className="button primary small" disabled={busy} onClick={() => void done()}>
            {t('reminderDone')}
          </button>
          <button type="button" className="button secondary small" disabled={busy} onClick={() => void snooze('hour')}>
            {t('reminderSnoozeHour')}
          </button>
          <button type="button" className="button secondary small" disabled={busy} onClick={() => void snooze('tomorrow')}>
            {t('reminderSnoozeTomorrow', `${String(hour).padStart(2, '0')}:00`)}
          </button>
        </div>
      )}
      <p className="status" role="status">
        {status}
      </p>
    </section>
  );
}
