import type { Siblings, Version } from './siblings';

/** What a record's siblings mean for the user, decided alike on every device. */
export interface Resolved<R> {
  /** The version shown, or `null` when the record is deleted. */
  readonly current: Version<R> | null;
  /**
   * The other versions made at the same time on other devices, newest first: the user sees them
   * (content, device, when) and can restore one.
   */
  readonly conflicts: readonly Version<R>[];
  /** An edit made on one device while another deleted the record: the record stays, flagged. */
  readonly editedWhileDeleted: boolean;
}

export interface ResolveOptions<R> {
  /**
   * For records whose text must never be lost to a concurrent edit (notes): makes one record out
   * of the versions, newest first. The result is shown, and no conflict is listed.
   */
  readonly combine?: (records: readonly R[]) => R;
}

/**
 * The rules, in order: a deletion loses to any edit made without seeing it (the record stays and
 * is flagged); among edits, the latest stamp wins, stamps ordering (time, counter, device) the
 * same on every device; the others are conflicts, or are combined with it when the store says so.
 */
export function resolveRecord<R>(siblings: Siblings<R>, options: ResolveOptions<R> = {}): Resolved<R> {
  const byRevDesc = [...siblings].sort((a, b) => (a.rev < b.rev ? 1 : a.rev > b.rev ? -1 : 0));
  const edits = byRevDesc.filter((version): version is Version<R> & { record: R } => version.deleted !== true && version.record !== undefined);
  const deletedToo = edits.length < byRevDesc.length;
  const [newest, ...others] = edits;
  if (newest === undefined) return { current: null, conflicts: [], editedWhileDeleted: false };
  if (others.length > 0 && options.combine) {
    return { current: { ...newest, record: options.combine(edits.map((version) => version.record)) }, conflicts: [], editedWhileDeleted: deletedToo };
  }
  return { current: newest, conflicts: others, editedWhileDeleted: deletedToo };
}
