import { describe, expect, it } from 'vitest';
import { localInstant } from '../../domain/dates';
import { listAgreements } from '../../db/agreements';
import { saveAgreement } from '../../db/save-agreement';
import { RemoteError } from '../remote';
import { VaultError } from '../vault/errors';
import { segmentPath } from '../vault/layout';
import { testVaultWithFile } from '../vault/test-support';
import { FaultyRemote } from './faulty-remote';
import { syncDevice } from './index';
import { newTestDevice, on, type TestDevice } from './test-support';

/**
 * Counterexamples the model (engine.model.test.ts) found, replayed step by step as plain tests:
 * each one a sequence of edits and syncs through a server that fails, then two rounds of syncs
 * without faults, after which every device shows the same.
 */

const T = localInstant('2026-11-21', 10);
const minute = 60_000;

describe('sync through faults, cases the model found', { timeout: 20_000 }, () => {
  it('an edit pushed by a sync the server stopped, after a compaction, still reaches the other device', async () => {
    // Seed 1288486560: compaction after every segment, every change as a segment file.
    const vault = await testVaultWithFile();
    const faulty = new FaultyRemote(vault.remote);
    const ctx = { remote: faulty, keys: vault.keys };
    const [a, b] = [newTestDevice('设备1'), newTestDevice('设备2')];
    const sync = (device: TestDevice, now: number) =>
      on(device, () => syncDevice({ remote: ctx.remote, keys: ctx.keys, deviceId: device.vaultDevice, deviceName: device.name, now: () => now, compactAfterSegments: 1, tailLimit: 0 }));
    const faults = (error: unknown) => {
      if (!(error instanceof RemoteError) && !(error instanceof VaultError && error.kind === 'upload-incomplete')) throw error;
    };
    const save = (lender: string, now: number) => on(a, () => saveAgreement({ lender, kind: 'settlement', amountFen: 10_000, dueDate: '2026-12-10' }, { id: 'a1', now }));

    await save('借呗', T + minute);
    await sync(a, T + 2 * minute);
    // B's first sync: its first PUT (its info file) arrives cut in half.
    let cut = false;
    vault.remote.configure({ beforePut: (_path, body) => (cut ? undefined : ((cut = true), { store: body.slice(0, Math.floor(body.length / 2)) })) });
    await sync(b, T + 3 * minute).catch(faults);
    vault.remote.configure({ beforePut: undefined });
    await save('微粒贷', T + 4 * minute);
    // A's next sync: segment 2 goes up (staged, listed, moved into place), and its info file's PUT,
    // the fourth request, is answered 503. The info file on the server still counts segment 1, of
    // the same size as the one that would count 2, and B has seen its ETag.
    faulty.arm(4, 'busy');
    await expect(sync(a, T + 5 * minute)).rejects.toMatchObject({ kind: 'busy' });
    faulty.reset();
    expect(vault.remote.filePaths()).toContain(segmentPath(a.vaultDevice, 2));
    // Nothing new to push: the info file still goes, or B would not look for segment 2 (compacted
    // into snapshot 2 right after) before its hourly listing.
    await sync(a, T + 6 * minute);

    let now = T + 6 * minute;
    for (let round = 0; round < 2; round += 1) for (const device of [a, b]) await sync(device, (now += minute));
    const lenders = async (device: TestDevice) => on(device, async () => (await listAgreements(T)).map((x) => `${x.id}:${x.lender}`));
    expect(await lenders(a)).toEqual(['a1:微粒贷']);
    expect(await lenders(b)).toEqual(['a1:微粒贷']);
  });
});
