import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDatabase } from '../db/database';
import { createSession, getSession, saveSession } from '../db/sessions';
import { clearStashedDraft, draftKeeper, draftStashKey, sealStashedDrafts, stashDraft, stashedDrafts } from '../keys/draft-stash';
import { lockIsOn } from '../keys/state';
import { lockNow, turnOffLock, turnOnLock, unlock } from './actions';
import { checkAutoLock } from './auto-lock';
import { restoreStashedDraft } from './draft-restore';

/**
 * The side panel's draft with the lock on (docs/lock-design.md): kept in storage.session as it is
 * typed, since Firefox drops the sealing of a closing page; written into the sealed session record
 * when the session is opened again; sealed in place before the key is forgotten; and never left
 * readable in storage while locked.
 */

const FAST = { unsafeTestIterations: 1_000 };
const PASSPHRASE = '我每个月十五号还借呗一千块';
const TYPED = '客服说可以分12期，下周一回电';
const MINUTE = 60_000;

beforeEach(() => {
  Object.assign(fakeBrowser.storage.session, { setAccessLevel: () => Promise.resolve() });
});

async function sessionWithDraft(draft: string) {
  const session = await createSession({ id: 's1', agreementId: null, lender: '借呗', startedAt: Date.now() });
  return saveSession({ ...session, draft });
}

const sessionStorage = async (): Promise<Record<string, unknown>> => fakeBrowser.storage.session.get(null);
const rawSessionRow = async () => (await openDatabase()).get('sessions', 's1') as Promise<Record<string, unknown> | undefined>;

describe('a draft kept while the lock is on', () => {
  it('a draft left by a page that closed is written sealed into its session when it is opened again, and leaves storage.session', async () => {
    await turnOnLock(PASSPHRASE, 15, Date.now(), FAST);
    const stored = await sessionWithDraft('客服说');
    // The page typed more, kept it here, and closed before its sealed save landed.
    await stashDraft('s1', TYPED, Date.now());
    expect(JSON.stringify(await sessionStorage())).toContain(TYPED);

    const restored = await restoreStashedDraft(stored);
    expect(restored.draft).toBe(TYPED);
    expect((await getSession('s1'))?.draft).toBe(TYPED);
    const row = await rawSessionRow();
    expect(row).toHaveProperty('sealed');
    expect(JSON.stringify(row)).not.toContain('回电');
    expect(await stashedDrafts()).toEqual({});
  });

  it('nothing waiting: the session comes back as it is and nothing is written', async () => {
    await turnOnLock(PASSPHRASE, 15, Date.now(), FAST);
    const stored = await sessionWithDraft(TYPED);
    const row = await rawSessionRow();
    expect(await restoreStashedDraft(stored)).toBe(stored);
    expect(await rawSessionRow()).toEqual(row);
    // A draft whose save landed was taken out again: the same as nothing waiting.
    await stashDraft('s1', TYPED, Date.now());
    await clearStashedDraft('s1');
    expect(await restoreStashedDraft(stored)).toBe(stored);
  });

  it('"Lock now" seals a waiting draft in place; after unlocking it is restored all the same', async () => {
    await turnOnLock(PASSPHRASE, 15, Date.now(), FAST);
    const stored = await sessionWithDraft('客服说');
    await stashDraft('s1', TYPED, Date.now());
    await lockNow();
    const kept = await sessionStorage();
    expect(Object.keys(kept)).toEqual([draftStashKey('s1')]);
    expect(kept[draftStashKey('s1')]).toHaveProperty('sealed');
    expect(JSON.stringify(kept)).not.toContain('回电');

    expect(await unlock(PASSPHRASE, Date.now(), FAST)).toEqual({ ok: true });
    expect((await restoreStashedDraft(stored)).draft).toBe(TYPED);
    expect((await getSession('s1'))?.draft).toBe(TYPED);
    expect(await stashedDrafts()).toEqual({});
  });

  it('auto-lock (the background) seals a waiting draft before it forgets the key, and removes one typed with no key left', async () => {
    const now = Date.now();
    await turnOnLock(PASSPHRASE, 15, now, FAST);
    await sessionWithDraft('');
    await stashDraft('s1', TYPED, now);
    expect(await checkAutoLock(now + 15 * MINUTE)).toBe('locked');
    const kept = await sessionStorage();
    expect(kept[draftStashKey('s1')]).toHaveProperty('sealed');
    expect(JSON.stringify(kept)).not.toContain('回电');

    // Typed at the very instant the lock closed: no key to seal it with, so it is not kept.
    await stashDraft('s2', '最后几个字', now);
    expect(await checkAutoLock(now + 16 * MINUTE)).toBe('locked');
    expect(Object.keys(await stashedDrafts())).toEqual([draftStashKey('s1')]);
    await sealStashedDrafts();
    expect(JSON.stringify(await sessionStorage())).not.toContain('最后几个字');
  });

  it('turning the lock off writes a waiting draft into its record, in plaintext with the rest', async () => {
    await turnOnLock(PASSPHRASE, 15, Date.now(), FAST);
    await sessionWithDraft('客服说');
    await stashDraft('s1', TYPED, Date.now());
    await lockNow();
    expect(await turnOffLock(PASSPHRASE, Date.now(), FAST)).toEqual({ ok: true });
    expect(await lockIsOn()).toBe(false);
    const row = await rawSessionRow();
    expect(row).not.toHaveProperty('sealed');
    expect(row?.draft).toBe(TYPED);
    expect(await sessionStorage()).toEqual({});
  });

  it('what the panel calls: each change kept, taken out once saved; with the lock off, not a single storage call', async () => {
    const set = vi.spyOn(fakeBrowser.storage.session, 'set');
    const remove = vi.spyOn(fakeBrowser.storage.session, 'remove');
    // Off, as the page knows once it has read the lock's state (it does before showing the panel).
    expect(await lockIsOn()).toBe(false);
    const off = draftKeeper('s1');
    off.changed('客服说', Date.now());
    off.changed(TYPED, Date.now());
    off.saved();
    expect(set).not.toHaveBeenCalled();
    expect(remove).not.toHaveBeenCalled();

    await turnOnLock(PASSPHRASE, 15, Date.now(), FAST);
    set.mockClear();
    const on = draftKeeper('s1');
    on.changed('客服说', Date.now());
    on.changed(TYPED, Date.now());
    await vi.waitFor(async () => expect(Object.values(await stashedDrafts())).toEqual([expect.objectContaining({ sessionId: 's1', text: TYPED })]));
    on.saved();
    await vi.waitFor(async () => expect(await stashedDrafts()).toEqual({}));
    // Saved again with nothing typed since: nothing to take out.
    remove.mockClear();
    on.saved();
    expect(remove).not.toHaveBeenCalled();
  });
});
