import { base64ToBytes } from './bytes';

// Apart from passphrase-key.ts, so that code holding an unlocked key (the background) loads
// neither the key derivation nor its schemas.

/** The key back from exportRawKey's text, not extractable again; null for anything that is not 32 bytes of base64. */
export async function importRawKey(raw: string): Promise<CryptoKey | null> {
  const bytes = base64ToBytes(raw);
  if (bytes?.length !== 32) return null;
  return crypto.subtle.importKey('raw', bytes, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}
