/**
 * Version vectors over the write path's stamps. A record's vector maps each device that edited
 * it to the stamp (`rev`, lib/db/hlc.ts) of that device's latest edit the version includes.
 * Stamps of one device only grow, and they sort as strings in clock order, so "a device's entry
 * is later" is a string comparison. Pure.
 */

export type VersionVector = Readonly<Record<string, string>>;

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
