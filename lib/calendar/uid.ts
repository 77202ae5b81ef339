/**
 * Our events' UIDs and content hashes, apart from the event model: the CalDAV code needs them
 * to tell our events from the user's own, and must not load the milestone engine to do so.
 */

export const UID_PREFIX = 'repay-companion-';
export const UID_DOMAIN = '@repay-companion';

/** Whether a UID is one of ours (made by this extension). */
export function isOurUid(uid: string): boolean {
  return uid.startsWith(UID_PREFIX) && uid.endsWith(UID_DOMAIN);
}

/**
 * A 64-bit FNV-1a hash of a text's UTF-16 units, as 16 hex digits: to tell whether an event
 * changed, and to stand for an id that should not be shown. Not a secret.
 */
export function contentHash(text: string): string {
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = (1n << 64n) - 1n;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * prime) & mask;
  }
  return hash.toString(16).padStart(16, '0');
}
