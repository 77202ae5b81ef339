import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import { browser } from 'wxt/browser';
import { Feedback } from '../shared/Feedback';
import { useLockOn } from '../shared/LockGate';
import {
  CALENDAR_SERVER_KINDS,
  calendarServer,
  FIXED_SERVER_URLS,
  loadCalendarAccount,
  type CalendarAccount,
  type CalendarServer,
  type CalendarServerKind,
  type ServerInputError,
} from '../../lib/calendar/account';
import { describeDavError } from '../../lib/calendar/caldav/describe';
import type { DavCalendar } from '../../lib/calendar/caldav/discover';
import { connectCalendar, disconnectCalendar, findCalendars } from '../../lib/calendar/connect';
import { loadLeaveOutDetails } from '../../lib/calendar/privacy';
import { pushCalendar } from '../../lib/calendar/push';
import { loadPushStatus, watchPushStatus, type PushStatus } from '../../lib/calendar/push-status';
import { describePushStatus } from '../../lib/calendar/push-words';
import { t, uiLanguage, type MessageKey } from '../../lib/i18n';

/**
 * The options page's "Calendar": connect the user's own CalDAV calendar (lib/calendar/connect.ts),
 * then show what the last push did. The browser is asked for the server's origin inside the click,
 * before anything is awaited (Firefox grants it only then); discovery runs after.
 */

const KIND_LABEL: Record<CalendarServerKind, MessageKey> = {
  nextcloud: 'calendarKindNextcloud',
  synology: 'calendarKindSynology',
  radicale: 'calendarKindRadicale',
  fastmail: 'calendarKindFastmail',
  icloud: 'calendarKindIcloud',
  other: 'calendarKindOther',
};

const KIND_HINT: Record<CalendarServerKind, MessageKey> = {
  nextcloud: 'calendarHintNextcloud',
  synology: 'calendarHintSynology',
  radicale: 'calendarHintRadicale',
  fastmail: 'calendarHintFastmail',
  icloud: 'calendarHintIcloud',
  other: 'calendarHintOther',
};

const URL_ERROR: Record<ServerInputError, MessageKey> = {
  'url-invalid': 'calendarUrlInvalid',
  'url-scheme': 'calendarUrlScheme',
  'url-insecure': 'calendarUrlInsecure',
  'url-credentials': 'calendarUrlCredentials',
};

const NEW_CALENDAR = '';

interface Choosing {
  server: CalendarServer;
  username: string;
  password: string;
  homeUrl: string;
  calendars: DavCalendar[];
}

const describeFailure = (error: unknown): string => describeDavError(error);

export function CalendarSection() {
  const id = useId();
  const lockOn = useLockOn();
  const [account, setAccount] = useState<CalendarAccount | null | undefined>(undefined);
  const [status, setStatus] = useState<PushStatus | null>(null);
  const [leaveOut, setLeaveOut] = useState(false);
  const [kind, setKind] = useState<CalendarServerKind>('nextcloud');
  const [serverUrl, setServerUrl] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [choosing, setChoosing] = useState<Choosing | null>(null);
  const [choice, setChoice] = useState(NEW_CALENDAR);
  const [deleteEvents, setDeleteEvents] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let live = true;
    void Promise.all([loadCalendarAccount().catch(() => null), loadPushStatus(), loadLeaveOutDetails()]).then(([a, s, l]) => {
      if (!live) return;
      setAccount(a);
      setStatus(s);
      setLeaveOut(l);
    });
    const stop = watchPushStatus((s) => {
      setStatus(s);
      setNow(Date.now());
    });
    const onLeaveOut = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && 'calendarLeaveOutDetails' in changes) setLeaveOut(changes.calendarLeaveOutDetails.newValue === true);
    };
    browser.storage.onChanged.addListener(onLeaveOut);
    // "2 minutes ago" moves on while the page stays open.
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      live = false;
      stop();
      browser.storage.onChanged.removeListener(onLeaveOut);
      clearInterval(tick);
    };
  }, []);

  const begin = () => {
    setBusy(true);
    setFailure(null);
    setMessage(null);
  };

  const connect = (event: SyntheticEvent) => {
    event.preventDefault();
    setFailure(null);
    setMessage(null);
    const place = calendarServer(kind, serverUrl);
    if (!place.ok) {
      setFailure(t(URL_ERROR[place.error]));
      return;
    }
    if (username.trim() === '' || password === '') {
      setFailure(t('calendarMissingFields'));
      return;
    }
    const server = place.server;
    // Asked first, inside the click: Firefox refuses a request made after an await.
    const asking = browser.permissions.request({ origins: [server.permissionPattern] });
    begin();
    setMessage(t('calendarConnecting'));
    void (async () => {
      try {
        if (!(await asking.catch(() => false))) {
          setMessage(null);
          setFailure(t('calendarErrPermission'));
          return;
        }
        const found = await findCalendars(server, username.trim(), password);
        const ours = found.calendars.find((c) => c.displayName === t('calendarDefaultName'));
        setChoice(ours?.url ?? NEW_CALENDAR);
        setChoosing({ server, username: username.trim(), password, homeUrl: found.homeUrl, calendars: found.calendars });
        setMessage(null);
      } catch (error) {
        setMessage(null);
        setFailure(describeFailure(error));
      } finally {
        setBusy(false);
      }
    })();
  };

  const useChosen = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!choosing) return;
    const picked = choosing.calendars.find((c) => c.url === choice);
    begin();
    setMessage(t('calendarPushing'));
    void (async () => {
      try {
        const { account: saved } = await connectCalendar(
          choosing.server,
          { username: choosing.username, password: choosing.password },
          picked ? { calendar: picked } : { homeUrl: choosing.homeUrl, newName: t('calendarDefaultName') },
          Date.now(),
        );
        setAccount(saved);
        setChoosing(null);
        setPassword('');
        setStatus(await loadPushStatus());
        setNow(Date.now());
        setMessage(null);
      } catch (error) {
        setMessage(null);
        setFailure(describeFailure(error));
      } finally {
        setBusy(false);
      }
    })();
  };

  const pushNow = () => {
    begin();
    setMessage(t('calendarPushing'));
    void pushCalendar(Date.now(), { force: true })
      .then(async () => {
        setStatus(await loadPushStatus());
        setNow(Date.now());
        setMessage(null);
      })
      .catch((error: unknown) => {
        setMessage(null);
        setFailure(describeFailure(error));
      })
      .finally(() => setBusy(false));
  };

  const disconnect = () => {
    begin();
    void disconnectCalendar(deleteEvents)
      .then((deleted) => {
        setAccount(null);
        setStatus(null);
        setDeleteEvents(false);
        setMessage(deleteEvents ? t('calendarDisconnectedDeleted', String(deleted)) : t('calendarDisconnected'));
      })
      .catch((error: unknown) => setFailure(t('calendarDisconnectFailed', describeFailure(error))))
      .finally(() => setBusy(false));
  };

  const said = describePushStatus(status, now, uiLanguage());
  const fixedUrl = FIXED_SERVER_URLS[kind];

  return (
    <section className="calendar-section" id="calendar" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        {t('calendarTitle')}
      </h2>
      <p className="hint">{t('calendarIntro')}</p>
      {lockOn && <p className="hint">{t('calendarLockNote')}</p>}

      {account === null && !choosing && (
        <form className="card form" aria-busy={busy} onSubmit={connect} noValidate>
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t('calendarServerKind')}</label>
            <select id={`${id}-kind`} value={kind} disabled={busy} aria-describedby={`${id}-hint`} onChange={(e) => setKind(e.target.value as CalendarServerKind)}>
              {CALENDAR_SERVER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(KIND_LABEL[k])}
                </option>
              ))}
            </select>
          </div>
          <p className="hint" id={`${id}-hint`}>
            {t(KIND_HINT[kind])}
          </p>
          {fixedUrl === undefined && (
            <div className="field">
              <label htmlFor={`${id}-url`}>{t('calendarServerUrl')}</label>
              <input
                id={`${id}-url`}
                type="url"
                inputMode="url"
                autoComplete="url"
                spellCheck={false}
                value={serverUrl}
                disabled={busy}
                onChange={(e) => setServerUrl(e.target.value)}
              />
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-user`}>{t('calendarUsername')}</label>
            <input id={`${id}-user`} autoComplete="username" spellCheck={false} value={username} disabled={busy} onChange={(e) => setUsername(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>{t('calendarPassword')}</label>
            <input
              id={`${id}-password`}
              type="password"
              autoComplete="current-password"
              value={password}
              disabled={busy}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy}>
              {t('calendarConnect')}
            </button>
          </div>
        </form>
      )}

      {choosing && (
        <form className="card form" aria-busy={busy} onSubmit={useChosen}>
          <div className="field">
            <label htmlFor={`${id}-choice`}>{t('calendarChoose')}</label>
            <select id={`${id}-choice`} value={choice} disabled={busy} onChange={(e) => setChoice(e.target.value)}>
              {choosing.calendars.map((c) => (
                <option key={c.url} value={c.url}>
                  {c.displayName}
                </option>
              ))}
              {!choosing.calendars.some((c) => c.displayName === t('calendarDefaultName')) && (
                <option value={NEW_CALENDAR}>{t('calendarCreateNew', t('calendarDefaultName'))}</option>
              )}
            </select>
          </div>
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy}>
              {t('calendarUseThis')}
            </button>
            <button type="button" className="button secondary" disabled={busy} onClick={() => setChoosing(null)}>
              {t('calendarCancel')}
            </button>
          </div>
        </form>
      )}

      {account && (
        <div className="card form" aria-busy={busy}>
          <p className="calendar-connected">
            {t('calendarConnectedTo', [account.calendarName ?? '', `${account.username} · ${new URL(account.origin).host}`])}
          </p>
          <p className="calendar-status" data-calendar-status="">
            {said.line}
          </p>
          {said.problem && (
            <p className="banner error" data-calendar-problem="">
              {said.problem}
            </p>
          )}
          <p className="hint">{leaveOut ? t('calendarPrivacyOn') : t('calendarPrivacyOff')}</p>
          <div className="form-actions">
            <button type="button" className="button secondary" disabled={busy} onClick={pushNow}>
              {t('calendarPushNow')}
            </button>
          </div>
          <div className="field checkbox">
            <input id={`${id}-delete`} type="checkbox" checked={deleteEvents} disabled={busy} onChange={(e) => setDeleteEvents(e.target.checked)} />
            <label htmlFor={`${id}-delete`}>{t('calendarDisconnectDelete')}</label>
          </div>
          <div className="form-actions">
            <button type="button" className="button secondary" disabled={busy} onClick={disconnect}>
              {t('calendarDisconnect')}
            </button>
          </div>
        </div>
      )}
      <Feedback failure={failure} status={message} />
    </section>
  );
}
