import { randomBytes, utf8 } from '../../crypto/bytes';
import { VaultError } from './errors';
import type { VaultKeys } from './keys';

/**
 * Every file of the vault but the vault file itself, sealed:
 *
 *   offset  bytes  field
 *   0       4      magic "RCSF"
 *   4       1      format version (1)
 *   5       1      flags: bit 0 = the plaintext was compressed (deflate-raw) before sealing;
 *                  other bits must be 0
 *   6       12     IV, random for every file
 *   18      ≥ 16   AES-256-GCM ciphertext and its 16-byte tag
 *
 * The associated data is the 18-byte header followed by "repay-companion/sync/file/v1", the
 * vault id and the file's path (NUL-separated): a changed header byte, a file copied to another
 * path (a segment swapped for another, a blob under another name) or into another vault does not
 * open. Compression happens before encryption (ciphertext does not compress), and only where the
 * caller asks: segments and snapshots are JSON, blobs are already-compressed images.
 */

const MAGIC = utf8('RCSF');
export const SEALED_FORMAT_VERSION = 1;
const FLAG_COMPRESSED = 0b1;
const KNOWN_FLAGS = FLAG_COMPRESSED;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const HEADER_BYTES = MAGIC.length + 2 + IV_BYTES;
/** A sealed file never opens to more than this (a decompression bomb is refused, not expanded). */
export const MAX_PLAIN_BYTES = 64 * 1024 * 1024;

function associatedData(header: Uint8Array, vaultId: string, path: string): Uint8Array<ArrayBuffer> {
  const context = utf8(`repay-companion/sync/file/v1\u0000${vaultId}\u0000${path}`);
  const aad = new Uint8Array(header.length + context.length);
  aad.set(header);
  aad.set(context, header.length);
  return aad;
}

async function collect(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export function compress(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return collect(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw')), Number.MAX_SAFE_INTEGER).then((out) => out ?? new Uint8Array());
}

/** The inflated bytes, or null when they are not deflate-raw or would exceed `limit`. */
export async function decompress(bytes: Uint8Array<ArrayBuffer>, limit = MAX_PLAIN_BYTES): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    return await collect(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')), limit);
  } catch {
    return null;
  }
}

export async function sealFile(keys: VaultKeys, path: string, plain: Uint8Array<ArrayBuffer>, options: { compress: boolean }): Promise<Uint8Array<ArrayBuffer>> {
  const body = options.compress ? await compress(plain) : plain;
  const header = new Uint8Array(HEADER_BYTES);
  header.set(MAGIC);
  header[MAGIC.length] = SEALED_FORMAT_VERSION;
  header[MAGIC.length + 1] = options.compress ? FLAG_COMPRESSED : 0;
  header.set(randomBytes(IV_BYTES), MAGIC.length + 2);
  const iv = header.slice(MAGIC.length + 2);
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: associatedData(header, keys.vaultId, path) }, keys.fileKey, body));
  const file = new Uint8Array(HEADER_BYTES + ct.length);
  file.set(header);
  file.set(ct, HEADER_BYTES);
  return file;
}

/** The plaintext of a sealed file read from `path`, or a VaultError naming that path. */
export async function openFile(keys: VaultKeys, path: string, file: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  if (file.length < HEADER_BYTES + TAG_BYTES) throw new VaultError('file-damaged', path, 'shorter than a sealed file');
  for (let i = 0; i < MAGIC.length; i += 1) if (file[i] !== MAGIC[i]) throw new VaultError('file-damaged', path, 'not a sealed file');
  const version = file[MAGIC.length] ?? 0;
  if (version > SEALED_FORMAT_VERSION) throw new VaultError('file-unsupported', path, `format ${version}`);
  const flags = file[MAGIC.length + 1] ?? 0;
  if (version !== SEALED_FORMAT_VERSION || (flags & ~KNOWN_FLAGS) !== 0) throw new VaultError('file-damaged', path, 'bad header');
  const header = file.slice(0, HEADER_BYTES);
  const iv = header.slice(MAGIC.length + 2);
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: associatedData(header, keys.vaultId, path) }, keys.fileKey, file.slice(HEADER_BYTES)),
    );
  } catch {
    throw new VaultError('file-damaged', path, 'does not open: changed, cut, moved or from another vault');
  }
  if ((flags & FLAG_COMPRESSED) === 0) return body;
  const plain = await decompress(body);
  if (!plain) throw new VaultError('file-damaged', path, 'does not decompress');
  return plain;
}
