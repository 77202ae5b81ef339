import * as z from 'zod/mini';
import { BASE64_PATTERN, base64ByteLength } from './bytes';
import { ENVELOPE_ALG, ENVELOPE_VERSION, IV_BYTES, TAG_BYTES } from './envelope-core';

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

// Sealing and opening live in envelope-core.ts (no zod), re-exported here.
export * from './envelope-core';

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
