import { browser } from 'wxt/browser';
import { bytesToBase64, randomBytes } from '../crypto/bytes';
import { openText, seal } from '../crypto/envelope';
import {
  AUTO_LOCK_MINUTES,
  DATA_KEY_AAD,
  lockSettingsSchema,
  lockStateOf,
  newSession,
  recordActivity,
  type LockSettings,
} from '../crypto/lock-state';
import { importRawKey, newPassphraseKey, unlockPassphraseKey, type KeyOptions, type KeyProblem } from '../crypto/passphrase-key';
import { checkNewPassphrase } from '../crypto/passphrase-rule';
import { resealAll } from './convert';
import { restoreAllStashedDrafts } from './draft-restore';
import { exclusive } from './exclusive';
import { dropPlaintextDrafts, sealStashedDrafts } from '../keys/draft-stash';
import { LOCK_SETTINGS_KEY, UNLOCKED_SESSION_KEY } from '../keys/state';

/**
 * What the user does with the lock (docs/lock-design.md): turn it on or off, unlock, lock now,
 * change the passphrase or the auto-lock delay, and the activity that keeps it open. Everything is
 * written to storage.local (`lockSettings`) and storage.session (`unlockedSession`); lib/lock/state.ts
 * reads them. `now` is epoch ms, a parameter as everywhere in lib.
 *
 * The data key is 32 random bytes, sealed with the passphrase's key (bound to DATA_KEY_AAD, as in
 * lib/keys/test-support.ts); changing the passphrase re-seals only those bytes.
 */

export type LockProblem = KeyProblem | 'off' | 'already-on';
export type LockResult = { ok: true } | { ok: false; problem: LockProblem };
/** Turning the lock on: done, or it was on already (turned on in another window, maybe a moment ago). */
export type TurnOnResult = { ok: true } | { ok: false; problem: 'already-on' };

const ALREADY_ON = { ok: false, problem: 'already-on' } as const;

/** The new passphrase does not meet the rule (lib/crypto/passphrase-rule.ts): nothing was changed. */
export class WeakPassphraseError extends Error {
  constructor(readonly problem: string) {
    super(`The new passphrase cannot be used: ${problem}.`);
    this.name = 'WeakPassphraseError';
  }
}

function requireUsablePassphrase(passphrase: string): void {
  // Asked of the passphrase alone: the confirmation is the form's business.
  const problem = checkNewPassphrase(passphrase, passphrase);
  if (problem !== null) throw new WeakPassphraseError(problem);
}

function requireAutoLockChoice(minutes: number): void {
  if (!(AUTO_LOCK_MINUTES as readonly number[]).includes(minutes)) throw new RangeError(`Auto-lock must be one of ${AUTO_LOCK_MINUTES.join(', ')} minutes.`);
}

/** storage.session as it may be: missing before Firefox 115, without setAccessLevel in Firefox. */
type SessionArea = Pick<typeof browser.storage.session, 'get' | 'set' | 'remove'> & {
  setAccessLevel?: (access: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void>;
};

function sessionArea(): SessionArea | undefined {
  return browser.storage.session;
}

/** storage.session stays out of reach of content scripts (we have none, but say so explicitly). */
async function restrictSessionStorage(): Promise<void> {
  try {
    await sessionArea()?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
  } catch (error) {
    // Firefox and older builds lack it; TRUSTED_CONTEXTS is the default anyway.
    console.warn('storage.session access level not set', error);
  }
}

async function readSettings(): Promise<unknown> {
  return (await browser.storage.local.get(LOCK_SETTINGS_KEY))[LOCK_SETTINGS_KEY];
}

async function readSession(): Promise<unknown> {
  const area = sessionArea();
  if (!area) return undefined;
  return (await area.get(UNLOCKED_SESSION_KEY))[UNLOCKED_SESSION_KEY];
}

async function writeSession(raw: string, now: number): Promise<void> {
  await restrictSessionStorage();
  await browser.storage.session.set({ [UNLOCKED_SESSION_KEY]: newSession(raw, now) });
}

async function writeSettings(settings: LockSettings): Promise<void> {
  await browser.storage.local.set({ [LOCK_SETTINGS_KEY]: settings });
}

/** Settings as stored now, with `change` applied (re-read so a change made meanwhile elsewhere is kept). */
async function updateSettings(change: (settings: LockSettings) => LockSettings): Promise<void> {
  const parsed = lockSettingsSchema.safeParse(await readSettings());
  if (!parsed.success) return;
  await writeSettings(change(parsed.data));
}

function withoutConverting(settings: LockSettings): LockSettings {
  const rest = { ...settings };
  delete rest.converting;
  return rest;
}

type Opened =
  | { ok: true; settings: LockSettings; raw: string; dataKey: CryptoKey; passphraseKey: CryptoKey; unbound: boolean }
  | { ok: false; problem: LockProblem };

/** The data key behind the passphrase, or why not. A wrong passphrase is refused before anything is read or written. */
async function openDataKey(passphrase: string, options: KeyOptions): Promise<Opened> {
  const stored = await readSettings();
  if (stored === undefined || stored === null) return { ok: false, problem: 'off' };
  const parsed = lockSettingsSchema.safeParse(stored);
  if (!parsed.success) return { ok: false, problem: 'malformed' };
  const passphraseKey = await unlockPassphraseKey(passphrase, parsed.data.key, options);
  if (!passphraseKey.ok) return passphraseKey;
  let raw = await openText(passphraseKey.value, parsed.data.dataKey, DATA_KEY_AAD);
  const unbound = !raw.ok && raw.problem === 'failed';
  if (unbound) raw = await openText(passphraseKey.value, parsed.data.dataKey);
  if (!raw.ok) return { ok: false, problem: raw.problem === 'unsupported' ? 'unsupported' : 'malformed' };
  const dataKey = await importRawKey(raw.value);
  if (!dataKey) return { ok: false, problem: 'malformed' };
  return { ok: true, settings: parsed.data, raw: raw.value, dataKey, passphraseKey: passphraseKey.value, unbound };
}

/**
 * Turns the lock on: a key from the passphrase, a random data key sealed with it, then every record
 * sealed. The session is written first and the settings next, so from then on nothing new is
 * written in plaintext; the settings say `converting` until every record is sealed. If sealing
 * fails, the error is thrown but the lock IS on: the records are still readable (plaintext rows are
 * accepted) and are sealed at the next unlock.
 *
 * Two windows turning it on at once: the writing and the conversion run one at a time (exclusive),
 * and each looks at the settings again once its turn comes, so the second finds the lock on and
 * returns `already-on` having written nothing: one data key seals every record, and this window's
 * passphrase was not used. The settings are also read back after writing: a window that does not
 * find its own there stops before converting anything.
 *
 * Throws WeakPassphraseError for a passphrase that breaks the rule and RangeError for a delay not on
 * offer; nothing is written in those cases.
 */
export async function turnOnLock(passphrase: string, autoLockMinutes: number, now: number, options: KeyOptions = {}): Promise<TurnOnResult> {
  requireUsablePassphrase(passphrase);
  requireAutoLockChoice(autoLockMinutes);
  if ((await readSettings()) !== undefined) return ALREADY_ON;
  // The slow part (the key derivation) before waiting for the other windows.
  const { key: passphraseKey, header } = await newPassphraseKey(passphrase, options);
  const raw = bytesToBase64(randomBytes(32));
  const dataKey = await importRawKey(raw);
  if (!dataKey) throw new Error('Cannot use a new data key.');
  const settings: LockSettings = { v: 1, key: header, dataKey: await seal(passphraseKey, raw, DATA_KEY_AAD), autoLockMinutes, converting: true };
  return exclusive(async () => {
    if ((await readSettings()) !== undefined) return ALREADY_ON;
    await writeSession(raw, now);
    await writeSettings(settings);
    if (!sameDataKey(await readSettings(), settings)) return ALREADY_ON;
    // The session must hold the key the settings name (a window that lost may have written its own).
    if (!holdsKey(await readSession(), raw)) await writeSession(raw, now);
    await resealAll(dataKey, dataKey);
    await updateSettings(withoutConverting);
    return { ok: true };
  });
}

/** Whether the stored settings are the ones written: the sealed data key is unique to each turn-on. */
function sameDataKey(stored: unknown, written: LockSettings): boolean {
  const parsed = lockSettingsSchema.safeParse(stored);
  return parsed.success && parsed.data.dataKey.iv === written.dataKey.iv && parsed.data.dataKey.ct === written.dataKey.ct;
}

function holdsKey(session: unknown, raw: string): boolean {
  return typeof session === 'object' && session !== null && (session as { rawKey?: unknown }).rawKey === raw;
}

/**
 * Unlocks with the passphrase: the data key goes to storage.session until the idle deadline. A
 * conversion left unfinished (settings marked `converting`) is finished here; if that fails again,
 * the unlock still stands (records stay readable) and the next unlock tries once more.
 */
export async function unlock(passphrase: string, now: number, options: KeyOptions = {}): Promise<LockResult> {
  const opened = await openDataKey(passphrase, options);
  if (!opened.ok) return opened;
  await writeSession(opened.raw, now);
  if (opened.settings.converting) await finishConversion(opened.dataKey);
  if (opened.unbound) await bindDataKey(opened).catch((error: unknown) => console.warn('The data key was not sealed again.', error));
  return { ok: true };
}

/** Seals a data key stored before its envelope was bound (DATA_KEY_AAD) again, bound; same passphrase. */
async function bindDataKey(opened: Extract<Opened, { ok: true }>): Promise<void> {
  const dataKey = await seal(opened.passphraseKey, opened.raw, DATA_KEY_AAD);
  await exclusive(async () => {
    const current = lockSettingsSchema.safeParse(await readSettings());
    // Changed in another window meanwhile: that window's envelope stands.
    if (current.success && sameDataKey(current.data, opened.settings)) await writeSettings({ ...current.data, dataKey });
  });
}

async function finishConversion(dataKey: CryptoKey): Promise<void> {
  try {
    await exclusive(async () => {
      // Finished, or turned off, by another window while this one waited.
      const parsed = lockSettingsSchema.safeParse(await readSettings());
      if (!parsed.success || !parsed.data.converting) return;
      await resealAll(dataKey, dataKey);
      await updateSettings(withoutConverting);
    });
  } catch (error) {
    console.warn('Sealing the records did not finish; trying again at the next unlock.', error);
  }
}

/**
 * Forgets the data key at once: pages drop what they opened and show the unlock screen. A side-panel
 * draft still waiting in storage.session is sealed with the key first (lib/keys/draft-stash.ts).
 */
export async function lockNow(): Promise<void> {
  const area = sessionArea();
  if (!area) return;
  await sealStashedDrafts().catch((error: unknown) => console.warn('A kept draft could not be sealed.', error));
  await area.remove(UNLOCKED_SESSION_KEY);
  // Typed in the instant between the two calls above: it cannot be sealed any more.
  await dropPlaintextDrafts().catch(() => undefined);
}

/** Forgets the data key with the lock off: nothing is left to seal. */
async function forgetKey(): Promise<void> {
  await sessionArea()?.remove(UNLOCKED_SESSION_KEY);
}

/**
 * Turns the lock off after the passphrase: every record back to plaintext, then the settings and
 * the session removed. Interrupted, the lock stays on (the settings say `converting`) with records
 * readable, and the next unlock seals them again; the user can then turn it off once more.
 */
export async function turnOffLock(passphrase: string, now: number, options: KeyOptions = {}): Promise<LockResult> {
  const opened = await openDataKey(passphrase, options);
  if (!opened.ok) return opened;
  return exclusive(async (): Promise<LockResult> => {
    // Turned off, or on again with another key, by another window while this one waited.
    const current = lockSettingsSchema.safeParse(await readSettings());
    if (!current.success) return { ok: false, problem: 'off' };
    if (!sameDataKey(current.data, opened.settings)) return { ok: false, problem: 'wrong-passphrase' };
    await writeSession(opened.raw, now);
    await writeSettings({ ...current.data, converting: true });
    // A side-panel draft still waiting in storage.session goes into its record, converted with it:
    // with the lock off, the panel no longer looks there.
    await restoreAllStashedDrafts(opened.dataKey).catch((error: unknown) => console.warn('A kept draft was not restored.', error));
    await resealAll(null, opened.dataKey);
    await browser.storage.local.remove(LOCK_SETTINGS_KEY);
    // A window that saved between the conversion and the removal of the settings sealed its record:
    // open it now, while the key is still at hand (usually nothing is left to do).
    await resealAll(null, opened.dataKey).catch((error: unknown) => console.warn('A record saved meanwhile is still sealed.', error));
    await forgetKey();
    return { ok: true };
  });
}

/** The idle delay before the lock closes itself: one of AUTO_LOCK_MINUTES (RangeError otherwise). */
export async function changeAutoLock(minutes: number): Promise<void> {
  requireAutoLockChoice(minutes);
  await exclusive(async () => {
    const parsed = lockSettingsSchema.safeParse(await readSettings());
    if (!parsed.success) throw new Error('The lock is not on.');
    await writeSettings({ ...parsed.data, autoLockMinutes: minutes });
  });
}

/**
 * The user did something on a page: while unlocked, moves the idle deadline (written at most once
 * a minute, see recordActivity). Never revives a session past its deadline: that one is removed
 * (locked) instead.
 */
export async function noteActivity(now: number): Promise<void> {
  const [settings, session] = await Promise.all([readSettings(), readSession()]);
  const state = lockStateOf(settings, session, now);
  if (state.kind === 'off') return;
  if (state.kind === 'locked') {
    if ((state.reason === 'idle' || state.reason === 'session-invalid') && session !== undefined) await lockNow();
    return;
  }
  const next = recordActivity(state.session, now);
  if (!next) return;
  // "Lock now" in another window may have removed the session since it was read: never write it
  // back then. (Read again just before writing: the window left is one storage call.)
  const latest = await readSession();
  if (typeof latest !== 'object' || latest === null || (latest as { unlockedAt?: unknown }).unlockedAt !== state.session.unlockedAt) return;
  await browser.storage.session.set({ [UNLOCKED_SESSION_KEY]: next });
}

/**
 * A new passphrase for the same data: only the data key is re-sealed (with a new salt), no record
 * is touched. Throws WeakPassphraseError for a new passphrase that breaks the rule; a wrong current
 * passphrase changes nothing. The session is renewed (the user just proved they hold the passphrase).
 */
export async function changePassphrase(current: string, next: string, now: number, options: KeyOptions = {}): Promise<LockResult> {
  requireUsablePassphrase(next);
  const opened = await openDataKey(current, options);
  if (!opened.ok) return opened;
  const { key: passphraseKey, header } = await newPassphraseKey(next, options);
  const dataKey = await seal(passphraseKey, opened.raw, DATA_KEY_AAD);
  return exclusive(async (): Promise<LockResult> => {
    const current = lockSettingsSchema.safeParse(await readSettings());
    if (!current.success) return { ok: false, problem: 'off' };
    // Changed in another window meanwhile: the passphrase given here is no longer the current one.
    if (!sameDataKey(current.data, opened.settings)) return { ok: false, problem: 'wrong-passphrase' };
    await writeSettings({ ...current.data, key: header, dataKey });
    await writeSession(opened.raw, now);
    return { ok: true };
  });
}

