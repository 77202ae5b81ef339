import * as z from 'zod/mini';
import { fromUtf8, utf8 } from '../../crypto/bytes';
import { envelopeSchema, open, seal } from '../../crypto/envelope';
import { deriveKey, keyParamsSchema, newKeyParams, type KeyOptions, type KeyParams } from '../../crypto/passphrase-key';
import { RemoteError, type RemoteFiles } from '../remote';
import { VaultError } from './errors';
import { newSyncKey, newVaultId, toHex, VAULT_ID_PATTERN, vaultKeysFrom, type VaultKeys } from './keys';
import { VAULT_FILE_PATH } from './layout';

/**
 * The vault file: the one file every device reads first, and the only one not sealed with the
 * sync key (it carries that key). JSON, holding no user data:
 *
 *   { "format": "repay-companion-vault", "v": 1, "vaultId": "<32 hex>",
 *     "kdf": { "kdf": "PBKDF2-SHA256", "iterations": 600000, "salt": "<base64, 16 bytes>" },
 *     "wrappedKey": { "v": 1, "alg": "AES-GCM-256", "iv": "…", "ct": "…" },
 *     "sha256": "<64 hex>" }
 *
 * - The sync key (32 random bytes) is sealed with the passphrase's key (lib/crypto/passphrase-key:
 *   PBKDF2-SHA256, NFC first), its associated data binding the format, version, vault id and key
 *   derivation parameters: an intact file whose parameters were edited does not unwrap.
 * - `sha256` is a checksum of the other fields as written (canonical JSON, in this order). It has
 *   no key, so it tells a damaged or cut file apart from a wrong passphrase: with an intact
 *   checksum, a key that does not unwrap means the passphrase is wrong. Someone able to rewrite
 *   the file can recompute it; what they then get is "wrong passphrase", never a weaker key
 *   accepted (the floor below) or another key unwrapped (the associated data).
 * - Written once, with If-None-Match and read back (createVault): two devices setting up sync at
 *   the same moment end with one vault, not one key each (Joplin's master keys, created by two
 *   clients that both enabled encryption, left data sealed under a key the other did not load).
 *
 * Argon2id is not used: WebCrypto has PBKDF2 natively (no code to ship), while Argon2id needs a
 * WebAssembly module, the 'wasm-unsafe-eval' content security policy on extension pages, and 64 MiB
 * per derivation. `kdf.kdf` names the derivation, so a later format can add one.
 */

export const VAULT_FORMAT = 'repay-companion-vault';
export const VAULT_FORMAT_VERSION = 1;

const vaultBodySchema = z.object({
  format: z.literal(VAULT_FORMAT),
  v: z.literal(VAULT_FORMAT_VERSION),
  vaultId: z.string().check(z.regex(VAULT_ID_PATTERN)),
  kdf: keyParamsSchema,
  wrappedKey: envelopeSchema,
});
type VaultBody = z.infer<typeof vaultBodySchema>;

const vaultFileSchema = z.object({ ...vaultBodySchema.shape, sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)) });

export interface VaultOptions {
  /**
   * TEST ONLY, as for lib/crypto's KeyOptions: derive with this many iterations, and accept stored
   * counts down to it. Without it, fewer than PBKDF2_ITERATIONS are neither written nor accepted.
   */
  unsafeTestIterations?: number;
}

export interface JoinedVault {
  readonly keys: VaultKeys;
  /** The sync key's raw bytes: for the layer above to keep sealed with the lock, never to store in plaintext. */
  readonly rawSyncKey: Uint8Array<ArrayBuffer>;
}

function canonicalBody(body: VaultBody): string {
  return JSON.stringify({
    format: body.format,
    v: body.v,
    vaultId: body.vaultId,
    kdf: { kdf: body.kdf.kdf, iterations: body.kdf.iterations, salt: body.kdf.salt },
    wrappedKey: { v: body.wrappedKey.v, alg: body.wrappedKey.alg, iv: body.wrappedKey.iv, ct: body.wrappedKey.ct },
  });
}

async function sha256Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text))));
}

function wrapAad(vaultId: string, kdf: KeyParams): string {
  return `${VAULT_FORMAT}/v${VAULT_FORMAT_VERSION}/sync-key\u0000${vaultId}\u0000${kdf.kdf}\u0000${kdf.iterations}\u0000${kdf.salt}`;
}

function keyOptions(options: VaultOptions): KeyOptions {
  return options.unsafeTestIterations === undefined ? {} : { unsafeTestIterations: options.unsafeTestIterations };
}

/** A new vault's file and keys (nothing written yet). */
export async function newVaultFile(passphrase: string, options: VaultOptions = {}): Promise<{ bytes: Uint8Array<ArrayBuffer>; vault: JoinedVault }> {
  const vaultId = newVaultId();
  const kdf = newKeyParams(keyOptions(options));
  const derived = await deriveKey(passphrase, kdf, keyOptions(options));
  if (!derived.ok) throw new Error(`Cannot derive a key from new parameters: ${derived.problem}`);
  const rawSyncKey = newSyncKey();
  const body: VaultBody = { format: VAULT_FORMAT, v: VAULT_FORMAT_VERSION, vaultId, kdf, wrappedKey: await seal(derived.value, rawSyncKey, wrapAad(vaultId, kdf)) };
  const canonical = canonicalBody(body);
  const file = `${canonical.slice(0, -1)},"sha256":"${await sha256Hex(canonical)}"}`;
  return { bytes: utf8(file), vault: { keys: await vaultKeysFrom(vaultId, rawSyncKey), rawSyncKey } };
}

/** The vault id a vault file claims, once its checksum holds (no passphrase needed). */
export async function readVaultBody(bytes: Uint8Array, path = VAULT_FILE_PATH): Promise<VaultBody> {
  const text = fromUtf8(bytes);
  let json: unknown;
  try {
    json = text === null ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (typeof json !== 'object' || json === null) throw new VaultError('vault-damaged', path, 'not JSON');
  // A newer build's vault is refused as such before anything else is read from it.
  if ('format' in json && json.format === VAULT_FORMAT && 'v' in json && typeof json.v === 'number' && json.v > VAULT_FORMAT_VERSION) {
    throw new VaultError('vault-unsupported', path, `format ${json.v}`);
  }
  const parsed = vaultFileSchema.safeParse(json);
  if (!parsed.success) {
    if ('kdf' in json && typeof json.kdf === 'object' && json.kdf !== null && 'kdf' in json.kdf && json.kdf.kdf !== 'PBKDF2-SHA256') {
      throw new VaultError('vault-unsupported', path, 'key derivation');
    }
    throw new VaultError('vault-damaged', path, 'fields');
  }
  const { sha256, ...body } = parsed.data;
  if ((await sha256Hex(canonicalBody(body))) !== sha256) throw new VaultError('vault-damaged', path, 'checksum');
  return body;
}

/** The vault's keys from its file and the passphrase, or a VaultError saying why not. */
export async function openVaultFile(bytes: Uint8Array, passphrase: string, options: VaultOptions = {}): Promise<JoinedVault> {
  const body = await readVaultBody(bytes);
  const derived = await deriveKey(passphrase, body.kdf, keyOptions(options));
  if (!derived.ok) {
    throw new VaultError(derived.problem === 'too-weak' ? 'vault-too-weak' : derived.problem === 'unsupported' ? 'vault-unsupported' : 'vault-damaged', VAULT_FILE_PATH);
  }
  const opened = await open(derived.value, body.wrappedKey, wrapAad(body.vaultId, body.kdf));
  if (!opened.ok) throw new VaultError(opened.problem === 'failed' ? 'wrong-passphrase' : 'vault-damaged', VAULT_FILE_PATH);
  if (opened.value.length !== 32) throw new VaultError('vault-damaged', VAULT_FILE_PATH, 'key length');
  return { keys: await vaultKeysFrom(body.vaultId, opened.value), rawSyncKey: opened.value };
}

/**
 * Creates the vault on the server: the file is written only where none exists (If-None-Match),
 * then read back, because some servers ignore If-None-Match: if what is there is not byte for byte
 * ours, another device created the vault first, and this one must join it (vault-exists). Nothing
 * else is written before this succeeds, so losing the race costs nothing.
 */
export async function createVault(remote: RemoteFiles, passphrase: string, options: VaultOptions = {}): Promise<JoinedVault> {
  if ((await remote.get(VAULT_FILE_PATH)) !== null) throw new VaultError('vault-exists', VAULT_FILE_PATH);
  const { bytes, vault } = await newVaultFile(passphrase, options);
  try {
    await remote.put(VAULT_FILE_PATH, bytes, { createOnly: true });
  } catch (error) {
    if (error instanceof RemoteError && error.kind === 'precondition') throw new VaultError('vault-exists', VAULT_FILE_PATH);
    throw error;
  }
  const back = await remote.get(VAULT_FILE_PATH);
  if (!back || back.length !== bytes.length || back.some((byte, i) => byte !== bytes[i])) throw new VaultError('vault-exists', VAULT_FILE_PATH, 'another device created it first');
  return vault;
}

/** Joins the vault on the server with the passphrase. */
export async function joinVault(remote: RemoteFiles, passphrase: string, options: VaultOptions = {}): Promise<JoinedVault> {
  const bytes = await remote.get(VAULT_FILE_PATH);
  if (!bytes) throw new VaultError('vault-missing', VAULT_FILE_PATH);
  return openVaultFile(bytes, passphrase, options);
}

/**
 * Before each sync: the vault on the server is still the one this device joined. A vault file
 * replaced (by hand, or by a server that ignored If-None-Match in a race) stops sync instead of
 * mixing two vaults' files.
 */
export async function confirmVault(remote: RemoteFiles, vaultId: string): Promise<void> {
  const bytes = await remote.get(VAULT_FILE_PATH);
  if (!bytes) throw new VaultError('vault-missing', VAULT_FILE_PATH);
  const body = await readVaultBody(bytes);
  if (body.vaultId !== vaultId) throw new VaultError('vault-replaced', VAULT_FILE_PATH);
}
