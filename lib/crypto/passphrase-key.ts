import * as z from 'zod/mini';
import { base64ToBytes, bytesToBase64, randomBytes, utf8 } from './bytes';
import { base64Field, envelopeSchema, open, seal, type CryptoResult, type Envelope } from './envelope';

/**
 * A key made from the user's passphrase, and the check value that refuses a wrong passphrase
 * before any data is touched.
 *
 * The derivation parameters are stored next to what they protect (a backup file, later the lock
 * settings), so the count can be raised in a later build without locking anyone out: old data
 * opens with its own count, new data gets the new one.
 */

export const KDF_NAME = 'PBKDF2-SHA256';
/**
 * PBKDF2-HMAC-SHA256 iterations: OWASP's figure for this hash (2023) and Bitwarden's default.
 * About half a second in a browser on a modest laptop, once per unlock; a test keeps it ≥ 600,000.
 */
export const PBKDF2_ITERATIONS = 600_000;
/** A stored count above this is refused: a crafted file could otherwise freeze the page for minutes. */
export const PBKDF2_MAX_ITERATIONS = 10_000_000;
export const SALT_BYTES = 16;

export const keyParamsSchema = z.object({
  kdf: z.literal(KDF_NAME),
  iterations: z.int().check(z.positive(), z.lte(PBKDF2_MAX_ITERATIONS)),
  salt: base64Field({ bytes: SALT_BYTES }),
});

export type KeyParams = z.infer<typeof keyParamsSchema>;

/** What is stored to unlock later: how the key is derived, and a known value sealed with it. */
export const keyHeaderSchema = z.object({ params: keyParamsSchema, check: envelopeSchema });

export type KeyHeader = z.infer<typeof keyHeaderSchema>;

export interface KeyOptions {
  /**
   * TEST ONLY. Derives with this many iterations instead of PBKDF2_ITERATIONS and accepts stored
   * parameters down to it, so unit tests run in milliseconds. Production code never passes it:
   * without it, fewer than PBKDF2_ITERATIONS are neither written nor accepted.
   */
  unsafeTestIterations?: number;
  /** The raw key can be exported (to keep it in storage.session while unlocked). Off by default. */
  extractable?: boolean;
}

/**
 * - malformed: the stored parameters or check value are not ours;
 * - unsupported: another key derivation (from a newer build);
 * - too-weak: fewer iterations than this build accepts;
 * - wrong-passphrase: the check value does not open with the derived key.
 */
export type KeyProblem = 'malformed' | 'unsupported' | 'too-weak' | 'wrong-passphrase';

/** Fresh parameters: a new random salt, today's iteration count. */
export function newKeyParams(options: KeyOptions = {}): KeyParams {
  return { kdf: KDF_NAME, iterations: options.unsafeTestIterations ?? PBKDF2_ITERATIONS, salt: bytesToBase64(randomBytes(SALT_BYTES)) };
}

/**
 * The AES-GCM 256 key for a passphrase. NFC first: the same characters typed through different
 * input methods (full-width forms, composed accents) must give the same key.
 */
export async function deriveKey(passphrase: string, params: unknown, options: KeyOptions = {}): Promise<CryptoResult<CryptoKey, Exclude<KeyProblem, 'wrong-passphrase'>>> {
  if (typeof params === 'object' && params !== null && 'kdf' in params && typeof params.kdf === 'string' && params.kdf !== KDF_NAME) {
    return { ok: false, problem: 'unsupported' };
  }
  const parsed = keyParamsSchema.safeParse(params);
  if (!parsed.success) return { ok: false, problem: 'malformed' };
  if (parsed.data.iterations < (options.unsafeTestIterations ?? PBKDF2_ITERATIONS)) return { ok: false, problem: 'too-weak' };
  const salt = base64ToBytes(parsed.data.salt);
  if (!salt) return { ok: false, problem: 'malformed' };
  const material = await crypto.subtle.importKey('raw', utf8(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  const key = await crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: parsed.data.iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    options.extractable ?? false,
    ['encrypt', 'decrypt'],
  );
  return { ok: true, value: key };
}

/** The known value sealed as the check; its associated data keeps it from opening anywhere else. */
const KEY_CHECK_TEXT = 'repay-companion key check';
const KEY_CHECK_AAD = 'repay-companion/key-check/v1';

export function makeKeyCheck(key: CryptoKey): Promise<Envelope> {
  return seal(key, KEY_CHECK_TEXT, KEY_CHECK_AAD);
}

/** Whether `check` opens with `key` to the known value. */
export async function keyMatches(key: CryptoKey, check: unknown): Promise<CryptoResult<true, 'malformed' | 'unsupported' | 'wrong-passphrase'>> {
  const opened = await open(key, check, KEY_CHECK_AAD);
  if (!opened.ok) return { ok: false, problem: opened.problem === 'failed' ? 'wrong-passphrase' : opened.problem };
  return new TextDecoder().decode(opened.value) === KEY_CHECK_TEXT ? { ok: true, value: true } : { ok: false, problem: 'malformed' };
}

/** A new key for a new passphrase (new salt), with the header to store beside the data. */
export async function newPassphraseKey(passphrase: string, options: KeyOptions = {}): Promise<{ key: CryptoKey; header: KeyHeader }> {
  const params = newKeyParams(options);
  const derived = await deriveKey(passphrase, params, options);
  // Our own fresh parameters always derive; anything else is a bug worth throwing.
  if (!derived.ok) throw new Error(`Cannot derive a key from new parameters: ${derived.problem}`);
  return { key: derived.value, header: { params, check: await makeKeyCheck(derived.value) } };
}

/** The key for a stored header, or why not: a wrong passphrase is refused here, before any data is read. */
export async function unlockPassphraseKey(passphrase: string, header: unknown, options: KeyOptions = {}): Promise<CryptoResult<CryptoKey, KeyProblem>> {
  if (typeof header !== 'object' || header === null || !('params' in header) || !('check' in header)) return { ok: false, problem: 'malformed' };
  const derived = await deriveKey(passphrase, header.params, options);
  if (!derived.ok) return derived;
  const matches = await keyMatches(derived.value, header.check);
  return matches.ok ? derived : matches;
}

/**
 * The raw bytes of an extractable key, base64, to keep in storage.session while unlocked (memory
 * only, extension pages and background alone). Null for a key made non-extractable.
 */
export async function exportRawKey(key: CryptoKey): Promise<string | null> {
  if (!key.extractable) return null;
  return bytesToBase64(new Uint8Array(await crypto.subtle.exportKey('raw', key)));
}

export { importRawKey } from './raw-key';
