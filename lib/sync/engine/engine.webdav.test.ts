import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startWebDavServer, type WebDavTestServer } from '../../../tests/servers/webdav';
import { getAgreement } from '../../db/agreements';
import { listAttachments } from '../../db/attachments';
import { listPaymentsByAgreement } from '../../db/payments';
import { recordPayment } from '../../db/payment-writes';
import { saveAgreement } from '../../db/save-agreement';
import { localInstant } from '../../domain/dates';
import { VaultError } from '../vault/errors';
import { createVault } from '../vault/vault-file';
import { FAST, PASSPHRASE } from '../vault/test-support';
import { createWebDavRemote } from '../webdav/client';
import { newTestDevice, on, syncOn } from './test-support';

const T = localInstant('2026-11-21', 10);
const minute = 60_000;

// The real server runs on the real clock; the records carry their own times (`now`).
beforeEach(() => {
  vi.useRealTimers();
});

describe('sync engine against a real WebDAV server (坚果云-like profile)', () => {
  let server: WebDavTestServer;
  beforeAll(async () => {
    server = await startWebDavServer({ profile: 'jianguoyun' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('carries an agreement, a payment and its receipt both ways, and survives an upload cut in half', async () => {
    const remote = createWebDavRemote({ folderUrl: `${server.url}repay/vault/`, username: server.username, password: server.password });
    await createWebDavRemote({ folderUrl: `${server.url}repay/`, username: server.username, password: server.password }).makeFolder('');
    await remote.makeFolder('');
    const vault = await createVault(remote, PASSPHRASE, FAST);
    const ctx = { remote, keys: vault.keys };
    const [a, b] = [newTestDevice('家里的电脑'), newTestDevice('办公室电脑')];

    const agreement = await on(a, () => saveAgreement({ lender: '借呗', kind: 'settlement', amountFen: 300_000, dueDate: '2026-12-15' }, { now: T }));
    const receipt = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7])], { type: 'image/jpeg' });
    const payment = await on(a, () => recordPayment({ agreementId: agreement.id, amountFen: 100_000, paidOn: '2026-11-21', coverage: 'partial' }, { now: T + minute }, receipt));
    expect(await syncOn(a, ctx, T + 2 * minute)).toMatchObject({ pushed: 3, problems: [] });
    expect(await syncOn(b, ctx, T + 3 * minute)).toMatchObject({ pulled: 2, conflicts: 0, problems: [] });
    expect(await on(b, () => getAgreement(agreement.id))).toEqual(agreement);
    expect((await on(b, () => listPaymentsByAgreement(T))).get(agreement.id)?.map((p) => p.id)).toEqual([payment.id]);
    const [arrived] = await on(b, () => listAttachments('payment', payment.id, T));
    expect(new Uint8Array(await (arrived?.blob ?? new Blob()).arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7]));

    // B's edit goes up cut in half: refused before it gets its name, then sent whole next time.
    await on(b, () => saveAgreement({ lender: '借呗（已协商）', kind: 'settlement', amountFen: 300_000, dueDate: '2026-12-15' }, { id: agreement.id, now: T + 4 * minute }));
    // B's push, as a segment file: whole-sized on the wire, it arrives cut under its temporary name beside the vault file.
    server.inject({ kind: 'truncate-upload', method: 'PUT' });
    await expect(syncOn(b, ctx, T + 5 * minute, { tailLimit: 0 })).rejects.toSatisfy((error) => error instanceof VaultError && error.kind === 'upload-incomplete');
    expect(await syncOn(a, ctx, T + 6 * minute)).toMatchObject({ pulled: 0, problems: [] });
    expect(await syncOn(b, ctx, T + 7 * minute, { tailLimit: 0 })).toMatchObject({ pushed: 1 });
    expect(await syncOn(a, ctx, T + 8 * minute)).toMatchObject({ pulled: 1, conflicts: 0, problems: [] });
    expect((await on(a, () => getAgreement(agreement.id)))?.lender).toBe('借呗（已协商）');
    // Some thirty requests to a real server: on a busy machine this takes longer than the default 5 s.
  }, 30_000);
});
