import { deviceOfRev } from './version-vector';

/**
 * Payments are never edited, only recorded or undone, and each has its own id: merging devices
 * unites them, so none is lost and none counted twice. What a merge cannot know is whether two
 * payments recorded on two devices are one real payment entered twice. Those pairs (same
 * agreement, amount and day, first recorded on different devices) are asked about, never merged.
 */
export interface SyncedPayment {
  readonly id: string;
  readonly agreementId: string;
  readonly amountFen: number;
  readonly paidOn: string;
  /** The stamp of the version that first recorded it. */
  readonly firstRev: string;
}

export function possibleDuplicatePayments(payments: readonly SyncedPayment[], dismissed: ReadonlySet<string> = new Set()): [SyncedPayment, SyncedPayment][] {
  const groups = new Map<string, SyncedPayment[]>();
  for (const payment of payments) {
    const key = `${payment.agreementId}\u0000${String(payment.amountFen)}\u0000${payment.paidOn}`;
    groups.set(key, [...(groups.get(key) ?? []), payment]);
  }
  const pairs: [SyncedPayment, SyncedPayment][] = [];
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const [i, a] of sorted.entries()) {
      for (const b of sorted.slice(i + 1)) {
        if (deviceOfRev(a.firstRev) === deviceOfRev(b.firstRev)) continue;
        if (dismissed.has(pairKey(a, b))) continue;
        pairs.push([a, b]);
      }
    }
  }
  return pairs;
}

/** The key under which the user's answer "these are two payments" is kept, the same from either side. */
export function pairKey(a: SyncedPayment, b: SyncedPayment): string {
  return a.id < b.id ? `${a.id}+${b.id}` : `${b.id}+${a.id}`;
}
