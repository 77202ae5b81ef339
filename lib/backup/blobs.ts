/**
 * JSON has no binary type: a Blob anywhere inside a record (an evidence screenshot) is written as
 * `{ "$blob": { "type": "image/png", "base64": "…" } }` and turned back into a Blob on import.
 * Records never hold a plain object whose only key is "$blob", so the tag cannot be mistaken.
 */
export interface EncodedBlob {
  $blob: { type: string; base64: string };
}

const CHUNK = 0x8000;

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> | null {
  if (!BASE64.test(base64)) return null;
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Blob);
}

/** A copy of the value with every Blob replaced by its encoded form (reads each Blob's bytes). */
export async function encodeBlobs(value: unknown): Promise<unknown> {
  if (value instanceof Blob) {
    return { $blob: { type: value.type, base64: bytesToBase64(new Uint8Array(await value.arrayBuffer())) } } satisfies EncodedBlob;
  }
  if (Array.isArray(value)) return Promise.all(value.map(encodeBlobs));
  if (isPlainObject(value)) {
    const entries = await Promise.all(Object.entries(value).map(async ([key, inner]) => [key, await encodeBlobs(inner)] as const));
    return Object.fromEntries(entries);
  }
  return value;
}

export class BadBlobError extends Error {
  constructor(readonly path: (string | number)[]) {
    super(`Not a valid encoded blob at ${path.join('.')}`);
    this.name = 'BadBlobError';
  }
}

function isBlobTag(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === '$blob';
}

/** The inverse of encodeBlobs, synchronous; throws BadBlobError for a malformed tag. */
export function decodeBlobs(value: unknown, path: (string | number)[] = []): unknown {
  if (Array.isArray(value)) return value.map((inner, index) => decodeBlobs(inner, [...path, index]));
  if (!isPlainObject(value)) return value;
  if (isBlobTag(value)) {
    const tag = value.$blob;
    if (!isPlainObject(tag) || typeof tag.type !== 'string' || typeof tag.base64 !== 'string') throw new BadBlobError(path);
    const bytes = base64ToBytes(tag.base64);
    if (!bytes) throw new BadBlobError(path);
    return new Blob([bytes], { type: tag.type });
  }
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, decodeBlobs(inner, [...path, key])]));
}
