import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from '../../crypto/bytes';
import { VaultError } from './errors';
import { vaultKeysFrom } from './keys';
import { compress, decompress, HEADER_BYTES, openFile, sealFile } from './sealed-file';
import { agreementChange, testVault } from './test-support';

const PATH = 'd/0123456789abcdef0123456789abcdef/s/000000/0000000001';

async function refusal(promise: Promise<unknown>): Promise<VaultError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VaultError) return error;
    throw error;
  }
  throw new Error('accepted');
}

function segmentJson(count: number): Uint8Array<ArrayBuffer> {
  return utf8(JSON.stringify({ changes: Array.from({ length: count }, (_, n) => agreementChange(n)) }));
}

describe('sealed files', () => {
  it('round-trip with and without compression; a compressed segment is much smaller', async () => {
    const { keys } = await testVault();
    const plain = segmentJson(200);
    const compressed = await sealFile(keys, PATH, plain, { compress: true });
    const stored = await sealFile(keys, PATH, plain, { compress: false });
    expect(await openFile(keys, PATH, compressed)).toEqual(plain);
    expect(await openFile(keys, PATH, stored)).toEqual(plain);
    expect(stored.length).toBe(HEADER_BYTES + plain.length + 16);
    expect(compressed.length).toBeLessThan(plain.length / 4);
    expect(fromUtf8(compressed.subarray(0, 4))).toBe('RCSF');
    expect([compressed[4], compressed[5], stored[5]]).toEqual([1, 1, 0]);
    expect(await openFile(keys, 'x', await sealFile(keys, 'x', new Uint8Array(), { compress: true }))).toEqual(new Uint8Array());
  });

  it('never repeats an IV, so equal contents do not look equal on the server', async () => {
    const { keys } = await testVault();
    const a = await sealFile(keys, PATH, utf8('same'), { compress: false });
    const b = await sealFile(keys, PATH, utf8('same'), { compress: false });
    expect(a.subarray(6, HEADER_BYTES)).not.toEqual(b.subarray(6, HEADER_BYTES));
    expect(a).not.toEqual(b);
  });

  it('any changed byte, in the header or the ciphertext, is refused and the file named', async () => {
    const { keys } = await testVault();
    for (const compressed of [true, false]) {
      const sealed = await sealFile(keys, PATH, segmentJson(3), { compress: compressed });
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: sealed.length - 1 }), fc.integer({ min: 1, max: 255 }), async (index, xor) => {
          const damaged = sealed.slice();
          damaged[index]! ^= xor;
          const error = await refusal(openFile(keys, PATH, damaged));
          expect(error.path).toBe(PATH);
          expect(['file-damaged', 'file-unsupported']).toContain(error.kind);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('a cut file is refused at every length', async () => {
    const { keys } = await testVault();
    const sealed = await sealFile(keys, PATH, segmentJson(5), { compress: true });
    for (let length = 0; length < sealed.length; length += 1) {
      expect(await refusal(openFile(keys, PATH, sealed.subarray(0, length)))).toMatchObject({ kind: 'file-damaged', path: PATH });
    }
  });

  it('a file moved to another path, or into another vault, does not open', async () => {
    const { keys } = await testVault();
    const { keys: otherVault } = await testVault();
    const sealed = await sealFile(keys, PATH, utf8('{"x":1}'), { compress: true });
    const swapped = PATH.replace(/1$/, '2');
    expect(await refusal(openFile(keys, swapped, sealed))).toMatchObject({ kind: 'file-damaged', path: swapped });
    expect(await refusal(openFile(otherVault, PATH, sealed))).toMatchObject({ kind: 'file-damaged', path: PATH });
    // Same key, another vault id: the vault id is part of what each file is bound to.
    expect((await refusal(openFile({ ...keys, vaultId: otherVault.vaultId }, PATH, sealed))).kind).toBe('file-damaged');
  });

  it('a file from a newer format version is refused as unsupported; unknown flags as damaged', async () => {
    const { keys } = await testVault();
    const sealed = await sealFile(keys, PATH, utf8('{}'), { compress: false });
    const newer = sealed.slice();
    newer[4] = 2;
    expect(await refusal(openFile(keys, PATH, newer))).toMatchObject({ kind: 'file-unsupported', path: PATH });
    const flagged = sealed.slice();
    flagged[5] = 0b10;
    expect((await refusal(openFile(keys, PATH, flagged))).kind).toBe('file-damaged');
  });

  it('subkeys come from the raw sync key and the vault id alone', async () => {
    const { keys } = await testVault();
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const one = await vaultKeysFrom(keys.vaultId, raw);
    const again = await vaultKeysFrom(keys.vaultId, raw.slice());
    expect(await openFile(again, PATH, await sealFile(one, PATH, utf8('ok'), { compress: true }))).toEqual(utf8('ok'));
    await expect(vaultKeysFrom('not-a-vault', raw)).rejects.toThrow();
    await expect(vaultKeysFrom(keys.vaultId, raw.subarray(0, 16))).rejects.toThrow();
  });

  it('decompression stops at a limit instead of expanding a bomb', async () => {
    const { keys } = await testVault();
    const zeros = new Uint8Array(1_000_000);
    const sealed = await sealFile(keys, 'x', zeros, { compress: true });
    expect(sealed.length).toBeLessThan(10_000);
    const body = await openFile(keys, 'x', sealed);
    expect(body).toHaveLength(1_000_000);
    expect(await decompress(await compress(zeros), 100_000)).toBeNull();
    expect(await decompress(utf8('not deflate at all, not at all'))).toBeNull();
  });
});
