import type { Migration } from './index';

/** Version 2: the payments a borrower records against an agreement, found by agreement. */
export const migration002Payments: Migration = (db) => {
  const payments = db.createObjectStore('payments', { keyPath: 'id' });
  payments.createIndex('by-agreement', 'agreementId');
};
