import { lazy, Suspense, useEffect, useId, useState, type SyntheticEvent } from 'react';
import { Feedback } from '../shared/Feedback';
import { NewPassphraseFields, PassphraseField } from './PassphraseFields';
import { requestHostPermission } from '../../lib/browser/host-permission';
import { checkNewPassphrase, MIN_PASSPHRASE_LENGTH, PASSPHRASE_PROBLEM_TEXT, type PassphraseProblem } from '../../lib/crypto/passphrase-rule';
import { t, uiLanguage, type MessageKey } from '../../lib/i18n';
import { leaveSync, loadAccountPlace, SYNC_ACCOUNT_KEY, type AccountPlace } from '../../lib/sync/account';
import { DEFAULT_VAULT_FOLDER, resolveVault, type ServerKind, type VaultInput, type VaultInputError } from '../../lib/sync/presets';
import { createSyncVault, joinSyncVault, openSyncVault, type OpenedVault, type ServerSignIn, type SetupProblem } from '../../lib/sync/setup';
import { describeSyncStatus, formatClock, onSyncStatusChange, readSyncStatus, syncProblemText, type SyncStatus } from '../../lib/sync/status';
import { browser } from 'wxt/browser';
import { send } from '../../lib/messaging/protocol';

/**
 * The options page's "Sync" (issue #15): where the vault lives (坚果云, Nextcloud or any WebDAV
 * address), then one of two separate steps, creating a new vault or joining one (opened with its
 * passphrase, its devices shown, and only then joined). Once set up: where it syncs, the last
 * result, and turning it off. The browser is asked for the server's origin inside the click, before
 * anything is awaited (Firefox grants it only then); nothing is stored before a step succeeds.
 */

// The conflicts list loads the engine's conflict code and the records' schemas: only once sync is set up.
const SyncConflicts = lazy(() => import('./SyncConflicts').then((m) => ({ default: m.SyncConflicts })));

const INPUT_ERROR_TEXT: Record<VaultInputError, MessageKey> = {
  'url-invalid': 'syncInputUrlInvalid',
  'url-scheme': 'syncInputUrlScheme',
  'url-insecure': 'syncInputUrlInsecure',
  'url-credentials': 'syncInputUrlCredentials',
  'url-query': 'syncInputUrlQuery',
  'folder-missing': 'syncInputFolderMissing',
  'folder-invalid': 'syncInputFolderInvalid',
  'user-missing': 'syncInputUserMissing',
};

function setupProblemText(problem: SetupProblem): string {
  if (problem === 'vault-exists') return t('syncSetupVaultExists');
  if (problem === 'wrong-passphrase') return t('syncSetupWrongPassphrase');
  if (problem === 'parent-missing') return t('syncSetupParentMissing');
  return syncProblemText(problem);
}

const defaultDeviceName = () => (navigator.userAgent.includes('Firefox') ? 'Firefox' : 'Chrome');

interface ServerFields {
  kind: ServerKind;
  folder: string;
  server: string;
  url: string;
  username: string;
  password: string;
  deviceName: string;
}

type Checked = { ok: true; signIn: ServerSignIn; deviceName: string } | { ok: false; failure: string; field: keyof ServerFields };

/** What the user typed, checked without waiting: the permission request must come next in the same click. */
function checkFields(fields: ServerFields): Checked {
  const input: VaultInput =
    fields.kind === 'jianguoyun'
      ? { kind: 'jianguoyun', folder: fields.folder }
      : fields.kind === 'nextcloud'
        ? { kind: 'nextcloud', server: fields.server, user: fields.username, folder: fields.folder }
        : { kind: 'webdav', url: fields.url };
  const resolved = resolveVault(input);
  if (!resolved.ok) {
    const field = resolved.error.startsWith('folder') ? 'folder' : resolved.error === 'user-missing' ? 'username' : fields.kind === 'nextcloud' ? 'server' : 'url';
    return { ok: false, failure: t(INPUT_ERROR_TEXT[resolved.error]), field };
  }
  if (fields.username.trim() === '') return { ok: false, failure: t('syncUsernameMissing'), field: 'username' };
  if (fields.password === '') return { ok: false, failure: t('syncPasswordMissing'), field: 'password' };
  if (fields.deviceName.trim() === '') return { ok: false, failure: t('syncDeviceNameMissing'), field: 'deviceName' };
  return {
    ok: true,
    signIn: { input, location: resolved.location, username: fields.username.trim(), password: fields.password },
    deviceName: fields.deviceName.trim(),
  };
}

function TextField({ id, label, value, invalid, disabled, type = 'text', hint, placeholder, autoComplete, onChange }: {
  id: string;
  label: string;
  value: string;
  invalid: boolean;
  disabled: boolean;
  type?: 'text' | 'password' | 'url';
  hint?: string;
  placeholder?: string;
  autoComplete?: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className={`field${invalid ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        disabled={disabled}
        spellCheck={false}
        autoComplete={autoComplete ?? 'off'}
        placeholder={placeholder}
        aria-invalid={invalid || undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

export function SyncSection() {
  const id = useId();
  const [place, setPlace] = useState<AccountPlace | null | undefined>(undefined);
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [now, setNow] = useState(() => Date.now());

  const [fields, setFields] = useState<ServerFields>({
    kind: uiLanguage() === 'zh-CN' ? 'jianguoyun' : 'webdav',
    folder: DEFAULT_VAULT_FOLDER,
    server: '',
    url: '',
    username: '',
    password: '',
    deviceName: defaultDeviceName(),
  });
  const [invalid, setInvalid] = useState<keyof ServerFields | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [where, setWhere] = useState<'create' | 'join' | 'account' | 'leave'>('create');
  // Creating.
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [problem, setProblem] = useState<PassphraseProblem | null>(null);
  // Joining.
  const [joinPassphrase, setJoinPassphrase] = useState('');
  const [opened, setOpened] = useState<{ vault: OpenedVault; signIn: ServerSignIn; deviceName: string } | null>(null);

  useEffect(() => {
    let live = true;
    const readPlace = () => void loadAccountPlace().then((read) => live && setPlace(read));
    readPlace();
    void readSyncStatus().then((read) => live && setStatus(read));
    const stopStatus = onSyncStatusChange((next) => {
      setStatus(next);
      setNow(Date.now());
    });
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && SYNC_ACCOUNT_KEY in changes) readPlace();
    };
    browser.storage.onChanged.addListener(onStorage);
    // "2 minutes ago" moves on while the page is open.
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      live = false;
      stopStatus();
      browser.storage.onChanged.removeListener(onStorage);
      clearInterval(timer);
    };
  }, []);

  const set = (field: keyof ServerFields) => (value: string) => {
    setFields((current) => ({ ...current, [field]: value }));
    if (invalid === field) setInvalid(null);
  };

  const begin = (card: typeof where, working: string) => {
    setWhere(card);
    setBusy(true);
    setFailure(null);
    setMessage(working);
  };
  const finish = (outcome: { status: string } | { failure: string }) => {
    setBusy(false);
    if ('status' in outcome) {
      setMessage(outcome.status);
      setFailure(null);
    } else {
      setMessage(null);
      setFailure(outcome.failure);
    }
  };
  const refuse = (card: typeof where, text: string, field: keyof ServerFields | null = null) => {
    setWhere(card);
    setMessage(null);
    setFailure(text);
    setInvalid(field);
  };

  /** Checks the server's fields, then asks for its origin: the first await of the click. */
  const askFor = (card: typeof where): { checked: Extract<Checked, { ok: true }>; granted: Promise<boolean> } | null => {
    const checked = checkFields(fields);
    if (!checked.ok) {
      refuse(card, checked.failure, checked.field);
      return null;
    }
    return { checked, granted: requestHostPermission(checked.signIn.location.permissionPattern) };
  };

  const create = (event: SyntheticEvent) => {
    event.preventDefault();
    const found = checkNewPassphrase(passphrase, confirmation);
    setProblem(found);
    if (found) {
      refuse('create', t(PASSPHRASE_PROBLEM_TEXT[found], String(MIN_PASSPHRASE_LENGTH)));
      return;
    }
    const asked = askFor('create');
    if (!asked) return;
    begin('create', t('syncWorkingCreate'));
    void (async () => {
      if (!(await asked.granted.catch(() => false))) return finish({ failure: t('syncPermissionRefused') });
      const result = await createSyncVault(asked.checked.signIn, passphrase, asked.checked.deviceName, Date.now());
      if (!result.ok) return finish({ failure: setupProblemText(result.problem) });
      setPassphrase('');
      setConfirmation('');
      finish({ status: t('syncCreated') });
      setWhere('account');
    })().catch(() => finish({ failure: syncProblemText('server') }));
  };

  const open = (event: SyntheticEvent) => {
    event.preventDefault();
    if (joinPassphrase === '') {
      refuse('join', t('syncVaultPassphraseMissing'));
      return;
    }
    const asked = askFor('join');
    if (!asked) return;
    begin('join', t('syncWorkingOpen'));
    setOpened(null);
    void (async () => {
      if (!(await asked.granted.catch(() => false))) return finish({ failure: t('syncPermissionRefused') });
      const result = await openSyncVault(asked.checked.signIn, joinPassphrase);
      if (!result.ok) return finish({ failure: setupProblemText(result.problem) });
      setOpened({ vault: result.value, signIn: asked.checked.signIn, deviceName: asked.checked.deviceName });
      finish({ status: '' });
    })().catch(() => finish({ failure: syncProblemText('server') }));
  };

  const join = () => {
    if (!opened) return;
    begin('join', t('syncWorkingJoin'));
    void (async () => {
      const result = await joinSyncVault(opened.signIn, opened.vault.vault, opened.deviceName, Date.now());
      if (!result.ok) return finish({ failure: setupProblemText(result.problem) });
      setOpened(null);
      setJoinPassphrase('');
      finish({ status: t('syncJoined') });
      setWhere('account');
    })().catch(() => finish({ failure: syncProblemText('server') }));
  };

  const allow = () => {
    if (!place) return;
    const granted = requestHostPermission(place.location.permissionPattern);
    begin('account', '');
    void granted.then(
      (ok) => finish(ok ? { status: '' } : { failure: t('syncPermissionStillMissing') }),
      () => finish({ failure: t('syncPermissionStillMissing') }),
    );
  };

  /** The background syncs (one run at a time there); the outcome arrives through the status. */
  const syncNow = () => {
    begin('account', '');
    void send('sync-now', {}).then(
      () => finish({ status: '' }),
      () => finish({ failure: t('syncNowFailed') }),
    );
  };

  const leave = () => {
    begin('leave', '');
    void leaveSync().then(
      () => {
        setOpened(null);
        finish({ status: t('syncLeft') });
      },
      () => finish({ failure: syncProblemText('server') }),
    );
  };

  const feedback = (card: typeof where) => where === card && <Feedback failure={failure} status={message} />;

  if (place === undefined) return null;

  const lines = status ? describeSyncStatus(status, now) : null;
  const passwordLabel = fields.kind === 'webdav' ? t('syncPassword') : t('syncAppPassword');

  return (
    <section className="sync-section" id="sync" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        {t('syncTitle')}
      </h2>
      <p className="hint">{t('syncIntro')}</p>

      {place ? (
        <>
          <div className="card form sync-account" aria-busy={busy}>
            <p className="sync-place">{t('syncPlace', place.location.folderUrl)}</p>
            <p>{t('syncThisDevice', place.deviceName)}</p>
            {lines && (
              <div className={`sync-status ${lines.tone}`} data-sync-status={lines.tone}>
                <p className="sync-headline">{lines.headline}</p>
                {lines.details.map((line) => (
                  <p key={line} className="hint">
                    {line}
                  </p>
                ))}
              </div>
            )}
            <div className="form-actions">
              {status?.problem === 'no-permission' && (
                <button type="button" className="button secondary" disabled={busy} onClick={allow}>
                  {t('syncAllow')}
                </button>
              )}
              <button type="button" className="button primary" disabled={busy || lines?.tone === 'running'} onClick={syncNow}>
                {t('syncNow')}
              </button>
            </div>
          </div>
          {feedback('account')}

          <Suspense fallback={null}>
            <SyncConflicts deviceName={place.deviceName} />
          </Suspense>

          <div className="card form" aria-busy={busy}>
            <h3 id={`${id}-leave`}>{t('syncLeaveTitle')}</h3>
            <p className="hint">{t('syncLeaveHint')}</p>
            <div className="form-actions">
              <button type="button" className="button secondary" disabled={busy} onClick={leave}>
                {t('syncLeave')}
              </button>
            </div>
          </div>
        </>
      ) : (
        <>
          <div className="card form" aria-labelledby={`${id}-server`}>
            <h3 id={`${id}-server`}>{t('syncServerLegend')}</h3>
            <div className="field">
              <label htmlFor={`${id}-kind`}>{t('syncServerKind')}</label>
              <select id={`${id}-kind`} value={fields.kind} disabled={busy} onChange={(e) => set('kind')(e.target.value)}>
                <option value="jianguoyun">{t('syncKindJianguoyun')}</option>
                <option value="nextcloud">{t('syncKindNextcloud')}</option>
                <option value="webdav">{t('syncKindWebdav')}</option>
              </select>
            </div>
            <p className="hint sync-kind-hint">
              {t(fields.kind === 'jianguoyun' ? 'syncJianguoyunHint' : fields.kind === 'nextcloud' ? 'syncNextcloudHint' : 'syncWebdavHint')}
            </p>
            {fields.kind === 'nextcloud' && (
              <TextField id={`${id}-server-url`} label={t('syncNextcloudServer')} type="url" placeholder="https://cloud.example.com" value={fields.server} invalid={invalid === 'server'} disabled={busy} onChange={set('server')} />
            )}
            {fields.kind === 'webdav' && (
              <TextField id={`${id}-url`} label={t('syncWebdavUrl')} type="url" placeholder="https://dav.example.com/repay-companion/" value={fields.url} invalid={invalid === 'url'} disabled={busy} onChange={set('url')} />
            )}
            <TextField
              id={`${id}-username`}
              label={fields.kind === 'jianguoyun' ? t('syncJianguoyunUsername') : t('syncUsername')}
              autoComplete="username"
              value={fields.username}
              invalid={invalid === 'username'}
              disabled={busy}
              onChange={set('username')}
            />
            <TextField id={`${id}-password`} label={passwordLabel} type="password" autoComplete="current-password" value={fields.password} invalid={invalid === 'password'} disabled={busy} onChange={set('password')} />
            {fields.kind !== 'webdav' && (
              <TextField id={`${id}-folder`} label={t('syncFolder')} value={fields.folder} invalid={invalid === 'folder'} disabled={busy} onChange={set('folder')} />
            )}
            <TextField id={`${id}-device`} label={t('syncDeviceName')} hint={t('syncDeviceNameHint')} value={fields.deviceName} invalid={invalid === 'deviceName'} disabled={busy} onChange={set('deviceName')} />
          </div>

          <form className="card form" aria-labelledby={`${id}-create`} aria-busy={busy} onSubmit={create}>
            <h3 id={`${id}-create`}>{t('syncCreateTitle')}</h3>
            <p className="hint">{t('syncCreateHint')}</p>
            <NewPassphraseFields
              idPrefix={`${id}-create`}
              labels={{ passphrase: 'syncVaultPassphrase', confirmation: 'syncVaultPassphraseConfirm' }}
              passphrase={passphrase}
              confirmation={confirmation}
              problem={problem}
              disabled={busy}
              onPassphrase={setPassphrase}
              onConfirmation={setConfirmation}
            />
            <div className="form-actions">
              <button type="submit" className="button primary" disabled={busy}>
                {t('syncCreate')}
              </button>
            </div>
          </form>
          {feedback('create')}

          <form className="card form" aria-labelledby={`${id}-join`} aria-busy={busy} onSubmit={open}>
            <h3 id={`${id}-join`}>{t('syncJoinTitle')}</h3>
            <p className="hint">{t('syncJoinHint')}</p>
            <PassphraseField id={`${id}-join-passphrase`} label="syncVaultPassphrase" value={joinPassphrase} disabled={busy} onChange={setJoinPassphrase} />
            {!opened && (
              <div className="form-actions">
                <button type="submit" className="button secondary" disabled={busy}>
                  {t('syncOpenVault')}
                </button>
              </div>
            )}
            {opened && (
              <div className="sync-found" data-sync-found="">
                {opened.vault.devices.length === 0 ? (
                  <p>{t('syncNoDevices')}</p>
                ) : (
                  <>
                    <p>{t('syncFoundDevices')}</p>
                    <ul>
                      {opened.vault.devices.map((device) => (
                        <li key={device.id}>
                          {t('syncDeviceLine', [
                            device.name ?? t('syncDeviceUnnamed'),
                            device.lastChangeAt === null ? t('syncDeviceNoChange') : formatClock(device.lastChangeAt, now),
                          ])}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                <p className="hint">{t('syncJoinExplain')}</p>
                <div className="form-actions">
                  <button type="button" className="button secondary" disabled={busy} onClick={() => setOpened(null)}>
                    {t('syncCancel')}
                  </button>
                  <button type="button" className="button primary" disabled={busy} onClick={join}>
                    {t('syncJoin')}
                  </button>
                </div>
              </div>
            )}
          </form>
          {feedback('join')}
        </>
      )}
      {feedback('leave')}
    </section>
  );
}
