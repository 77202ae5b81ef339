import { browser } from 'wxt/browser';
import { updateSession, type SessionRecord } from '../db/sessions';
import { asStashedDraft, draftStashKey, stashedDrafts } from '../keys/draft-stash';
import { openFromStorage } from '../keys/sealed-storage';

/**
 * A draft kept in storage.session (lib/keys/draft-stash.ts) back into its sealed session record.
 * A stashed draft is taken out as soon as a save that holds it has landed, so one still there is
 * newer than the record's: the page that typed it closed before its sealed save was written.
 */

/** What is stored under `storageKey`, made readable (null: not a draft, or it does not open). */
async function openStashed(storageKey: string, stored: unknown, key?: CryptoKey | null) {
  return asStashedDraft(await openFromStorage(storageKey, stored, key));
}

/** Removes the stashed draft only if it is still `stored`: a page typing meanwhile keeps its newer one. */
async function removeIfUnchanged(storageKey: string, stored: unknown): Promise<void> {
  const now = (await browser.storage.session.get(storageKey))[storageKey];
  if (JSON.stringify(now) === JSON.stringify(stored)) await browser.storage.session.remove(storageKey);
}

/**
 * The session with its stashed draft restored (written sealed into the record first, then taken out
 * of storage.session), or as it is when none waits. Call it with the lock open.
 */
export async function restoreStashedDraft(session: SessionRecord): Promise<SessionRecord> {
  const storageKey = draftStashKey(session.id);
  const stored = (await browser.storage.session.get(storageKey))[storageKey];
  if (stored === undefined) return session;
  const draft = await openStashed(storageKey, stored);
  let restored = session;
  if (draft !== null && draft.sessionId === session.id && draft.text !== (session.draft ?? '')) {
    restored = (await updateSession(session.id, { draft: draft.text })) ?? session;
  }
  await removeIfUnchanged(storageKey, stored);
  return restored;
}

/**
 * Every stashed draft written into its session record, opened with `key` where sealed (turning the
 * lock off: the panel, with the lock known off, no longer looks for them). A draft that does not
 * open, or whose session is gone, is dropped.
 */
export async function restoreAllStashedDrafts(key: CryptoKey): Promise<void> {
  for (const [storageKey, stored] of Object.entries(await stashedDrafts())) {
    const draft = await openStashed(storageKey, stored, key);
    if (draft !== null) await updateSession(draft.sessionId, { draft: draft.text });
    await removeIfUnchanged(storageKey, stored);
  }
}
