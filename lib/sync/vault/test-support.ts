import { MemoryRemote, type MemoryRemoteOptions } from '../memory-remote';
import type { Change } from './contents';
import { VAULT_FILE_PATH } from './layout';
import { newVaultFile, type VaultOptions } from './vault-file';
import type { VaultContext } from './writer';

/** Test-only: a low PBKDF2 count keeps vault tests fast. The production count has its own test. */
export const FAST: VaultOptions = { unsafeTestIterations: 1_000 };
export const PASSPHRASE = '我每个月十五号还借呗 correct horse';

/** A vault's keys and an empty in-memory server, without going through the vault file. */
export async function testVault(options: MemoryRemoteOptions = {}): Promise<VaultContext & { remote: MemoryRemote }> {
  const { vault } = await newVaultFile(PASSPHRASE, FAST);
  return { remote: new MemoryRemote(options), keys: vault.keys };
}

/** As `testVault`, with the vault file on the server, as a device that syncs finds it (the engine checks it first). */
export async function testVaultWithFile(options: MemoryRemoteOptions = {}): Promise<VaultContext & { remote: MemoryRemote }> {
  const { bytes, vault } = await newVaultFile(PASSPHRASE, FAST);
  const remote = new MemoryRemote(options);
  remote.plant(VAULT_FILE_PATH, bytes);
  return { remote, keys: vault.keys };
}

/** A change to an agreement as the write path stamps it; `n` makes each one distinct. */
export function agreementChange(n: number, fields: Record<string, unknown> = {}): Change {
  return {
    store: 'agreements',
    id: `agreement-${n % 7}`,
    rev: `2026-11-20T01:00:00.${String(n % 1000).padStart(3, '0')}Z-${String(n).padStart(4, '0')}-0123456789abcdef`,
    record: { lender: '网商贷', amountFen: 123_456 + n, dueDate: '2026-12-15', note: `第${n}次` , ...fields },
  };
}
