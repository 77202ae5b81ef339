import { describe, expect, it } from 'vitest';
import type { MemoryRemote } from '../memory-remote';
import type { RemoteFiles } from '../remote';
import { collapseChanges, COMPACT_AFTER_SEGMENTS, compactDevice } from './compaction';
import type { Change } from './contents';
import { MAX_FOLDER_ENTRIES, newDeviceId, segmentPath, SEGMENTS_PER_SHARD, snapshotPath } from './layout';
import { readDevice } from './reader';
import { agreementChange, testVault } from './test-support';
import { writeSegment, type VaultContext } from './writer';

/** The most entries any folder of the server lists. */
async function largestFolder(remote: MemoryRemote): Promise<number> {
  let largest = (await remote.list('')).length;
  for (const folder of remote.folderPaths()) largest = Math.max(largest, (await remote.list(folder)).length);
  return largest;
}

const stateOf = (changes: readonly Change[]) => new Map(collapseChanges(changes).map((change) => [`${change.store}/${change.id}`, change]));

describe('collapsing changes', () => {
  it('keeps the latest change of each record, tombstones included', () => {
    const tombstone: Change = { store: 'agreements', id: 'agreement-1', rev: '2026-11-20T01:00:00.999Z-9999-0123456789abcdef', deleted: true };
    const changes = [agreementChange(1), agreementChange(2), agreementChange(8), tombstone, { ...agreementChange(3), store: 'payments' }];
    expect(collapseChanges(changes)).toEqual([agreementChange(2), tombstone, { ...agreementChange(3), store: 'payments' }]);
  });

  it('keeps an earlier change that a later one of the same record left out, and one change met twice once', () => {
    const device = '0123456789abcdef';
    const other = 'fedcba9876543210';
    const stamp = (ms: number, on = device) => `2026-11-20T01:00:00.${String(ms).padStart(3, '0')}Z-0000-${on}`;
    const mine: Change = { store: 'agreements', id: 'x', rev: stamp(1), vv: { [device]: stamp(1) }, record: { amountFen: 1 } };
    // Later, this device edited the other device's version shown, leaving its own out.
    const over: Change = { store: 'agreements', id: 'x', rev: stamp(5), vv: { [device]: stamp(5), [other]: stamp(3, other) }, excl: [stamp(1)], record: { amountFen: 2 } };
    expect(collapseChanges([mine, over])).toEqual([mine, over]);
    expect(collapseChanges([mine, over, over])).toEqual([mine, over]);
    const answer: Change = { store: 'agreements', id: 'x', rev: stamp(9), vv: { [device]: stamp(9), [other]: stamp(3, other) }, record: { amountFen: 1 } };
    expect(collapseChanges([mine, over, answer])).toEqual([answer]);
  });
});

describe('compaction', () => {
  it('2,000 segments from one device leave no folder over 700 entries, and every reader still gets the whole state', async () => {
    const ctx = await testVault();
    const device = newDeviceId();
    const written: Change[] = [];
    let largest = 0;
    for (let seq = 1; seq <= 2_000; seq += 1) {
      const change = agreementChange(seq);
      written.push(change);
      await writeSegment(ctx, device, seq, [change]);
      await compactDevice(ctx, device);
      if (seq % 250 === 0) largest = Math.max(largest, await largestFolder(ctx.remote));
    }
    expect(largest).toBeLessThan(MAX_FOLDER_ENTRIES);
    expect(COMPACT_AFTER_SEGMENTS).toBeLessThan(SEGMENTS_PER_SHARD);
    // Compacted every COMPACT_AFTER_SEGMENTS, last at 2,000: one snapshot left, no segment.
    expect(2_000 % COMPACT_AFTER_SEGMENTS).toBe(0);
    expect(ctx.remote.filePaths().filter((path) => path.includes('/s/'))).toEqual([]);
    expect(ctx.remote.filePaths().filter((path) => path.includes('/c/'))).toEqual([snapshotPath(device, 2_000)]);

    const fromStart = await readDevice(ctx, device);
    expect(fromStart).toMatchObject({ cursor: 2_000, snapshot: 2_000, problems: [] });
    expect(stateOf(fromStart.changes)).toEqual(stateOf(written));
    for (let seq = 2_001; seq <= 2_010; seq += 1) {
      written.push(agreementChange(seq));
      await writeSegment(ctx, device, seq, [agreementChange(seq)]);
    }
    const midway = await readDevice(ctx, device, 1_500);
    expect(midway).toMatchObject({ cursor: 2_010, snapshot: 2_000, problems: [] });
    expect(stateOf(midway.changes)).toEqual(stateOf(written));
    const caughtUp = await readDevice(ctx, device, 2_005);
    expect(caughtUp.changes).toEqual([2_006, 2_007, 2_008, 2_009, 2_010].map((n) => agreementChange(n)));
  }, 60_000);

  it('does nothing until enough segments wait, and refuses, changing nothing, while a segment is damaged', async () => {
    const ctx = await testVault();
    const device = newDeviceId();
    for (let seq = 1; seq <= 4; seq += 1) await writeSegment(ctx, device, seq, [agreementChange(seq)]);
    expect(await compactDevice(ctx, device, 5)).toBeNull();
    const bytes = (await ctx.remote.get(segmentPath(device, 2)))!;
    bytes[30]! ^= 1;
    ctx.remote.plant(segmentPath(device, 2), bytes);
    const before = ctx.remote.filePaths();
    await expect(compactDevice(ctx, device, 1)).rejects.toMatchObject({ kind: 'file-damaged', path: segmentPath(device, 2) });
    expect(ctx.remote.filePaths()).toEqual(before);
  });

  it('a reader interrupted by compaction at any of its requests sees the snapshot or the segments, never neither', async () => {
    const base = await testVault();
    const device = newDeviceId();
    const written: Change[] = [];
    for (let seq = 1; seq <= 12; seq += 1) {
      written.push(agreementChange(seq));
      await writeSegment(base, device, seq, [agreementChange(seq)]);
      if (seq === 5) await compactDevice(base, device, 1);
    }
    const pristine = base.remote.filePaths();
    /** A reader on a fresh copy of the server as it was, whose request number `interruptAt` waits for a whole compaction. */
    async function readInterrupted(after: number, interruptAt: number) {
      const server = (await testVault()).remote;
      for (const path of pristine) server.plant(path, (await base.remote.get(path))!);
      const owner: VaultContext = { remote: server, keys: base.keys };
      let count = 0;
      const before = async () => {
        if (count++ === interruptAt) expect(await compactDevice(owner, device, 1)).toBe(12);
      };
      const interrupted: RemoteFiles = {
        list: async (folder) => (await before(), server.list(folder)),
        get: async (path) => (await before(), server.get(path)),
        put: async (path, body, options) => (await before(), server.put(path, body, options)),
        makeFolder: async (folder) => (await before(), server.makeFolder(folder)),
        move: async (from, to, options) => (await before(), server.move(from, to, options)),
        remove: async (path) => (await before(), server.remove(path)),
      };
      const read = await readDevice({ remote: interrupted, keys: base.keys }, device, after);
      return { read, requests: count };
    }
    for (const after of [0, 3, 7]) {
      const { requests } = await readInterrupted(after, -1);
      expect(requests).toBeGreaterThan(3);
      for (let interruptAt = 0; interruptAt < requests; interruptAt += 1) {
        const { read } = await readInterrupted(after, interruptAt);
        expect(read.problems).toEqual([]);
        expect(read.cursor).toBe(12);
        // Without a snapshot, the reader keeps what it applied before; a snapshot restates everything.
        const applied = read.snapshot === null ? [...written.slice(0, after), ...read.changes] : read.changes;
        expect(stateOf(applied)).toEqual(stateOf(written));
      }
    }
  });
});
