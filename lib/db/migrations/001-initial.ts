import type { Migration } from './index';

/** Version 1: agreements, their reminders, and the side panel's notes. */
export const migration001Initial: Migration = (db) => {
  const agreements = db.createObjectStore('agreements', { keyPath: 'id' });
  agreements.createIndex('by-dueDate', 'dueDate');

  const reminders = db.createObjectStore('reminders', { keyPath: 'id' });
  reminders.createIndex('by-agreement', 'agreementId');
  reminders.createIndex('by-pending-fireAt', ['pending', 'fireAt']);

  db.createObjectStore('notes', { keyPath: 'id' });
};
