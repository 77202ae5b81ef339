import { describe, expect, it } from 'vitest';
import type { AgreementFields } from '../../domain/agreement';
import { localInstant } from '../../domain/dates';
import { getAgreement } from '../../db/agreements';
import { saveAgreement } from '../../db/save-agreement';
import { COMPACT_AFTER_SEGMENTS } from '../vault/compaction';
import { segmentPath, snapshotPath } from '../vault/layout';
import { testVaultWithFile } from '../vault/test-support';
import { RemoteError, type RemoteFiles } from '../remote';
import { loadSelf } from './store';
import { COMPACT_RETRY_DAMAGED_MS, COMPACT_RETRY_MS } from './sync';
import { newTestDevice, on, syncOn, type TestDevice } from './test-support';

/** Compaction folds segment files: every change here goes as one (none in the info file's tail). */
const FILES = { tailLimit: 0 };

/**
 * Step 4 of a sync: a device folds its own segments into a snapshot once COMPACT_AFTER_SEGMENTS
 * have gathered, so that its folder stays small and a device that joins later reads one file
 * instead of every change ever made.
 */

const fields: AgreementFields = { lender: '网商贷', kind: 'extension', amountFen: 100_000, dueDate: '2026-12-10' };
const T = localInstant('2026-11-21', 10);
const minute = 60_000;

/** `count` edits of one agreement on `device`, each synced on its own: one segment each. */
async function editAndSync(device: TestDevice, ctx: Parameters<typeof syncOn>[1], id: string, from: number, count: number): Promise<void> {
  for (let n = from; n < from + count; n += 1) {
    await on(device, () => saveAgreement({ ...fields, amountFen: 100_000 + n }, { id, now: T + n * minute }));
    await syncOn(device, ctx, T + n * minute + 1_000, FILES);
  }
}

const segmentsOf = (paths: string[], device: string) => paths.filter((path) => path.startsWith(`d/${device}/s/`) && !path.endsWith('/'));
const snapshotsOf = (paths: string[], device: string) => paths.filter((path) => path.startsWith(`d/${device}/c/`));

describe('compaction in the sync', { timeout: 60_000 }, () => {
  it('folds a device’s segments into a snapshot once enough have gathered; a device behind, and one joining later, get the latest state', async () => {
    const ctx = await testVaultWithFile();
    const [a, b, c] = [newTestDevice('家里的电脑'), newTestDevice('办公室电脑'), newTestDevice('新笔记本')];
    const saved = await on(a, () => saveAgreement(fields, { now: T }));
    await syncOn(a, ctx, T + 1_000, FILES);
    await syncOn(b, ctx, T + 2_000, FILES);

    // Segment 1 is the agreement; 98 edits make 99 segments: one short.
    await editAndSync(a, ctx, saved.id, 1, COMPACT_AFTER_SEGMENTS - 2);
    expect(segmentsOf(ctx.remote.filePaths(), a.vaultDevice)).toHaveLength(COMPACT_AFTER_SEGMENTS - 1);
    expect(snapshotsOf(ctx.remote.filePaths(), a.vaultDevice)).toEqual([]);

    await editAndSync(a, ctx, saved.id, COMPACT_AFTER_SEGMENTS - 1, 1);
    expect(segmentsOf(ctx.remote.filePaths(), a.vaultDevice)).toEqual([]);
    expect(snapshotsOf(ctx.remote.filePaths(), a.vaultDevice)).toEqual([snapshotPath(a.vaultDevice, COMPACT_AFTER_SEGMENTS)]);
    expect(await on(a, () => loadSelf())).toMatchObject({ compactedUpTo: COMPACT_AFTER_SEGMENTS });

    // One more edit after it: segment 101, beside the snapshot.
    await editAndSync(a, ctx, saved.id, COMPACT_AFTER_SEGMENTS, 1);
    expect(segmentsOf(ctx.remote.filePaths(), a.vaultDevice)).toEqual([segmentPath(a.vaultDevice, COMPACT_AFTER_SEGMENTS + 1)]);

    const latest = await on(a, () => getAgreement(saved.id));
    expect(latest?.amountFen).toBe(100_000 + COMPACT_AFTER_SEGMENTS);
    for (const device of [b, c]) {
      const before = ctx.remote.calls.length;
      await syncOn(device, ctx, T + 1_000 * minute, FILES);
      expect(await on(device, () => getAgreement(saved.id))).toEqual(latest);
      // The snapshot and the one segment after it, not a hundred segments.
      const reads = ctx.remote.calls.slice(before).filter((call) => call.startsWith(`get d/${a.vaultDevice}/`));
      expect(reads).toEqual([`get ${snapshotPath(a.vaultDevice, COMPACT_AFTER_SEGMENTS)}`, `get ${segmentPath(a.vaultDevice, COMPACT_AFTER_SEGMENTS + 1)}`]);
    }
  });

  it('a compaction the server interrupts leaves the sync done and waits an hour; a damaged segment of its own is named and waits a day', async () => {
    const vault = await testVaultWithFile();
    // The server answers 503 to the next listing of a folder starting with `busyUnder`.
    let busyUnder: string | null = null;
    const remote: RemoteFiles = {
      list: (folder) => {
        if (busyUnder === null || !folder.startsWith(busyUnder)) return vault.remote.list(folder);
        busyUnder = null;
        return Promise.reject(new RemoteError('busy', 'Service unavailable', 503, 1_000));
      },
      get: (path) => vault.remote.get(path),
      put: (path, body, options) => vault.remote.put(path, body, options),
      makeFolder: (folder) => vault.remote.makeFolder(folder),
      move: (from, to, options) => vault.remote.move(from, to, options),
      remove: (path) => vault.remote.remove(path),
    };
    const ctx = { remote, keys: vault.keys };
    const a = newTestDevice('家里的电脑');
    const saved = await on(a, () => saveAgreement(fields, { now: T }));
    await syncOn(a, ctx, T + 1_000, FILES);
    await editAndSync(a, ctx, saved.id, 1, COMPACT_AFTER_SEGMENTS - 2);

    // The sync that sends segment 100: pushed, then compaction's first listing (of its snapshots) gets 503.
    await on(a, () => saveAgreement({ ...fields, amountFen: 1 }, { id: saved.id, now: T + 200 * minute }));
    busyUnder = `d/${a.vaultDevice}/c`;
    const at = T + 201 * minute;
    expect(await syncOn(a, ctx, at, FILES)).toMatchObject({ pushed: 1, problems: [] });
    expect(busyUnder).toBeNull();
    expect(snapshotsOf(vault.remote.filePaths(), a.vaultDevice)).toEqual([]);
    expect(await on(a, () => loadSelf())).toMatchObject({ compactAfter: at + COMPACT_RETRY_MS });

    // Within the hour: not tried (nothing to push or pull costs only the first listing).
    const before = vault.remote.calls.length;
    await syncOn(a, ctx, at + COMPACT_RETRY_MS - 1, FILES);
    expect(vault.remote.calls.slice(before)).toEqual(['list ']);
    expect(snapshotsOf(vault.remote.filePaths(), a.vaultDevice)).toEqual([]);

    // A segment of its own damaged on the server: compaction refuses, names it, and waits a day.
    const damaged = segmentPath(a.vaultDevice, 7);
    const bytes = await vault.remote.get(damaged);
    if (!bytes) throw new Error('no segment 7');
    await vault.remote.put(damaged, bytes.slice(0, bytes.length - 1));
    const later = at + COMPACT_RETRY_MS;
    const report = await syncOn(a, ctx, later, FILES);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'refused', path: damaged })]);
    expect(snapshotsOf(vault.remote.filePaths(), a.vaultDevice)).toEqual([]);
    expect(segmentsOf(vault.remote.filePaths(), a.vaultDevice)).toHaveLength(COMPACT_AFTER_SEGMENTS);
    expect(await on(a, () => loadSelf())).toMatchObject({ compactAfter: later + COMPACT_RETRY_DAMAGED_MS });

    // Mended, and a day later: compacted.
    await vault.remote.put(damaged, bytes);
    await syncOn(a, ctx, later + COMPACT_RETRY_DAMAGED_MS, FILES);
    expect(snapshotsOf(vault.remote.filePaths(), a.vaultDevice)).toEqual([snapshotPath(a.vaultDevice, COMPACT_AFTER_SEGMENTS)]);
    expect(segmentsOf(vault.remote.filePaths(), a.vaultDevice)).toEqual([]);
  });
});
