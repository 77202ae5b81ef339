/**
 * One lock action at a time across every page of the extension (docs/lock-design.md): turning the
 * lock on or off, finishing a conversion, changing the passphrase or the auto-lock delay all read
 * and write `lockSettings`, and two windows doing so at once must not each keep their own key.
 *
 * Web Locks (`navigator.locks`) are shared by every page and worker of the extension's origin, and
 * released by the browser if the page holding one closes. Every browser this extension supports has
 * them in extension pages (Chrome 69, Firefox 96). Without them (Node, in unit tests) the actions are
 * serialised within this page only, and the callers' own checks (turnOnLock reads its settings back)
 * are what remains between windows.
 */

export const LOCK_ACTIONS_MUTEX = 'repay-companion/lock-settings';

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

let inThisPage: Promise<unknown> = Promise.resolve();

function lockManager(): LockManagerLike | undefined {
  const locks = (globalThis.navigator as { locks?: Partial<LockManagerLike> } | undefined)?.locks;
  return typeof locks?.request === 'function' ? (locks as LockManagerLike) : undefined;
}

/**
 * Runs `task` once no other lock action runs anywhere in the extension, and returns what it returns.
 * Not re-entrant: a task must never call exclusive() again (it would wait for itself).
 */
export function exclusive<T>(task: () => Promise<T>): Promise<T> {
  const locks = lockManager();
  if (locks) return locks.request(LOCK_ACTIONS_MUTEX, () => task());
  const run = inThisPage.then(task, task);
  inThisPage = run.catch(() => undefined);
  return run;
}
