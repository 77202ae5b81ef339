import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from '../../crypto/bytes';
import { PBKDF2_ITERATIONS } from '../../crypto/passphrase-key';
import { MemoryRemote } from '../memory-remote';
import { VaultError } from './errors';
import { keyedName } from './keys';
import { VAULT_FILE_PATH } from './layout';
import { openFile, sealFile } from './sealed-file';
import { FAST, PASSPHRASE } from './test-support';
import { confirmVault, createVault, joinVault, newVaultFile, openVaultFile, readVaultBody } from './vault-file';

async function refusal(promise: Promise<unknown>): Promise<VaultError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VaultError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('creating and joining a vault', () => {
  it('a second device joins with the passphrase and gets the same vault and sync key', async () => {
    const remote = new MemoryRemote();
    const created = await createVault(remote, PASSPHRASE, FAST);
    expect(remote.filePaths()).toEqual([VAULT_FILE_PATH]);
    const joined = await joinVault(remote, PASSPHRASE, FAST);
    expect(joined.keys.vaultId).toBe(created.keys.vaultId);
    expect(joined.rawSyncKey).toEqual(created.rawSyncKey);
    expect(created.rawSyncKey).toHaveLength(32);
    // Subkeys derived on both sides match: what one device seals, the other opens and names alike.
    const sealed = await sealFile(created.keys, 'd/x', utf8('借呗 ¥1,234.56'), { compress: true });
    expect(fromUtf8(await openFile(joined.keys, 'd/x', sealed))).toBe('借呗 ¥1,234.56');
    expect(await keyedName(joined.keys, 'blob', utf8('a'))).toBe(await keyedName(created.keys, 'blob', utf8('a')));
    expect(created.keys.fileKey.extractable).toBe(false);
    expect(created.keys.nameKey.extractable).toBe(false);
  });

  it('the vault file holds no user data, and the sync key is random, not derived from the passphrase', async () => {
    const a = await newVaultFile(PASSPHRASE, FAST);
    const b = await newVaultFile(PASSPHRASE, FAST);
    expect(a.vault.rawSyncKey).not.toEqual(b.vault.rawSyncKey);
    expect(a.vault.keys.vaultId).not.toBe(b.vault.keys.vaultId);
    const text = fromUtf8(a.bytes)!;
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['format', 'v', 'vaultId', 'kdf', 'wrappedKey', 'sha256']);
    expect(text).not.toContain('借呗');
  });

  it('by default derives with at least 600,000 PBKDF2-SHA256 iterations', async () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const { bytes } = await newVaultFile(PASSPHRASE);
    const body = await readVaultBody(bytes);
    expect(body.kdf).toMatchObject({ kdf: 'PBKDF2-SHA256', iterations: PBKDF2_ITERATIONS });
  }, 30_000);

  it('refuses a vault whose iteration count is below the floor', async () => {
    const { bytes } = await newVaultFile(PASSPHRASE, FAST);
    expect((await refusal(openVaultFile(bytes, PASSPHRASE))).kind).toBe('vault-too-weak');
    expect((await refusal(openVaultFile(bytes, PASSPHRASE, { unsafeTestIterations: 2_000 }))).kind).toBe('vault-too-weak');
  });

  it('a wrong passphrase is told apart from a damaged file', async () => {
    const { bytes } = await newVaultFile(PASSPHRASE, FAST);
    const wrong = await refusal(openVaultFile(bytes, `${PASSPHRASE}.`, FAST));
    expect(wrong).toMatchObject({ kind: 'wrong-passphrase', path: VAULT_FILE_PATH });
    expect((await refusal(openVaultFile(bytes.subarray(0, bytes.length - 1), PASSPHRASE, FAST))).kind).toBe('vault-damaged');
    expect((await refusal(openVaultFile(utf8('<html>login</html>'), PASSPHRASE, FAST))).kind).toBe('vault-damaged');
    // The same characters typed another way are the same passphrase.
    expect((await openVaultFile(bytes, PASSPHRASE.normalize('NFD'), FAST)).rawSyncKey).toHaveLength(32);
  });

  it('any changed byte or cut end of the vault file is refused as damaged or unsupported, never as a wrong passphrase', async () => {
    const { bytes } = await newVaultFile(PASSPHRASE, FAST);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), async (index, xor) => {
        const damaged = bytes.slice();
        damaged[index]! ^= xor;
        const error = await refusal(openVaultFile(damaged, PASSPHRASE, FAST));
        expect(error.path).toBe(VAULT_FILE_PATH);
        expect(['vault-damaged', 'vault-unsupported']).toContain(error.kind);
      }),
      { numRuns: 200 },
    );
    for (let length = 0; length < bytes.length; length += 7) {
      expect((await refusal(openVaultFile(bytes.subarray(0, length), PASSPHRASE, FAST))).kind).toBe('vault-damaged');
    }
  });

  it('refuses a vault from a newer format, or with another key derivation, as unsupported', async () => {
    const { bytes } = await newVaultFile(PASSPHRASE, FAST);
    const json = JSON.parse(fromUtf8(bytes)!) as Record<string, unknown>;
    expect((await refusal(openVaultFile(utf8(JSON.stringify({ ...json, v: 2, somethingNew: true })), PASSPHRASE, FAST))).kind).toBe('vault-unsupported');
    const argon = { ...json, kdf: { kdf: 'argon2id', memory: 65_536 } };
    expect((await refusal(openVaultFile(utf8(JSON.stringify(argon)), PASSPHRASE, FAST))).kind).toBe('vault-unsupported');
  });

  it('a vault id edited with a recomputed checksum does not unwrap the key (it is bound to the wrapped key)', async () => {
    const { bytes } = await newVaultFile(PASSPHRASE, FAST);
    const json = JSON.parse(fromUtf8(bytes)!) as Record<string, unknown>;
    const canonical = JSON.stringify({ ...json, vaultId: 'f'.repeat(32), sha256: undefined });
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(canonical)));
    const hex = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
    const forged = utf8(`${canonical.slice(0, -1)},"sha256":"${hex}"}`);
    expect((await readVaultBody(forged)).vaultId).toBe('f'.repeat(32));
    expect((await refusal(openVaultFile(forged, PASSPHRASE, FAST))).kind).toBe('wrong-passphrase');
  });

  it('create refuses to replace a vault; join needs one', async () => {
    const remote = new MemoryRemote();
    expect((await refusal(joinVault(remote, PASSPHRASE, FAST))).kind).toBe('vault-missing');
    expect((await refusal(confirmVault(remote, '0'.repeat(32)))).kind).toBe('vault-missing');
    await createVault(remote, PASSPHRASE, FAST);
    expect((await refusal(createVault(remote, PASSPHRASE, FAST))).kind).toBe('vault-exists');
  });

  it.each([
    ['a strict server', false],
    ['a server that ignores If-None-Match', true],
  ])('two devices creating at once on %s end with one vault that both can tell', async (_label, ignoreCreateOnly) => {
    const remote = new MemoryRemote({ ignoreCreateOnly });
    const results = await Promise.allSettled([createVault(remote, PASSPHRASE, FAST), createVault(remote, 'another passphrase here', FAST)]);
    const created = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    for (const result of results) if (result.status === 'rejected') expect(result.reason).toMatchObject({ kind: 'vault-exists' });
    expect(created.length).toBeGreaterThanOrEqual(1);
    // Whoever believes it created the vault checks it before every sync: exactly one keeps it.
    const confirmed = await Promise.allSettled(created.map((vault) => confirmVault(remote, vault.keys.vaultId)));
    expect(confirmed.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of confirmed) if (result.status === 'rejected') expect(result.reason).toMatchObject({ kind: 'vault-replaced' });
  });
});
