import { compareVectors, deviceOfRev, joinVectors, type VersionVector } from './version-vector';

/**
 * One version of one record as it travels between devices: the edit that made it (`rev`, whose
 * last part names the device), what it includes (`vv`), and its content, or none for a deletion.
 */
export interface Version<R = unknown> {
  readonly rev: string;
  readonly vv: VersionVector;
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

/** The siblings after seeing `incoming`: the union, without any version another one includes. */
export function mergeSiblings<R>(held: Siblings<R>, incoming: Siblings<R>): Siblings<R> {
  const all = [...held, ...incoming];
  const kept: Version<R>[] = [];
  for (const candidate of all) {
    const outdated = all.some((other) => other !== candidate && compareVectors(candidate.vv, other.vv) === 'before');
    if (outdated) continue;
    // The same version reached us twice: keep one copy.
    if (kept.some((version) => compareVectors(version.vv, candidate.vv) === 'equal' && version.rev === candidate.rev)) continue;
    kept.push(candidate);
  }
  return kept.sort((a, b) => (a.rev < b.rev ? 1 : a.rev > b.rev ? -1 : 0));
}

/**
 * A local edit (or deletion) made with `rev` on this device: it includes every sibling held, so
 * it replaces them all. Resolving a conflict is such an edit.
 */
export function localEdit<R>(held: Siblings<R>, rev: string, change: { record: R } | { deleted: true }): Siblings<R> {
  const vv = { ...joinVectors(...held.map((version) => version.vv)), [deviceOfRev(rev)]: rev };
  return ['deleted' in change ? { rev, vv, deleted: true } : { rev, vv, record: change.record }];
}

/**
 * A local edit made with `rev` while the record's versions were in conflict, without answering it
 * (the user changed the record shown, not "Keep this version"): it includes only what the user saw
 * here, the versions in `seen`, and every version this device made before (an edit follows every
 * earlier edit of the same device, whatever the screen showed). The other versions stay beside it,
 * so the conflict is still there to be answered, on this device and the others. With nothing held
 * but what was seen, this is `localEdit`.
 */
export function editOver<R>(held: Siblings<R>, seen: Siblings<R>, rev: string, record: R): Siblings<R> {
  const device = deviceOfRev(rev);
  const included = [...seen, ...held.filter((version) => deviceOfRev(version.rev) === device)];
  const vv = { ...joinVectors(...included.map((version) => version.vv)), [device]: rev };
  return mergeSiblings(held, [{ rev, vv, record }]);
}
