import type { Migration } from './index';

/**
 * Version 4: images kept as evidence (a screenshot of the lender's chat, later a payment's receipt),
 * each owned by one record and found by its owner. One store for every kind of owner, so a
 * receipt needs no new store and a backup carries every image the same way.
 */
export const migration004Attachments: Migration = (db) => {
  const attachments = db.createObjectStore('attachments', { keyPath: 'id' });
  attachments.createIndex('by-owner', ['ownerType', 'ownerId']);
};
