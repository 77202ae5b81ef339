import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AgreementFields } from '../../domain/agreement';
import { localInstant } from '../../domain/dates';
import { getAgreement } from '../../db/agreements';
import { listAttachments } from '../../db/attachments';
import { openDatabase } from '../../db/database';
import { recordPayment } from '../../db/payment-writes';
import { saveAgreement } from '../../db/save-agreement';
import { LockedError, resetLockCache, UNLOCKED_SESSION_KEY } from '../../keys/state';
import { lockForTest, unlockedForTest } from '../../keys/test-support';
import { resealAll } from '../../lock/convert';
import { RemoteError } from '../remote';
import { testVaultWithFile } from '../vault/test-support';
import { keepVersion, listConflicts } from './index';
import { loadSelf } from './store';
import { newTestDevice, on, syncOn, type TestDevice } from './test-support';

/**
 * With the lock on, sync's bookkeeping keeps no readable copy of a record: the versions held
 * (conflicts included), the segment waiting to be sent and an attachment waiting for its image are
 * sealed with the lock's key, as the records are, and turning the lock on or off converts them.
 */

const LENDER = '借呗（只在锁里）';
const fields: AgreementFields = { lender: LENDER, kind: 'extension', amountFen: 123_456, dueDate: '2026-12-10' };
const T = localInstant('2026-11-21', 10);
// Steps a few seconds apart: the lock set up by unlockedForTest locks itself after 15 idle minutes.
const step = 10_000;
const IMAGE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78]);

/** Everything in a device's `sync` store, as text: bytes as Latin-1, so that an image copied as it is would show. */
async function syncStoreText(device: TestDevice): Promise<string> {
  const rows = await on(device, async () => (await openDatabase()).getAll('sync'));
  return JSON.stringify(rows, (_key, value: unknown) => (value instanceof Uint8Array ? `bytes:${String.fromCharCode(...value)}` : value));
}

const readable = (text: string) => ({ lender: text.includes('借呗（'), image: text.includes(String.fromCharCode(...IMAGE)) });

describe('sync with the lock on', { timeout: 30_000 }, () => {
  it('seals the versions held, conflicts included, and the segment waiting to be sent; conflicts still list and resolve', async () => {
    await unlockedForTest(T);
    const ctx = await testVaultWithFile();
    const [a, b] = [newTestDevice('家里的电脑'), newTestDevice('办公室电脑')];
    const saved = await on(a, () => saveAgreement(fields, { now: T }));
    await syncOn(a, ctx, T + step);
    await syncOn(b, ctx, T + step);
    await on(a, () => saveAgreement({ ...fields, lender: `${LENDER}A` }, { id: saved.id, now: T + 5 * step }));
    await on(b, () => saveAgreement({ ...fields, lender: `${LENDER}B` }, { id: saved.id, now: T + 3 * step }));
    for (const device of [a, b, a]) await syncOn(device, ctx, T + 10 * step);

    for (const device of [a, b]) expect(readable(await syncStoreText(device))).toEqual({ lender: false, image: false });
    const [conflict] = await on(b, () => listConflicts(T + 11 * step));
    expect(conflict?.others.map((other) => (other.record as { lender: string }).lender)).toEqual([`${LENDER}B`]);

    // A push the server refuses: the segment waits in `self`, sealed, and goes at the next sync.
    const other = conflict?.others[0];
    if (!conflict || !other) throw new Error('no conflict');
    expect(await on(b, () => keepVersion(conflict.store, conflict.id, other.rev, T + 12 * step))).toBe(true);
    expect(await on(b, () => listConflicts(T + 12 * step))).toEqual([]);
    ctx.remote.configure({ beforePut: () => ({ fail: new RemoteError('busy', 'Service unavailable', 503) }) });
    await expect(syncOn(b, ctx, T + 13 * step)).rejects.toMatchObject({ kind: 'busy' });
    ctx.remote.configure({ beforePut: undefined });
    expect((await on(b, () => loadSelf())).pending).toMatchObject({ seq: expect.any(Number), sealed: expect.anything() });
    expect(readable(await syncStoreText(b))).toEqual({ lender: false, image: false });

    await syncOn(b, ctx, T + 14 * step);
    await syncOn(a, ctx, T + 15 * step);
    for (const device of [a, b]) {
      expect((await on(device, () => getAgreement(saved.id)))?.lender).toBe(`${LENDER}B`);
      expect(await on(device, () => listConflicts(T + 16 * step))).toEqual([]);
    }
  });

  it('seals an attachment waiting for its image, and stores the receipt once the image is there', async () => {
    await unlockedForTest(T);
    const ctx = await testVaultWithFile();
    const [a, b] = [newTestDevice('家里的电脑'), newTestDevice('办公室电脑')];
    const agreement = await on(a, () => saveAgreement(fields, { now: T }));
    const payment = await on(a, () =>
      recordPayment({ agreementId: agreement.id, amountFen: 1_000, paidOn: '2026-11-21', coverage: 'partial' }, { now: T }, new Blob([IMAGE], { type: 'image/png' })),
    );
    // The image is refused once: the segment, with the image, waits on A, sealed.
    ctx.remote.configure({ beforePut: () => ({ fail: new RemoteError('busy', 'Service unavailable', 503) }) });
    await expect(syncOn(a, ctx, T + step)).rejects.toMatchObject({ kind: 'busy' });
    ctx.remote.configure({ beforePut: undefined });
    expect(readable(await syncStoreText(a))).toEqual({ lender: false, image: false });
    await syncOn(a, ctx, T + 2 * step);

    // B gets the records while the image is not on the server: the receipt's record waits, sealed.
    const blob = ctx.remote.filePaths().find((path) => path.startsWith('blobs/'));
    const bytes = blob ? await ctx.remote.get(blob) : null;
    if (!blob || !bytes) throw new Error('no blob on the server');
    await ctx.remote.remove(blob);
    await syncOn(b, ctx, T + 3 * step);
    const waiting = await on(b, async () => (await openDatabase()).getAll('sync'));
    expect(waiting.filter((row) => row.key.startsWith('blob/'))).toEqual([expect.objectContaining({ value: expect.objectContaining({ sealed: expect.anything() }) })]);
    expect(readable(await syncStoreText(b))).toEqual({ lender: false, image: false });
    expect(await on(b, () => listAttachments('payment', payment.id, T))).toEqual([]);

    await ctx.remote.put(blob, bytes);
    await syncOn(b, ctx, T + 4 * step);
    const [receipt] = await on(b, () => listAttachments('payment', payment.id, T));
    expect(new Uint8Array(await (receipt?.blob ?? new Blob()).arrayBuffer())).toEqual(IMAGE);
  });

  it('converts what sync keeps when the lock is turned on and off, and refuses to sync or list while locked', async () => {
    const ctx = await testVaultWithFile();
    const [a, b] = [newTestDevice('家里的电脑'), newTestDevice('办公室电脑')];
    const saved = await on(a, () => saveAgreement(fields, { now: T }));
    await syncOn(a, ctx, T + step);
    await syncOn(b, ctx, T + step);
    expect(readable(await syncStoreText(b)).lender).toBe(true);

    const key = await unlockedForTest(T);
    await on(b, () => resealAll(key, null, T + 2 * step));
    expect(readable(await syncStoreText(b)).lender).toBe(false);

    await on(a, () => saveAgreement({ ...fields, amountFen: 100_000 }, { id: saved.id, now: T + 3 * step }));
    const session = await fakeBrowser.storage.session.get(UNLOCKED_SESSION_KEY);
    await lockForTest();
    await expect(on(b, () => listConflicts(T + 3 * step))).rejects.toBeInstanceOf(LockedError);
    const pending = (await on(a, () => loadSelf())).pending;
    await expect(syncOn(a, ctx, T + 4 * step)).rejects.toBeInstanceOf(LockedError);
    // Refused before anything was read: the edit is not gathered into the segment waiting to be sent.
    expect((await on(a, () => loadSelf())).pending).toEqual(pending);

    // Unlocked again (the same key) and synced: B applies the edit over the versions it holds sealed.
    await fakeBrowser.storage.session.set(session);
    resetLockCache();
    await syncOn(a, ctx, T + 6 * step);
    expect(await syncOn(b, ctx, T + 7 * step)).toMatchObject({ pulled: 1, problems: [] });
    expect((await on(b, () => getAgreement(saved.id)))?.amountFen).toBe(100_000);

    await on(b, () => resealAll(null, key, T + 8 * step));
    expect(readable(await syncStoreText(b)).lender).toBe(true);
  });
});
