import type { ImportPreview, StoreChanges } from './import';
import type { BackupStoreName } from './stores';

/**
 * What an import would do, said in the user's terms: agreements, payments, chats and images. The
 * other stores travel with their owner and are not counted on their own: reminder states and old
 * agreement notes with their agreement, script figures with it too, a chat's notes with the chat.
 */
export type ImportTopic = 'agreements' | 'payments' | 'chats' | 'images';

export const IMPORT_TOPICS: readonly ImportTopic[] = ['agreements', 'payments', 'chats', 'images'];

const TOPIC_OF: Record<BackupStoreName, ImportTopic | null> = {
  agreements: 'agreements',
  payments: 'payments',
  sessions: 'chats',
  attachments: 'images',
  reminders: null,
  notes: null,
  sessionNotes: null,
  scriptState: null,
  holidayYears: null,
};

export type TopicChanges = Record<ImportTopic, StoreChanges>;

export function summariseImport(preview: ImportPreview): TopicChanges {
  const summary = Object.fromEntries(IMPORT_TOPICS.map((topic) => [topic, { added: 0, changed: 0, unchanged: 0, onlyInDatabase: 0 }])) as TopicChanges;
  for (const [store, changes] of Object.entries(preview) as [BackupStoreName, StoreChanges][]) {
    const topic = TOPIC_OF[store];
    if (topic === null) continue;
    summary[topic] = changes;
  }
  return summary;
}

/** True when merging would write nothing: every record in the file, of every store, is already here as it is. */
export function mergeChangesNothing(preview: ImportPreview): boolean {
  return Object.values(preview).every((changes) => changes.added === 0 && changes.changed === 0);
}

/** What "replace all" removes from this device, per topic: the records that are here and not in the file. */
export function replaceRemoves(preview: ImportPreview): Partial<Record<ImportTopic, number>> {
  const summary = summariseImport(preview);
  const removed: Partial<Record<ImportTopic, number>> = {};
  for (const topic of IMPORT_TOPICS) if (summary[topic].onlyInDatabase > 0) removed[topic] = summary[topic].onlyInDatabase;
  return removed;
}
