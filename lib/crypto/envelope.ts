import * as z from 'zod/mini';
import { BASE64_PATTERN, base64ByteLength, base64ToBytes, bytesToBase64, fromUtf8, randomBytes, utf8 } from './bytes';

/**
 * A sealed value: AES-GCM with a 256-bit key and a fresh random 12-byte IV per seal. GCM's tag
 * (the last 16 bytes of `ct`) authenticates the ciphertext, so a wrong key and a changed byte
 * both fail the same way: open() cannot tell them apart, which is why keys carry a check value
 * (passphrase-key.ts) that is opened first.
 *
 * Optional associated data (`aad`) is authenticated but not stored: the caller states what the
 * envelope is for (a backup payload, a given record), so an envelope moved to another place does
 * not open there.
 *
 * Pure WebCrypto: runs in the service worker, extension pages and Node ≥ 20. Async, so never call
 * it inside an IndexedDB transaction (the transaction would commit under it).
 */

export const ENVELOPE_VERSION = 1;
export const ENVELOPE_ALG = 'AES-GCM-256';
export const IV_BYTES = 12;
/** GCM's authentication tag: the shortest valid ciphertext (an empty plaintext). */
const TAG_BYTES = 16;

/** Canonical base64 of exactly `bytes` bytes, or of at least `min` bytes. */
export function base64Field(size: { bytes: number } | { min: number }) {
  return z.string().check(
    z.regex(BASE64_PATTERN),
    z.refine((value) => ('bytes' in size ? base64ByteLength(value) === size.bytes : base64ByteLength(value) >= size.min), {
      message: 'wrong length',
    }),
  );
}

export const envelopeSchema = z.object({
  v: z.literal(ENVELOPE_VERSION),
  alg: z.literal(ENVELOPE_ALG),
  iv: base64Field({ bytes: IV_BYTES }),
  ct: base64Field({ min: TAG_BYTES }),
});

export type Envelope = z.infer<typeof envelopeSchema>;

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
  const parsed = envelopeSchema.safeParse(envelope);
  if (!parsed.success) return { ok: false, problem: 'malformed' };
  const iv = base64ToBytes(parsed.data.iv);
  const ct = base64ToBytes(parsed.data.ct);
  if (!iv || !ct) return { ok: false, problem: 'malformed' };
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
