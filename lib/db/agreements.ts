import type { AgreementFields } from '../domain/agreement';
import { planReminders, type ReminderPlanOptions } from '../domain/reminder-plan';
import { openDatabase } from './database';
import { reportInvalid } from './invalid';
import { agreementRecordSchema, reminderRecordSchema, type AgreementRecord, type ReminderRecord } from './schema';

export async function listAgreements(): Promise<AgreementRecord[]> {
  const db = await openDatabase();
  const rows = await db.getAllFromIndex('agreements', 'by-dueDate');
  return rows.flatMap((row) => {
    const parsed = agreementRecordSchema.safeParse(row);
    if (parsed.success) return [parsed.data];
    reportInvalid('agreements', row, parsed.error);
    return [];
  });
}

/**
 * How many agreements fall due on or before `day` (overdue plus due today): the badge count.
 * Counted on the due-date index, so it costs the same with ten agreements or ten thousand.
 */
export async function countDueOnOrBefore(day: string): Promise<number> {
  const db = await openDatabase();
  return db.countFromIndex('agreements', 'by-dueDate', IDBKeyRange.upperBound(day));
}

export async function getAgreement(id: string): Promise<AgreementRecord | undefined> {
  const db = await openDatabase();
  const row = await db.get('agreements', id);
  if (row === undefined) return undefined;
  const parsed = agreementRecordSchema.safeParse(row);
  if (parsed.success) return parsed.data;
  reportInvalid('agreements', row, parsed.error);
  return undefined;
}

export interface SaveAgreementOptions extends ReminderPlanOptions {
  id?: string;
}

/**
 * Creates or updates an agreement and replaces its reminders in one transaction, so a crash can
 * never leave an agreement without reminders or reminders for an old date. A reminder already shown
 * for the same due date and lead time stays shown: editing the lender's name must not nag again.
 */
export async function saveAgreement(fields: AgreementFields, options: SaveAgreementOptions): Promise<AgreementRecord> {
  const db = await openDatabase();
  const id = options.id ?? crypto.randomUUID();
  const tx = db.transaction(['agreements', 'reminders'], 'readwrite');
  const agreements = tx.objectStore('agreements');
  const reminders = tx.objectStore('reminders');
  const existing = options.id ? await agreements.get(id) : undefined;
  const record = agreementRecordSchema.parse({
    ...fields,
    id,
    createdAt: existing?.createdAt ?? options.now,
    updatedAt: options.now,
  });
  const previous = new Map((await reminders.index('by-agreement').getAll(id)).map((r) => [r.id, r]));
  const planned = planReminders(record, options);
  const writes: Promise<unknown>[] = [agreements.put(record)];
  for (const old of previous.values()) {
    if (!planned.some((p) => p.id === old.id)) writes.push(reminders.delete(old.id));
  }
  for (const plan of planned) {
    const old = previous.get(plan.id);
    const shown = old !== undefined && old.pending === 0 && old.fireAt === plan.fireAt;
    const reminder: ReminderRecord = reminderRecordSchema.parse({
      ...plan,
      pending: shown ? 0 : 1,
      notifiedAt: shown ? old.notifiedAt : null,
    });
    writes.push(reminders.put(reminder));
  }
  await Promise.all([...writes, tx.done]);
  return record;
}

/** Removes an agreement with its reminders and notes, all or nothing. */
export async function deleteAgreement(id: string): Promise<void> {
  const db = await openDatabase();
  const tx = db.transaction(['agreements', 'reminders', 'notes'], 'readwrite');
  const reminderKeys = await tx.objectStore('reminders').index('by-agreement').getAllKeys(id);
  await Promise.all([
    tx.objectStore('agreements').delete(id),
    tx.objectStore('notes').delete(id),
    ...reminderKeys.map((key) => tx.objectStore('reminders').delete(key)),
    tx.done,
  ]);
}
