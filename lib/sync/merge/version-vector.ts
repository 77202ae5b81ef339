/**
 * Version vectors over the write path's stamps. A record's vector maps each device that edited
 * it to the stamp (`rev`, lib/db/hlc.ts) of that device's latest edit the version includes.
 * Stamps of one device only grow, and they sort as strings in clock order, so "a device's entry
 * is later" is a string comparison. Pure.
 */

export type VersionVector = Readonly<Record<string, string>>;

export type Order = 'equal' | 'before' | 'after' | 'concurrent';

/** How version `a` relates to `b`: `before` when b includes every edit a does and more. */
export function compareVectors(a: VersionVector, b: VersionVector): Order {
  let aAhead = false;
  let bAhead = false;
  for (const device of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[device] ?? '';
    const y = b[device] ?? '';
    if (x > y) aAhead = true;
    else if (y > x) bAhead = true;
    if (aAhead && bAhead) return 'concurrent';
  }
  if (aAhead) return 'after';
  if (bAhead) return 'before';
  return 'equal';
}

/** Every edit either vector includes: each device's later stamp. */
export function joinVectors(...vectors: VersionVector[]): VersionVector {
  const joined: Record<string, string> = {};
  for (const vector of vectors) {
    for (const [device, rev] of Object.entries(vector)) {
      const seen = joined[device];
      if (seen === undefined || rev > seen) joined[device] = rev;
    }
  }
  return joined;
}

/** The device a stamp came from: its last part (`ISO-counter-device`). */
export function deviceOfRev(rev: string): string {
  return rev.slice(rev.lastIndexOf('-') + 1);
}
