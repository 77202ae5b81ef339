import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../crypto/bytes';
import { RemoteError } from '../remote';
import { compactDevice } from './compaction';
import type { Change } from './contents';
import { VaultError } from './errors';
import { blobPath, deviceInfoPath, newDeviceId, segmentPath, shardFolder, snapshotPath, VAULT_PATH_PATTERN, VAULT_FILE_PATH } from './layout';
import { listDevices, readBlob, readDevice, readDeviceInfo } from './reader';
import { agreementChange, FAST, PASSPHRASE, testVault } from './test-support';
import { createVault, openVaultFile } from './vault-file';
import { cleanTemporary, writeBlob, writeDeviceInfo, writeSegment } from './writer';

async function refusal(promise: Promise<unknown>): Promise<VaultError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VaultError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('segments', () => {
  it('a reader gets each segment after its cursor, in order', async () => {
    const ctx = await testVault();
    const device = newDeviceId();
    for (let seq = 1; seq <= 5; seq += 1) await writeSegment(ctx, device, seq, [agreementChange(seq)]);
    const all = await readDevice(ctx, device);
    expect(all).toMatchObject({ cursor: 5, snapshot: null, problems: [] });
    expect(all.changes).toEqual([1, 2, 3, 4, 5].map((n) => agreementChange(n)));
    const later = await readDevice(ctx, device, 3);
    expect(later.changes).toEqual([agreementChange(4), agreementChange(5)]);
    expect((await readDevice(ctx, device, 5)).changes).toEqual([]);
    expect((await readDevice(ctx, newDeviceId())).cursor).toBe(0);
  });

  it('tombstones travel inside segments; a missing segment is a gap, never a deletion', async () => {
    const ctx = await testVault();
    const device = newDeviceId();
    const tombstone: Change = { store: 'agreements', id: 'agreement-1', rev: '2026-11-20T02:00:00.000Z-0000-0123456789abcdef', deleted: true };
    await writeSegment(ctx, device, 1, [agreementChange(1)]);
    await writeSegment(ctx, device, 2, [tombstone]);
    await writeSegment(ctx, device, 3, [agreementChange(3)]);
    await writeSegment(ctx, device, 4, [agreementChange(4)]);
    expect((await readDevice(ctx, device)).changes[1]).toEqual(tombstone);

    await ctx.remote.remove(segmentPath(device, 3)); // lost by the server
    const read = await readDevice(ctx, device);
    expect(read.changes).toEqual([agreementChange(1), tombstone]);
    expect(read.cursor).toBe(2);
    expect(read.problems).toEqual([{ kind: 'gap', path: segmentPath(device, 3) }]);
  });

  it('a damaged segment is refused and named, and nothing of it or after it is applied', async () => {
    const ctx = await testVault();
    const device = newDeviceId();
    for (let seq = 1; seq <= 3; seq += 1) await writeSegment(ctx, device, seq, [agreementChange(seq)]);
    const path = segmentPath(device, 2);
    const bytes = (await ctx.remote.get(path))!;
    bytes[bytes.length - 5]! ^= 0x40;
    ctx.remote.plant(path, bytes);
    const read = await readDevice(ctx, device);
    expect(read.changes).toEqual([agreementChange(1)]);
    expect(read.cursor).toBe(1);
    expect(read.problems).toMatchObject([{ kind: 'refused', path, error: { kind: 'file-damaged', path } }]);
  });

  it('a segment swapped for another of the same device is refused', async () => {
    const ctx = await testVault();
    const device = newDeviceId();
    for (let seq = 1; seq <= 2; seq += 1) await writeSegment(ctx, device, seq, [agreementChange(seq)]);
    ctx.remote.plant(segmentPath(device, 1), (await ctx.remote.get(segmentPath(device, 2)))!);
    const read = await readDevice(ctx, device);
    expect(read.changes).toEqual([]);
    expect(read.problems).toMatchObject([{ kind: 'refused', path: segmentPath(device, 1) }]);
  });

  it('temporary uploads and a server\'s "name (1)" copies are skipped and reported, never opened', async () => {
    const ctx = await testVault();
    const device = newDeviceId();
    await writeSegment(ctx, device, 1, [agreementChange(1)]);
    const shard = shardFolder(device, 0);
    ctx.remote.plant(`${shard}0000000002 (1)`, (await ctx.remote.get(segmentPath(device, 1)))!);
    ctx.remote.plant(`${shard}0000000002.part`, utf8('half'));
    ctx.remote.plant('d/stray.txt', utf8('x'));
    const read = await readDevice(ctx, device);
    expect(read.changes).toEqual([agreementChange(1)]);
    expect(read.problems).toEqual([
      { kind: 'skipped', path: `${shard}0000000002 (1)` },
      { kind: 'skipped', path: `${shard}0000000002.part` },
    ]);
    expect(ctx.remote.calls.filter((call) => call.startsWith('get ') && call.includes('0000000002'))).toEqual([]);
    // Devices are known by their info files, beside the vault file; the listing of the vault folder skips anything else.
    await writeDeviceInfo(ctx, { v: 1, kind: 'info', device, name: '手机', lastChangeAt: null, lastSeq: 1 });
    ctx.remote.plant(`${deviceInfoPath(device)} (1)`, utf8('x'));
    ctx.remote.plant('stray.txt', utf8('x'));
    const root = await listDevices(ctx);
    expect(root.devices).toEqual([device]);
    expect(root.infos.get(device)?.size).toBe((await ctx.remote.get(deviceInfoPath(device)))?.length);
    expect(root.problems).toEqual([
      { kind: 'skipped', path: `${deviceInfoPath(device)} (1)` },
      { kind: 'skipped', path: 'stray.txt' },
    ]);
  });

  it('a number is written once: other content under a taken number is refused, the same content again is accepted', async () => {
    const ctx = await testVault();
    const device = newDeviceId();
    await writeSegment(ctx, device, 1, [agreementChange(1)]);
    await writeSegment(ctx, device, 1, [agreementChange(1)]);
    expect(await refusal(writeSegment(ctx, device, 1, [agreementChange(2)]))).toMatchObject({ kind: 'sequence-taken', path: segmentPath(device, 1) });
    expect((await readDevice(ctx, device)).changes).toEqual([agreementChange(1)]);
  });
});

describe('partial uploads', () => {
  it('a body the server kept short is found by the size check and never moved into place', async () => {
    const ctx = await testVault({ beforePut: (path, body) => (path.includes('/t/') ? { store: body.subarray(0, body.length - 3) } : undefined) });
    const device = newDeviceId();
    const path = segmentPath(device, 1);
    expect(await refusal(writeSegment(ctx, device, 1, [agreementChange(1)]))).toMatchObject({ kind: 'upload-incomplete', path });
    expect(ctx.remote.filePaths()).toEqual([]);
    expect((await readDevice(ctx, device)).changes).toEqual([]);
  });

  it('where the server reports no sizes, a short body that was moved is refused by its tag and named', async () => {
    const ctx = await testVault({ omitSizes: true, beforePut: (_path, body) => ({ store: body.subarray(0, body.length - 3) }) });
    const device = newDeviceId();
    await writeSegment(ctx, device, 1, [agreementChange(1)]);
    const read = await readDevice(ctx, device);
    expect(read.changes).toEqual([]);
    expect(read.problems).toMatchObject([{ kind: 'refused', path: segmentPath(device, 1), error: { kind: 'file-damaged' } }]);
  });

  it('a connection dropped mid-upload leaves a temporary file only, which no reader opens and the device cleans', async () => {
    const ctx = await testVault();
    const device = newDeviceId();
    await writeSegment(ctx, device, 1, [agreementChange(1)]);
    ctx.remote.configure({ beforePut: (_path, body) => ({ store: body.subarray(0, 10), fail: new RemoteError('network', 'connection reset') }) });
    await expect(writeSegment(ctx, device, 2, [agreementChange(2)])).rejects.toMatchObject({ kind: 'network' });
    expect(ctx.remote.filePaths().filter((path) => path.includes('/t/'))).toHaveLength(1);
    const read = await readDevice(ctx, device);
    expect(read).toMatchObject({ cursor: 1, problems: [] });
    expect(read.changes).toEqual([agreementChange(1)]);
    expect(await cleanTemporary(ctx, device)).toBe(1);
    expect(ctx.remote.filePaths().filter((path) => path.includes('/t/'))).toEqual([]);
  });
});

describe('blobs', () => {
  it('go up before their segment, named by a keyed hash, stored once, and are refused under another name', async () => {
    const ctx = await testVault();
    const device = newDeviceId();
    const receipt = utf8('\u0089PNG receipt of 1,234.56 to 网商贷');
    const other = utf8('\u0089PNG another screenshot');
    const { blobs } = await writeSegment(ctx, device, 1, [agreementChange(1)], [receipt, other]);
    const [name, otherName] = blobs;
    expect(name).toMatch(/^[0-9a-f]{64}$/);
    const moves = ctx.remote.calls.filter((call) => call.startsWith('move '));
    // A MOVE into a folder not made yet is answered 409 and tried again after MKCOL: each target once in order.
    expect([...new Set(moves.map((call) => call.split(' ')[2]))]).toEqual([blobPath(name!), blobPath(otherName!), segmentPath(device, 1)]);
    expect((await readDevice(ctx, device)).blobs).toEqual(blobs);
    expect(await readBlob(ctx, name!)).toEqual(receipt);

    const puts = ctx.remote.calls.length;
    expect(await writeBlob(ctx, newDeviceId(), receipt)).toBe(name);
    expect(ctx.remote.calls.slice(puts).filter((call) => call.startsWith('put '))).toEqual([]);

    ctx.remote.plant(blobPath(name!), (await ctx.remote.get(blobPath(otherName!)))!);
    expect(await refusal(readBlob(ctx, name!))).toMatchObject({ kind: 'file-damaged', path: blobPath(name!) });
    expect(await readBlob(ctx, 'a'.repeat(64))).toBeNull();
  });
});

describe('device info', () => {
  it('holds the readable name, last change and last segment, sealed beside the vault file', async () => {
    const ctx = await testVault();
    const device = newDeviceId();
    expect(await readDeviceInfo(ctx, device)).toBeNull();
    await writeDeviceInfo(ctx, { v: 1, kind: 'info', device, name: '办公室电脑', lastChangeAt: 1_700_000_000_000, lastSeq: 0 });
    await writeDeviceInfo(ctx, { v: 1, kind: 'info', device, name: '办公室电脑', lastChangeAt: 1_700_000_100_000, lastSeq: 3 });
    expect(await readDeviceInfo(ctx, device)).toMatchObject({ name: '办公室电脑', lastSeq: 3 });
    const other = newDeviceId();
    ctx.remote.plant(deviceInfoPath(other), (await ctx.remote.get(deviceInfoPath(device)))!);
    expect(await refusal(readDeviceInfo(ctx, other))).toMatchObject({ kind: 'file-damaged', path: deviceInfoPath(other) });
  });
});

describe('what the server sees', () => {
  it('every name is opaque, and no file holds a lender, an amount, a date or a device name in clear', async () => {
    const remote = (await testVault()).remote;
    const vault = await createVault(remote, PASSPHRASE, FAST);
    const ctx = { remote, keys: vault.keys };
    const device = newDeviceId();
    await writeDeviceInfo(ctx, { v: 1, kind: 'info', device, name: '办公室电脑 Office PC', lastChangeAt: 1_700_000_000_000, lastSeq: 0 });
    for (let seq = 1; seq <= 12; seq += 1) {
      const change = agreementChange(seq, { lender: '微粒贷 WeBank', amountFen: 77_777_777, dueDate: '2027-01-15' });
      await writeSegment(ctx, device, seq, [change], seq % 4 === 0 ? [utf8(`receipt 2027-01-15 微粒贷 ${seq}`)] : []);
    }
    await compactDevice(ctx, device, 10);
    const paths = remote.filePaths();
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths) expect(path).toMatch(VAULT_PATH_PATTERN);
    // Long enough that random hex or ciphertext cannot contain them by chance.
    const secrets = ['微粒贷', 'WeBank', '77777777', '777777.77', '2027-01-15', 'Office', '办公室', 'agreements', 'lender'];
    for (const path of paths) {
      const bytes = (await remote.get(path))!;
      const text = new TextDecoder('latin1').decode(bytes);
      const utf = new TextDecoder().decode(bytes);
      for (const secret of secrets) {
        expect(path).not.toContain(secret);
        expect(utf).not.toContain(secret);
        expect(text).not.toContain(secret);
      }
    }
    expect(paths).toContain(VAULT_FILE_PATH);
  });
});

describe('any file of a vault, damaged', () => {
  it('a changed byte in any file is refused by the reader of that file, which names it, and nothing of it is applied', async () => {
    const remote = (await testVault()).remote;
    const vault = await createVault(remote, PASSPHRASE, FAST);
    const ctx = { remote, keys: vault.keys };
    const device = newDeviceId();
    await writeDeviceInfo(ctx, { v: 1, kind: 'info', device, name: '手机', lastChangeAt: null, lastSeq: 0 });
    for (let seq = 1; seq <= 3; seq += 1) await writeSegment(ctx, device, seq, [agreementChange(seq)], seq === 2 ? [utf8('receipt')] : []);
    await compactDevice(ctx, device, 1);
    for (let seq = 4; seq <= 5; seq += 1) await writeSegment(ctx, device, seq, [agreementChange(seq)]);
    const pristine = new Map<string, Uint8Array>();
    for (const path of remote.filePaths()) pristine.set(path, (await remote.get(path))!);
    expect([...pristine.keys()]).toEqual(expect.arrayContaining([VAULT_FILE_PATH, deviceInfoPath(device), snapshotPath(device, 3), segmentPath(device, 5)]));
    const [blob] = (await readDevice(ctx, device)).blobs;

    /** What reading the file at `path` gives: the refusal, or what was applied from it. */
    async function readBack(path: string): Promise<{ refused: VaultError | null; applied: Change[] }> {
      if (path === VAULT_FILE_PATH) return { refused: await refusal(openVaultFile((await remote.get(path))!, PASSPHRASE, FAST)), applied: [] };
      if (path === deviceInfoPath(device)) return { refused: await refusal(readDeviceInfo(ctx, device)), applied: [] };
      if (path === blobPath(blob!)) return { refused: await refusal(readBlob(ctx, blob!)), applied: [] };
      const after = path === snapshotPath(device, 3) ? 0 : 3;
      const read = await readDevice(ctx, device, after);
      const problem = read.problems.find((found) => found.kind === 'refused');
      return { refused: problem?.kind === 'refused' ? problem.error : null, applied: read.changes };
    }

    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...pristine.keys()), fc.nat(), fc.integer({ min: 1, max: 255 }), async (path, at, xor) => {
        const bytes = pristine.get(path)!.slice();
        bytes[at % bytes.length]! ^= xor;
        remote.plant(path, bytes);
        try {
          const { refused, applied } = await readBack(path);
          expect(refused?.path).toBe(path);
          if (path === segmentPath(device, 4)) expect(applied).toEqual([]);
          if (path === segmentPath(device, 5)) expect(applied).toEqual([agreementChange(4)]);
          if (path === snapshotPath(device, 3)) expect(applied).toEqual([]);
        } finally {
          remote.plant(path, pristine.get(path)!);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a folder listed at 700 entries or more is reported, since the server may have cut it', async () => {
    const ctx = await testVault({ listLimit: 750 });
    const device = newDeviceId();
    await writeSegment(ctx, device, 1, [agreementChange(1)]);
    for (let n = 0; n < 760; n += 1) ctx.remote.plant(`${shardFolder(device, 0)}junk-${n}`, utf8('x'));
    const read = await readDevice(ctx, device);
    expect(read.problems).toContainEqual({ kind: 'listing-at-limit', path: shardFolder(device, 0) });
    expect(read.problems.filter((problem) => problem.kind === 'skipped')).toHaveLength(749);
  });
});
