import { randomBytes, utf8 } from '../../crypto/bytes';

/**
 * The keys of a vault. One random 32-byte sync key per vault, made by the device that creates it
 * and wrapped in the vault file by a key derived from the passphrase (vault-file.ts). Nothing is
 * ever sealed with the sync key itself: HKDF-SHA256 derives one subkey per purpose, so that a
 * name hash can never be mistaken for, or help to forge, a ciphertext.
 *
 * The sync key is not the lock's data key (lib/lock): it is shared by every device of the vault,
 * while each profile's lock key is its own. Its raw bytes are handed out (`rawSyncKey`) so that
 * the layer above can keep it sealed with the lock between syncs and call `vaultKeysFrom` again.
 */

export const SYNC_KEY_BYTES = 32;
/** 16 random bytes as 32 lowercase hex digits. */
export const VAULT_ID_PATTERN = /^[0-9a-f]{32}$/;

export interface VaultKeys {
  readonly vaultId: string;
  /** AES-256-GCM: seals every file but the vault file. */
  readonly fileKey: CryptoKey;
  /** HMAC-SHA256: content-addressed blob names and any other opaque name made from content. */
  readonly nameKey: CryptoKey;
}

const FILE_KEY_INFO = 'repay-companion/sync/file-key/v1';
const NAME_KEY_INFO = 'repay-companion/sync/name-key/v1';

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

export function newVaultId(): string {
  return toHex(randomBytes(16));
}

export function newSyncKey(): Uint8Array<ArrayBuffer> {
  return randomBytes(SYNC_KEY_BYTES);
}

/** The subkeys of a vault from its raw sync key; the vault id is HKDF's salt, so two vaults never share a subkey. */
export async function vaultKeysFrom(vaultId: string, rawSyncKey: Uint8Array): Promise<VaultKeys> {
  if (!VAULT_ID_PATTERN.test(vaultId)) throw new Error('Not a vault id');
  if (rawSyncKey.length !== SYNC_KEY_BYTES) throw new Error('A sync key is 32 bytes');
  const material = await crypto.subtle.importKey('raw', new Uint8Array(rawSyncKey), 'HKDF', false, ['deriveKey']);
  const salt = utf8(vaultId);
  const fileKey = await crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: utf8(FILE_KEY_INFO) },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  const nameKey = await crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: utf8(NAME_KEY_INFO) },
    material,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign'],
  );
  return { vaultId, fileKey, nameKey };
}

/** A keyed hash as 64 hex digits: equal inputs give equal names within a vault, and nothing outside it can compute or test them. */
export async function keyedName(keys: VaultKeys, purpose: string, bytes: Uint8Array): Promise<string> {
  const label = utf8(`${purpose}\u0000`);
  const input = new Uint8Array(label.length + bytes.length);
  input.set(label);
  input.set(bytes, label.length);
  return toHex(new Uint8Array(await crypto.subtle.sign('HMAC', keys.nameKey, input)));
}
