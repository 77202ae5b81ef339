import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import { Feedback } from '../shared/Feedback';
import { NewPassphraseFields, PassphraseField } from './PassphraseFields';
import { describeDataError } from '../../lib/backup/describe-error';
import { AUTO_LOCK_MINUTES, DEFAULT_AUTO_LOCK_MINUTES, type LockState } from '../../lib/crypto/lock-state';
import { checkNewPassphrase, MIN_PASSPHRASE_LENGTH, PASSPHRASE_PROBLEM_TEXT, type PassphraseProblem } from '../../lib/crypto/passphrase-rule';
import { t } from '../../lib/i18n';
import { changeAutoLock, changePassphrase, lockNow, turnOffLock, turnOnLock, type LockResult } from '../../lib/lock/actions';
import { autoLockText, LOCK_PROBLEM_TEXT } from '../../lib/lock/lock-text';
import { currentLockState, onLockChange } from '../../lib/keys/state';

/**
 * The options page's "Lock with a passphrase" (docs/lock-design.md). Off: what the lock does and
 * does not do, that there is no recovery (ticked before anything happens), a protected backup
 * first, then the passphrase twice and the auto-lock delay. On (and thus unlocked, or the gate
 * would show the unlock screen): the delay, "Lock now", a new passphrase, turning it off.
 * Every refusal leaves things as they were and says why.
 */

const MINUTE = 60_000;

function autoLockLabel(minutes: number): string {
  const { key, count } = autoLockText(minutes);
  return t(key, count);
}


function AutoLockSelect({ id, value, disabled, onChange }: { id: string; value: number; disabled: boolean; onChange: (minutes: number) => void }) {
  const choices: readonly number[] = AUTO_LOCK_MINUTES.includes(value as (typeof AUTO_LOCK_MINUTES)[number]) ? AUTO_LOCK_MINUTES : [...AUTO_LOCK_MINUTES, value];
  return (
    <div className="field">
      <label htmlFor={id}>{t('lockAutoLock')}</label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(Number(e.target.value))}>
        {choices.map((minutes) => (
          <option key={minutes} value={minutes}>
            {autoLockLabel(minutes)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function LockSection() {
  const [state, setState] = useState<LockState | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  /** The card the last message belongs to: it is shown under that card, next to what was done. */
  const [where, setWhere] = useState<'top' | 'change' | 'off'>('top');
  const id = useId();
  // Turning on.
  const [understood, setUnderstood] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [minutes, setMinutes] = useState<number>(DEFAULT_AUTO_LOCK_MINUTES);
  const [problem, setProblem] = useState<PassphraseProblem | null>(null);
  // Changing the passphrase.
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [nextConfirmation, setNextConfirmation] = useState('');
  const [nextProblem, setNextProblem] = useState<PassphraseProblem | null>(null);
  // Turning off.
  const [offPassphrase, setOffPassphrase] = useState('');

  useEffect(() => {
    let live = true;
    const read = () =>
      currentLockState(Date.now()).then(
        (read) => live && setState(read),
        () => live && setState({ kind: 'locked', reason: 'settings-invalid' }),
      );
    void read();
    const stop = onLockChange(() => void read());
    return () => {
      live = false;
      stop();
    };
  }, []);

  /** Runs one action at a time, `working` shown meanwhile; what it returns is the outcome, or the failure. */
  const run = async (card: typeof where, working: string, action: () => Promise<{ status: string } | { failure: string }>) => {
    setWhere(card);
    setBusy(true);
    setStatus(working);
    setFailure(null);
    try {
      const outcome = await action();
      if ('status' in outcome) setStatus(outcome.status);
      else {
        setStatus(null);
        setFailure(outcome.failure);
      }
    } catch (error) {
      setStatus(null);
      setFailure(describeDataError(error));
    } finally {
      setBusy(false);
    }
  };

  const refused = (result: LockResult): { failure: string } | null => (result.ok ? null : { failure: t(LOCK_PROBLEM_TEXT[result.problem]) });

  const turnOn = (event: SyntheticEvent) => {
    event.preventDefault();
    setStatus(null);
    setWhere('top');
    if (!understood) {
      setFailure(t('lockUnderstandRequired'));
      return;
    }
    const found = checkNewPassphrase(passphrase, confirmation);
    setProblem(found);
    if (found) {
      setFailure(t(PASSPHRASE_PROBLEM_TEXT[found], String(MIN_PASSPHRASE_LENGTH)));
      return;
    }
    void run('top', t('lockTurningOn'), async () => {
      try {
        // Turned on in another window a moment before: nothing was done here.
        const refusal = refused(await turnOnLock(passphrase, minutes, Date.now()));
        if (refusal) return refusal;
      } catch (error) {
        // Sealing the records can fail after the lock is already on: say so, not "try again".
        if ((await currentLockState(Date.now()).catch(() => null))?.kind === 'off') throw error;
        return { failure: t('lockErrTurnOnUnfinished', error instanceof Error ? error.message : String(error)) };
      }
      setPassphrase('');
      setConfirmation('');
      setUnderstood(false);
      return { status: t('lockTurnedOn') };
    });
  };

  const chooseAutoLock = (chosen: number) =>
    void run('top', '', async () => {
      await changeAutoLock(chosen);
      return { status: t('lockAutoLockSaved', autoLockLabel(chosen)) };
    });

  const change = (event: SyntheticEvent) => {
    event.preventDefault();
    setStatus(null);
    setWhere('change');
    if (current === '') {
      setFailure(t('lockErrEmpty'));
      return;
    }
    const found = checkNewPassphrase(next, nextConfirmation);
    setNextProblem(found);
    if (found) {
      setFailure(t(PASSPHRASE_PROBLEM_TEXT[found], String(MIN_PASSPHRASE_LENGTH)));
      return;
    }
    void run('change', t('lockChanging'), async () => {
      const result = await changePassphrase(current, next, Date.now());
      const refusal = refused(result);
      if (refusal) return refusal;
      setCurrent('');
      setNext('');
      setNextConfirmation('');
      return { status: t('lockChanged') };
    });
  };

  const turnOff = (event: SyntheticEvent) => {
    event.preventDefault();
    setStatus(null);
    setWhere('off');
    if (offPassphrase === '') {
      setFailure(t('lockErrEmpty'));
      return;
    }
    void run('off', t('lockTurningOff'), async () => {
      const refusal = refused(await turnOffLock(offPassphrase, Date.now()));
      if (refusal) return refusal;
      setOffPassphrase('');
      return { status: t('lockTurnedOff') };
    });
  };

  const feedback = <Feedback failure={failure} status={status} />;
  const autoLockNow = state?.kind === 'unlocked' ? Math.round((state.idleDeadline - state.session.lastActivityAt) / MINUTE) : minutes;

  return (
    <section className="lock-section" id="lock" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        {t('lockTitle')}
      </h2>
      <p className="hint">{t('lockIntro')}</p>
      <p className="hint">{t('lockLimits')}</p>

      {state?.kind === 'off' && (
        <form className="card form" aria-labelledby={`${id}-on`} aria-busy={busy} onSubmit={turnOn}>
          <h3 id={`${id}-on`}>{t('lockTurnOn')}</h3>
          <p className="banner error" id={`${id}-no-recovery`}>
            <strong>{t('lockNoRecovery')}</strong>
          </p>
          <p className="hint">{t('lockBackupFirst')}</p>
          <div className="field checkbox">
            <input
              id={`${id}-understand`}
              type="checkbox"
              checked={understood}
              disabled={busy}
              aria-describedby={`${id}-no-recovery`}
              onChange={(e) => setUnderstood(e.target.checked)}
            />
            <label htmlFor={`${id}-understand`}>{t('lockUnderstand')}</label>
          </div>
          <NewPassphraseFields
            idPrefix={`${id}-on`}
            labels={{ passphrase: 'lockPassphrase', confirmation: 'lockPassphraseConfirm' }}
            passphrase={passphrase}
            confirmation={confirmation}
            problem={problem}
            disabled={busy}
            onPassphrase={setPassphrase}
            onConfirmation={setConfirmation}
          />
          <AutoLockSelect id={`${id}-on-minutes`} value={minutes} disabled={busy} onChange={setMinutes} />
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy}>
              {t('lockTurnOn')}
            </button>
          </div>
        </form>
      )}
      {state?.kind === 'off' && feedback}

      {state?.kind === 'unlocked' && (
        <>
          <div className="card form" aria-busy={busy}>
            <p>{t('lockStatusOn')}</p>
            <AutoLockSelect id={`${id}-minutes`} value={autoLockNow} disabled={busy} onChange={chooseAutoLock} />
            <div className="form-actions">
              <button
                type="button"
                className="button secondary"
                disabled={busy}
                data-lock-now=""
                onClick={() =>
                  void run('top', '', async () => {
                    // The gate shows the unlock screen instead of this page once the key is gone.
                    await lockNow();
                    return { status: '' };
                  })
                }
              >
                {t('lockNow')}
              </button>
            </div>
          </div>
          {where === 'top' && feedback}

          <form className="card form" aria-labelledby={`${id}-change`} aria-busy={busy} onSubmit={change}>
            <h3 id={`${id}-change`}>{t('lockChangeTitle')}</h3>
            <PassphraseField id={`${id}-current`} label="lockCurrentPassphrase" value={current} disabled={busy} onChange={setCurrent} />
            <NewPassphraseFields
              idPrefix={`${id}-change`}
              labels={{ passphrase: 'lockNewPassphrase', confirmation: 'lockNewPassphraseConfirm' }}
              passphrase={next}
              confirmation={nextConfirmation}
              problem={nextProblem}
              disabled={busy}
              onPassphrase={setNext}
              onConfirmation={setNextConfirmation}
            />
            <div className="form-actions">
              <button type="submit" className="button secondary" disabled={busy}>
                {t('lockChange')}
              </button>
            </div>
          </form>
          {where === 'change' && feedback}

          <form className="card form" aria-labelledby={`${id}-off`} aria-busy={busy} onSubmit={turnOff}>
            <h3 id={`${id}-off`}>{t('lockOffTitle')}</h3>
            <p className="hint">{t('lockOffHint')}</p>
            <PassphraseField id={`${id}-off-passphrase`} label="lockPassphrase" value={offPassphrase} disabled={busy} onChange={setOffPassphrase} />
            <div className="form-actions">
              <button type="submit" className="button secondary" disabled={busy}>
                {t('lockTurnOff')}
              </button>
            </div>
          </form>
          {where === 'off' && feedback}
        </>
      )}
    </section>
  );
}
