/**
 * Whether a picked image can be kept as evidence: a receipt the browser cannot show is refused,
 * never stored unreadable. An iPhone saves photos as HEIC by default; Chrome and Firefox cannot
 * decode HEIC, and the file often comes without an image type (the desktop does not know it), so
 * it is recognised by its first bytes, not by its name or type.
 */

/** ISO-BMFF brands of HEIF images (HEIC is HEIF with HEVC). */
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1', 'mif2']);
/** AVIF is HEIF too (it uses mif1), but browsers decode it: not refused for the brand alone. */
const AVIF_BRANDS = new Set(['avif', 'avis']);

/** How many first bytes sniffHeif needs: a file-type box lists its compatible brands there. */
export const SNIFF_BYTES = 64;

const ascii = (bytes: Uint8Array, from: number) => String.fromCharCode(...bytes.subarray(from, from + 4));

/**
 * Whether these first bytes begin a HEIF image other than AVIF: an `ftyp` box at offset 4 whose
 * major or compatible brands name HEIF (`ftypheic`, `ftypheix`, `ftypmif1`…) and none names AVIF.
 */
export function isHeif(bytes: Uint8Array): boolean {
  if (bytes.length < 12 || ascii(bytes, 4) !== 'ftyp') return false;
  const boxSize = (((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)) >>> 0;
  const end = Math.min(bytes.length, boxSize >= 16 ? boxSize : 16);
  // The major brand at 8, the minor version at 12, then the compatible brands four bytes each.
  const brands = [ascii(bytes, 8)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at));
  return brands.some((b) => HEIF_BRANDS.has(b)) && !brands.some((b) => AVIF_BRANDS.has(b));
}

export type ImageProblem = 'heic' | 'undecodable';

/**
 * Why this image cannot be kept, or null when the browser can show it. HEIC is named for what it
 * is, so the message can say how to get a JPEG or PNG; anything else the browser fails to decode
 * (a damaged file, a format it does not know) is refused in general terms.
 */
export async function imageProblem(blob: Blob): Promise<ImageProblem | null> {
  if (isHeif(new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer()))) {
    // A browser that one day decodes HEIC keeps it.
    return (await decodes(blob)) ? null : 'heic';
  }
  return (await decodes(blob)) ? null : 'undecodable';
}

async function decodes(blob: Blob): Promise<boolean> {
  try {
    const bitmap = await createImageBitmap(blob);
    bitmap.close();
    return true;
  } catch {
    return false;
  }
}
