import { reminderRecordSchema, type ReminderRecord } from './schema';
import { mutate } from './write';

// Apart from ./reminders.ts, whose reads the popup's first screen loads: these load when used.

/** The user dealt with it ("Done"): it never comes back, not even as a daily overdue repeat. */
export async function acknowledgeReminder(id: string, now: number): Promise<boolean> {
  return updateReminder('acknowledge-reminder', id, now, (r) => ({ ...r, pending: 0, actedAt: now }));
}

/** Shows it again at `fireAt` (the user asked for a later reminder). */
export async function snoozeReminder(id: string, fireAt: number, now: number): Promise<boolean> {
  return updateReminder('snooze-reminder', id, now, (r) => ({ ...r, pending: 1, fireAt, actedAt: now }));
}

/** What the user did with a reminder: a declared mutation, so the background re-arms after it. */
function updateReminder(name: string, id: string, now: number, change: (reminder: ReminderRecord) => ReminderRecord): Promise<boolean> {
  return mutate({
    name,
    stores: ['reminders'],
    now,
    prepare: () => Promise.resolve(),
    write: async (writer) => {
      const store = writer.tx.objectStore('reminders');
      const parsed = reminderRecordSchema.safeParse(await store.get(id));
      if (!parsed.success) return false;
      await store.put(reminderRecordSchema.parse(change(parsed.data)));
      return true;
    },
  });
}
