import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isHeif, SNIFF_BYTES } from './image-format';

const first = (bytes: Uint8Array) => bytes.subarray(0, SNIFF_BYTES);
const ftyp = (major: string, compatible: string[]) => {
  const text = `ftyp${major}\0\0\0\0${compatible.join('')}`;
  const size = 4 + text.length;
  return new Uint8Array([0, 0, 0, size, ...new TextEncoder().encode(text)]);
};

describe('isHeif', () => {
  it('recognises a real HEIC photo by its first bytes', () => {
    // Made with libheif's heif-enc from a 64×64 PNG: `ftypheic`, compatible mif1 heic miaf.
    const heic = new Uint8Array(readFileSync(new URL('../../tests/fixtures/receipt.heic', import.meta.url)));
    expect(isHeif(first(heic))).toBe(true);
  });

  it('recognises the other HEIF brands, major or compatible', () => {
    expect(isHeif(ftyp('heix', []))).toBe(true);
    expect(isHeif(ftyp('mif1', ['heic']))).toBe(true);
    expect(isHeif(ftyp('msf1', ['hevc']))).toBe(true);
    expect(isHeif(ftyp('isom', ['mif1']))).toBe(true);
  });

  it('leaves AVIF, video, PNG, JPEG and short files alone', () => {
    expect(isHeif(ftyp('avif', ['mif1', 'miaf']))).toBe(false);
    expect(isHeif(ftyp('mif1', ['avif']))).toBe(false);
    expect(isHeif(ftyp('isom', ['iso2', 'mp41']))).toBe(false);
    expect(isHeif(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe(false);
    expect(isHeif(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]))).toBe(false);
    expect(isHeif(new Uint8Array([0, 0, 0, 24, 0x66, 0x74]))).toBe(false);
  });

  it('reads brands only within the file-type box', () => {
    // A box of 16 bytes lists no compatible brand: "heic" after it belongs to the next box.
    const bytes = new Uint8Array([0, 0, 0, 16, ...new TextEncoder().encode('ftypisom\0\0\0\0heic')]);
    expect(isHeif(bytes)).toBe(false);
  });
});
