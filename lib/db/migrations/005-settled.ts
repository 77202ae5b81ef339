import { settledFlag } from '../settled';
import type { Migration } from './index';

/**
 * Version 5: the at-rest lock (docs/lock-design.md). Records may now be sealed, which an older
 * build could not read: the new version makes such a build refuse the database with its "newer
 * version" message instead of showing nothing and writing plaintext beside sealed rows. The step
 * itself writes each agreement's plaintext `settled` flag (the badge's source while locked) from
 * its payments; every row is plaintext at version 4. A row the rule cannot judge is left as it is
 * (the badge then judges it from its payments, as before): a bad record never blocks the upgrade.
 * Only IndexedDB requests are awaited, inside the upgrade's own transaction.
 */
export const migration005Settled: Migration = (_db, tx) => {
  const agreements = tx.objectStore('agreements');
  void Promise.all([agreements.getAll(), tx.objectStore('payments').getAll()]).then(([rows, payments]) => {
    const byAgreement = new Map<string, typeof payments>();
    for (const payment of payments) byAgreement.set(payment.agreementId, [...(byAgreement.get(payment.agreementId) ?? []), payment]);
    return Promise.all(
      rows.flatMap((row) => {
        try {
          return [agreements.put({ ...row, settled: settledFlag(row, byAgreement.get(row.id) ?? []) } as typeof row)];
        } catch {
          return [];
        }
      }),
    );
  });
};
