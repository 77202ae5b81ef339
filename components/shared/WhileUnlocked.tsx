import { useEffect, useState } from 'react';
import { t } from '../../lib/i18n';
import { throttleActivity } from '../../lib/lock/activity';

/**
 * What a page needs only while the lock is on and open, loaded then (LockGate keeps the first
 * screen free of it): input passed on as activity, a check at the idle deadline, and "Lock now".
 */

/** Input on this element is not activity: "Lock now" must not race a write that keeps the session. */
const NOT_ACTIVITY = 'data-lock-now';

/** The lock's actions load on first use (they bring the key derivation and the record conversion). */
const lockActions = () => import('../../lib/lock/actions');

function reportActivity(now: number): void {
  lockActions().then(
    (m) => m.noteActivity(now),
    () => undefined,
  );
}

/**
 * Passes user input on (throttled) so auto-lock counts idle time from the last use, and asks the
 * gate to check again at the idle deadline: the background's alarm can be late, or lost when
 * Firefox restarts. Renders nothing.
 */
export function WhileUnlocked({ idleDeadline, onDeadline }: { idleDeadline: number; onDeadline: () => void }) {
  useEffect(() => {
    const timer = setTimeout(onDeadline, Math.max(0, idleDeadline - Date.now()) + 100);
    return () => clearTimeout(timer);
  }, [idleDeadline, onDeadline]);

  useEffect(() => {
    const report = throttleActivity(reportActivity);
    const onInput = (event: Event) => {
      if (event.target instanceof Element && event.target.closest(`[${NOT_ACTIVITY}]`)) return;
      report(Date.now());
    };
    const options = { capture: true, passive: true };
    document.addEventListener('pointerdown', onInput, options);
    document.addEventListener('keydown', onInput, options);
    return () => {
      document.removeEventListener('pointerdown', onInput, options);
      document.removeEventListener('keydown', onInput, options);
    };
  }, []);

  return null;
}

/** A padlock for a page's header (headers have no room for words): locks at once. */
export function LockNow() {
  const [busy, setBusy] = useState(false);
  const lock = () => {
    setBusy(true);
    // The gate unmounts this page once the session is gone; on failure the button comes back.
    lockActions()
      .then((m) => m.lockNow())
      .catch(() => undefined)
      .finally(() => setBusy(false));
  };
  return (
    <button
      type="button"
      className="button link small lock-now"
      disabled={busy}
      onClick={lock}
      aria-label={t('lockNow')}
      title={t('lockNow')}
      {...{ [NOT_ACTIVITY]: '' }}
    >
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
        <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
      </svg>
    </button>
  );
}
