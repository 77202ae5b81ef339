import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import { t } from '../../lib/i18n';
import { LOCK_PROBLEM_TEXT } from '../../lib/lock/lock-text';

/**
 * The key derivation and the record conversion load apart from the form: the list of their chunks
 * would otherwise be written into every page's first screen (where this screen is lazily named).
 */
const lockActions = () => import('../../lib/lock/actions');

/**
 * Shown by LockGate instead of a page while the lock is locked. The key derivation takes about a
 * second, so the form says it is working; a wrong passphrase changes nothing and leaves the field
 * to try again. Once unlocked, the gate mounts the page.
 */
export function UnlockScreen({ onUnlocked }: { onUnlocked: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const titleId = useId();
  const fieldId = useId();

  useEffect(() => {
    // Fetched while the passphrase is typed.
    lockActions().catch(() => undefined);
  }, []);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (busy) return;
    if (passphrase === '') {
      setFailure(t('lockErrEmpty'));
      return;
    }
    setBusy(true);
    setFailure(null);
    lockActions()
      .then(({ unlock }) => unlock(passphrase, Date.now()))
      .then((result) => {
        if (result.ok || result.problem === 'off') {
          setPassphrase('');
          onUnlocked();
          return;
        }
        setFailure(t(LOCK_PROBLEM_TEXT[result.problem]));
      })
      .catch((error: unknown) => setFailure(t('lockErrUnexpected', error instanceof Error ? error.message : String(error))))
      .finally(() => setBusy(false));
  };

  return (
    <main className="lock-screen">
      <h1 id={titleId}>{t('lockScreenTitle')}</h1>
      <p>{t('lockScreenIntro')}</p>
      <form className="card form" aria-label={t('lockUnlockForm')} aria-busy={busy} onSubmit={submit}>
        <div className={`field${failure ? ' invalid' : ''}`}>
          <label htmlFor={fieldId}>{t('lockPassphrase')}</label>
          <input
            id={fieldId}
            type="password"
            autoComplete="current-password"
            // The screen exists only to take the passphrase.
            autoFocus
            value={passphrase}
            readOnly={busy}
            aria-invalid={failure !== null}
            onChange={(e) => setPassphrase(e.target.value)}
          />
        </div>
        {failure && (
          <p className="banner error" role="alert">
            {failure}
          </p>
        )}
        <p className="status" role="status">
          {busy ? t('lockUnlocking') : null}
        </p>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {t('lockUnlock')}
          </button>
        </div>
      </form>
      <p className="hint">{t('lockForgotHint')}</p>
    </main>
  );
}
