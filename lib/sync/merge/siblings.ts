import { deviceOfRev, joinVectors, type VersionVector } from './version-vector';

/**
 * One version of one record as it travels between devices: the edit that made it (`rev`, whose
 * last part names the device), what it includes (`vv`), and its content, or none for a deletion.
 */
export interface Version<R = unknown> {
  readonly rev: string;
  readonly vv: VersionVector;
  /**
   * Edits its vector reaches that it does not include: other versions of the record made on this
   * same device, which the user had not chosen when editing (`editOver`). Absent nearly always.
   */
  readonly excl?: readonly string[];
  readonly deleted?: true;
  readonly record?: R;
}

/**
 * What a device holds of one record: the versions none of which includes another ("siblings").
 * Nearly always one. Two or more when devices edited the record without seeing each other's
 * edit. Keeping them all, rather than picking one at once, is what makes every device end with
 * the same state whatever order the versions arrive in: the merge below is a set union that drops
 * included versions, so it is commutative, associative and idempotent. What the user sees is
 * decided from the siblings by `resolveRecord` (view.ts), the same way on every device.
 */
export type Siblings<R = unknown> = readonly Version<R>[];

/** Whether version `v` includes the edit stamped `dot`: its vector reaches it, and does not leave it out. */
function hasDot(v: Version, dot: string): boolean {
  const reached = v.vv[deviceOfRev(dot)];
  return reached !== undefined && dot <= reached && !(v.excl?.includes(dot) ?? false);
}

/**
 * Whether `b` includes every edit `a` does, and `a` not `b`'s own: `a` is then outdated by `b`. As
 * an inclusion of sets of edits, it is a strict order, which is what makes the merge below
 * commutative, associative and idempotent.
 */
export function includedIn(a: Version, b: Version): boolean {
  if (a.rev === b.rev || hasDot(a, b.rev)) return false;
  for (const [device, reached] of Object.entries(a.vv)) {
    const other = b.vv[device];
    if (other === undefined || reached > other) return false;
  }
  return (b.excl ?? []).every((dot) => !hasDot(a, dot));
}

/** The siblings after seeing `incoming`: the union, without any version another one includes. */
export function mergeSiblings<R>(held: Siblings<R>, incoming: Siblings<R>): Siblings<R> {
  const all = [...held, ...incoming];
  const kept: Version<R>[] = [];
  for (const candidate of all) {
    if (all.some((other) => other !== candidate && includedIn(candidate, other))) continue;
    // The same version (one stamp, one edit) reached us twice: keep one copy.
    if (kept.some((version) => version.rev === candidate.rev)) continue;
    kept.push(candidate);
  }
  return kept.sort((a, b) => (a.rev < b.rev ? 1 : a.rev > b.rev ? -1 : 0));
}

/**
 * An edit (or deletion) made on this device with `rev` over the versions the user saw, `seen`, of
 * those held: it includes them, and only them, so the other versions held stay beside it as
 * siblings, the versions this device made itself included (their stamps are then listed in
 * `excl`, since this device's entry in the vector reaches them). With `seen` all that is held,
 * it replaces them all.
 */
export function editOver<R>(held: Siblings<R>, seen: Siblings<R>, rev: string, change: { record: R } | { deleted: true }): Siblings<R> {
  const vv = { ...joinVectors(...seen.map((version) => version.vv)), [deviceOfRev(rev)]: rev };
  const reach: Version = { rev, vv };
  const excl = new Set<string>();
  for (const version of seen) for (const dot of version.excl ?? []) if (!seen.some((other) => hasDot(other, dot))) excl.add(dot);
  for (const version of held) if (!seen.includes(version) && !seen.some((other) => hasDot(other, version.rev)) && hasDot(reach, version.rev)) excl.add(version.rev);
  const made: Version<R> = { rev, vv, ...(excl.size > 0 ? { excl: [...excl].sort() } : {}), ...('deleted' in change ? { deleted: true as const } : { record: change.record }) };
  return mergeSiblings(held, [made]);
}

/**
 * A local edit (or deletion) made with `rev` on this device: it includes every sibling held, so
 * it replaces them all. Resolving a conflict is such an edit.
 */
export function localEdit<R>(held: Siblings<R>, rev: string, change: { record: R } | { deleted: true }): Siblings<R> {
  return editOver(held, held, rev, change);
}
