import { base64ToBytes, bytesToBase64, fromUtf8, randomBytes, utf8 } from './bytes';
import type { Envelope } from './envelope';

/**
 * Sealing and opening (see envelope.ts for the format), with no zod: the background opens records
 * with this alone. An envelope is checked by hand: the version, the algorithm, and base64 that
 * decodes to a 12-byte IV and at least a tag's worth of ciphertext.
 */

export const ENVELOPE_VERSION = 1;
export const ENVELOPE_ALG = 'AES-GCM-256';
export const IV_BYTES = 12;
/** GCM's authentication tag: the shortest valid ciphertext (an empty plaintext). */
export const TAG_BYTES = 16;

/** A result instead of an exception: callers (and the UI) get a code to act on, never a DOMException. */
export type CryptoResult<T, P extends string> = { ok: true; value: T } | { ok: false; problem: P };

/**
 * - malformed: not an envelope (a missing field, bad base64, a wrong IV length);
 * - unsupported: an envelope from a newer build (a larger `v`, another `alg`);
 * - failed: the key is wrong or a byte of the envelope (or the associated data) changed.
 */
export type OpenProblem = 'malformed' | 'unsupported' | 'failed';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const aadOf = (aad: string | undefined) => (aad === undefined ? {} : { additionalData: utf8(aad) });

export async function seal(key: CryptoKey, data: Uint8Array<ArrayBuffer> | string, aad?: string): Promise<Envelope> {
  const iv = randomBytes(IV_BYTES);
  const plain = typeof data === 'string' ? utf8(data) : data;
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, ...aadOf(aad) }, key, plain);
  return { v: ENVELOPE_VERSION, alg: ENVELOPE_ALG, iv: bytesToBase64(iv), ct: bytesToBase64(new Uint8Array(ct)) };
}

/** The bytes sealed in `envelope` (any value: it is validated here), or why they cannot be had. */
export async function open(key: CryptoKey, envelope: unknown, aad?: string): Promise<CryptoResult<Uint8Array<ArrayBuffer>, OpenProblem>> {
  if (isObject(envelope) && ((typeof envelope.v === 'number' && envelope.v > ENVELOPE_VERSION) || (typeof envelope.alg === 'string' && envelope.alg !== ENVELOPE_ALG))) {
    return { ok: false, problem: 'unsupported' };
  }
  if (!isObject(envelope) || envelope.v !== ENVELOPE_VERSION || envelope.alg !== ENVELOPE_ALG || typeof envelope.iv !== 'string' || typeof envelope.ct !== 'string') {
    return { ok: false, problem: 'malformed' };
  }
  const iv = base64ToBytes(envelope.iv);
  const ct = base64ToBytes(envelope.ct);
  if (iv?.length !== IV_BYTES || !ct || ct.length < TAG_BYTES) return { ok: false, problem: 'malformed' };
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, ...aadOf(aad) }, key, ct);
    return { ok: true, value: new Uint8Array(plain) };
  } catch {
    // OperationError: the tag does not match. Nothing else is thrown for a valid key and IV.
    return { ok: false, problem: 'failed' };
  }
}

/** open() for a sealed string; bytes that are not UTF-8 count as failed. */
export async function openText(key: CryptoKey, envelope: unknown, aad?: string): Promise<CryptoResult<string, OpenProblem>> {
  const opened = await open(key, envelope, aad);
  if (!opened.ok) return opened;
  const text = fromUtf8(opened.value);
  return text === null ? { ok: false, problem: 'failed' } : { ok: true, value: text };
}
