import { browser } from 'wxt/browser';
import { lockKnownOff, UNLOCKED_SESSION_KEY } from './state';
import { sealForStorage } from './sealed-storage';

/**
 * The side panel's note being typed, kept in storage.session while the lock is on
 * (docs/lock-design.md, "A page's last save while it closes"). Sealing a record is WebCrypto, which
 * Firefox does not wait for when a page closes: the last keystrokes would never reach IndexedDB. A
 * storage call started before the page dies is delivered, so every change of the draft is also put
 * here (one call, nothing read first), and taken out once the sealed record holds it. When the
 * session is opened again, a draft still here is written into the sealed record (lib/lock/draft-restore.ts).
 *
 * storage.session is memory only, and while unlocked it holds the raw data key anyway: the draft
 * adds no exposure then. Before the key is forgotten (lockNow, auto-lock) what is still here is
 * sealed in place with it; a plaintext draft found while locked is removed.
 */

export const DRAFT_STASH_PREFIX = 'draftStash:';

export interface StashedDraft {
  sessionId: string;
  text: string;
  /** When it was typed (epoch ms). */
  at: number;
}

export const draftStashKey = (sessionId: string): string => `${DRAFT_STASH_PREFIX}${sessionId}`;

const isSealedValue = (stored: unknown): boolean => typeof stored === 'object' && stored !== null && 'sealed' in stored;

/** A stashed draft as opened, or null if it is not one. */
export function asStashedDraft(value: unknown): StashedDraft | null {
  if (typeof value !== 'object' || value === null) return null;
  const { sessionId, text, at } = value as Record<string, unknown>;
  return typeof sessionId === 'string' && typeof text === 'string' && typeof at === 'number' ? { sessionId, text, at } : null;
}

/**
 * Keeps the draft typed in `sessionId`: started at once, not awaited by the caller's page (a closing
 * page never sees it finish). Failures are only reported: the IndexedDB save still runs.
 */
export function stashDraft(sessionId: string, text: string, at: number): Promise<void> {
  const draft: StashedDraft = { sessionId, text, at };
  return browser.storage.session.set({ [draftStashKey(sessionId)]: draft }).catch((error: unknown) => console.warn('The draft could not be kept in session storage.', error));
}

/** The sealed record now holds what was typed: nothing is left waiting. */
export function clearStashedDraft(sessionId: string): Promise<void> {
  return browser.storage.session.remove(draftStashKey(sessionId)).catch((error: unknown) => console.warn('A kept draft could not be removed.', error));
}

/**
 * What a page typing the draft of one session calls: `changed` on every change (kept here while the
 * lock is not known to be off: with it off nothing at all is done, the save itself lands), `saved`
 * once a save holding the newest text has landed.
 */
export function draftKeeper(sessionId: string): { changed(text: string, at: number): void; saved(): void } {
  let waiting = false;
  return {
    changed(text, at) {
      if (lockKnownOff()) return;
      waiting = true;
      void stashDraft(sessionId, text, at);
    },
    saved() {
      if (!waiting) return;
      waiting = false;
      void clearStashedDraft(sessionId);
    },
  };
}

/** Every stashed draft, as stored (plaintext or sealed), by storage key. */
export async function stashedDrafts(): Promise<Record<string, unknown>> {
  const all: Record<string, unknown> = await browser.storage.session.get(null);
  return Object.fromEntries(Object.entries(all).filter(([storageKey]) => storageKey.startsWith(DRAFT_STASH_PREFIX)));
}

/**
 * Before the key is forgotten: plaintext drafts are sealed in place with the held key, so the unlock
 * that follows finds them; without a usable key they are removed (nothing stays readable while
 * locked). Sealed ones are left as they are. Reads the key from storage.session itself.
 */
export async function sealStashedDrafts(): Promise<void> {
  const all: Record<string, unknown> = await browser.storage.session.get(null);
  const plain = Object.entries(all).filter(([storageKey, stored]) => storageKey.startsWith(DRAFT_STASH_PREFIX) && !isSealedValue(stored));
  if (plain.length === 0) return;
  const key = await heldKey(all[UNLOCKED_SESSION_KEY]);
  if (key === null) {
    await browser.storage.session.remove(plain.map(([storageKey]) => storageKey));
    return;
  }
  const sealed: Record<string, unknown> = {};
  for (const [storageKey, stored] of plain) sealed[storageKey] = await sealForStorage(storageKey, stored, key);
  await browser.storage.session.set(sealed);
}

/** While locked: a plaintext draft (typed as the lock closed) cannot be sealed any more, and is removed. */
export async function dropPlaintextDrafts(): Promise<void> {
  const plain = Object.entries(await stashedDrafts()).filter(([, stored]) => !isSealedValue(stored));
  if (plain.length > 0) await browser.storage.session.remove(plain.map(([storageKey]) => storageKey));
}

async function heldKey(session: unknown): Promise<CryptoKey | null> {
  const rawKey = typeof session === 'object' && session !== null ? (session as { rawKey?: unknown }).rawKey : undefined;
  if (typeof rawKey !== 'string') return null;
  const { importRawKey } = await import('../crypto/raw-key');
  return importRawKey(rawKey);
}
