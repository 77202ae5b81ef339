import { createContext, lazy, Suspense, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { currentLockState, onLockChange } from '../../lib/keys/state';
import { lockWasOn, noteLockOn } from '../../lib/snapshot/popup-snapshot';

/**
 * Every page sits behind this gate (docs/lock-design.md). With the lock off it renders the page as
 * soon as one cached storage read says so. Locked, the page is not mounted at all (so nothing is
 * read or kept decrypted) and the unlock screen shows instead; when the lock closes while the page
 * is open (auto-lock, "Lock now" in another window), the page is unmounted at once, dropping what
 * it had decrypted. Only the state check lives on the first screen: the unlock form (with the key
 * derivation), activity tracking and "Lock now" load when the lock is on.
 */

type Gate = { kind: 'checking' | 'off' | 'locked' } | { kind: 'unlocked'; idleDeadline: number };

const tools = () => import('./WhileUnlocked');
const UnlockScreen = lazy(() => import('./UnlockScreen').then((m) => ({ default: m.UnlockScreen })));
const WhileUnlocked = lazy(() => tools().then((m) => ({ default: m.WhileUnlocked })));
const LockNow = lazy(() => tools().then((m) => ({ default: m.LockNow })));

/** True below the gate while the lock is on (and thus open): pages offer "Lock now" then. */
const LockOnContext = createContext(false);

export function LockGate({ children }: { children: ReactNode }) {
  const [gate, setGate] = useState<Gate>(() => (lockWasOn() ? { kind: 'checking' } : { kind: 'off' }));
  const check = useRef<() => void>(() => undefined);

  useEffect(() => {
    let live = true;
    let asked = 0;
    check.current = () => {
      const ask = ++asked;
      currentLockState(Date.now()).then(
        (state) => {
          if (!live || ask !== asked) return;
          noteLockOn(state.kind !== 'off');
          // Same answer, same object: no re-render when activity merely moved the deadline a little.
          setGate((was) =>
            was.kind === state.kind && (state.kind !== 'unlocked' || (was.kind === 'unlocked' && was.idleDeadline === state.idleDeadline))
              ? was
              : state.kind === 'unlocked'
                ? { kind: 'unlocked', idleDeadline: state.idleDeadline }
                : { kind: state.kind },
          );
        },
        // Unreadable lock state counts as locked, never as off.
        () => {
          if (!live || ask !== asked) return;
          noteLockOn(true);
          setGate({ kind: 'locked' });
        },
      );
    };
    check.current();
    const stop = onLockChange(() => check.current());
    return () => {
      live = false;
      stop();
    };
  }, []);

  const [recheck] = useState(() => () => check.current());

  if (gate.kind === 'checking') return null;
  if (gate.kind === 'locked') {
    return (
      <Suspense fallback={<p className="status">…</p>}>
        <UnlockScreen onUnlocked={recheck} />
      </Suspense>
    );
  }
  return (
    <LockOnContext value={gate.kind === 'unlocked'}>
      {children}
      {gate.kind === 'unlocked' && (
        <Suspense fallback={null}>
          <WhileUnlocked idleDeadline={gate.idleDeadline} onDeadline={recheck} />
        </Suspense>
      )}
    </LockOnContext>
  );
}

/** Whether the lock is on (and open, since the page shows): a backup is then protected by default. */
export function useLockOn(): boolean {
  return useContext(LockOnContext);
}

/** "Lock now" for a page's header: shown only while the lock is on. */
export function LockNowButton() {
  return useLockOn() ? (
    <Suspense fallback={null}>
      <LockNow />
    </Suspense>
  ) : null;
}
