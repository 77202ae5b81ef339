import { browser } from 'wxt/browser';
import type { LockState } from '../crypto/lock-rules';

/**
 * Where the lock lives (docs/lock-design.md): its settings in storage.local (present = the lock is
 * on), the unlocked data key in storage.session (memory only: closing the browser locks). This
 * module only reads them; turning the lock on and off, unlocking and locking are in ./actions.
 *
 * The two values are cached and kept current through storage.onChanged, so a page asking before
 * every read costs a clock read, not a storage round trip. The idle deadline is checked each time.
 */

export const LOCK_SETTINGS_KEY = 'lockSettings';
export const UNLOCKED_SESSION_KEY = 'unlockedSession';

/** Records are sealed and no key is held: unlock first. Nothing was read or written. */
export class LockedError extends Error {
  constructor() {
    super('The data is locked.');
    this.name = 'LockedError';
  }
}

interface Raw {
  settings: unknown;
  session: unknown;
}

let cached: Promise<Raw> | null = null;
/** The last values read, while still current (cleared with the cache). */
let resolved: Raw | null = null;
let watching = false;
const listeners = new Set<() => void>();
let keyCache: { raw: string; key: Promise<CryptoKey | null> } | null = null;

function watch(): void {
  if (watching) return;
  watching = true;
  browser.storage.onChanged.addListener((changes, area) => {
    if ((area === 'local' && LOCK_SETTINGS_KEY in changes) || (area === 'session' && UNLOCKED_SESSION_KEY in changes)) {
      cached = null;
      resolved = null;
      for (const listener of [...listeners]) listener();
    }
  });
}

async function readRaw(): Promise<Raw> {
  const [local, session] = await Promise.all([
    browser.storage.local.get(LOCK_SETTINGS_KEY),
    browser.storage.session.get(UNLOCKED_SESSION_KEY),
  ]);
  return { settings: local[LOCK_SETTINGS_KEY], session: session[UNLOCKED_SESSION_KEY] };
}

function raw(): Promise<Raw> {
  watch();
  if (cached === null) {
    const reading = readRaw().then(
      (values) => {
        if (cached === reading) resolved = values;
        return values;
      },
      (error: unknown) => {
        if (cached === reading) cached = null;
        throw error;
      },
    );
    cached = reading;
  }
  return cached;
}

/** Off, locked (and why) or unlocked (with the idle deadline), as of `now`. */
export async function currentLockState(now: number = Date.now()): Promise<LockState> {
  const { settings, session } = await raw();
  // The lock's code (schemas, crypto) is loaded only by those who turned it on.
  if (settings === undefined || settings === null) return { kind: 'off' };
  const { lockStateOf } = await import('../crypto/lock-rules');
  return lockStateOf(settings, session, now);
}

/**
 * True when the lock is known to be off without waiting: the state was read already and has not
 * changed since. A page's last save while it closes writes at once then (Firefox does not wait for
 * a closing page), as it did before the lock existed.
 */
export function lockKnownOff(): boolean {
  return resolved !== null && (resolved.settings === undefined || resolved.settings === null);
}

/** Whether the lock is turned on at all (locked or not). */
export async function lockIsOn(): Promise<boolean> {
  return (await currentLockState()).kind !== 'off';
}

/**
 * The key that seals records: null while the lock is off (records are stored as they are).
 * Throws LockedError while locked, so nothing reads sealed data or writes plaintext beside it.
 */
export async function currentRecordKey(now: number = Date.now()): Promise<CryptoKey | null> {
  const state = await currentLockState(now);
  if (state.kind === 'off') return null;
  if (state.kind === 'locked') throw new LockedError();
  if (keyCache?.raw !== state.session.rawKey) {
    const rawKey = state.session.rawKey;
    keyCache = { raw: rawKey, key: import('../crypto/raw-key').then(({ importRawKey }) => importRawKey(rawKey)) };
  }
  const key = await keyCache.key;
  if (!key) throw new LockedError();
  return key;
}

/** Calls `listener` whenever the lock is turned on or off, unlocked or locked. Returns the unsubscribe. */
export function onLockChange(listener: () => void): () => void {
  watch();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tests: forget what was read (the fake browser is reset between tests without change events). */
export function resetLockCache(): void {
  cached = null;
  resolved = null;
  keyCache = null;
  watching = false;
}
