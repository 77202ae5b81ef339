import type { AgreementFields } from '../domain/agreement';
import { toIsoDate } from '../domain/dates';
import { planReminders, type ReminderPlanError, type ReminderPlanOptions } from '../domain/reminder-plan';
import { openDatabase } from './database';
import { agreementRecordSchema, reminderRecordSchema, type AgreementRecord, type ReminderRecord } from './schema';

// Saving plans reminders with the whole milestone engine (and the holiday table): kept apart from
// the reads so the popup's first screen does not load it.

export interface SaveAgreementOptions extends Omit<ReminderPlanOptions, 'today'> {
  id?: string;
}

/** The reminders could not be planned (a date outside the calendar the app handles). */
export class ReminderPlanFailed extends Error {
  constructor(readonly reason: ReminderPlanError) {
    super(`Reminders could not be planned: ${reason.code}`);
    this.name = 'ReminderPlanFailed';
  }
}

/**
 * Creates or updates an agreement and replaces its reminders in one transaction, so a crash can
 * never leave an agreement without reminders or reminders for an old date. A reminder already shown
 * for the same due date and lead time stays shown: editing the lender's name must not nag again.
 */
export async function saveAgreement(fields: AgreementFields, options: SaveAgreementOptions): Promise<AgreementRecord> {
  const id = options.id ?? crypto.randomUUID();
  // Plan before the transaction opens: nothing but IndexedDB may be awaited inside it.
  const planned = planReminders({ ...fields, id }, { ...options, today: toIsoDate(options.now) });
  if (!planned.ok) throw new ReminderPlanFailed(planned.error);
  const db = await openDatabase();
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
  const writes: Promise<unknown>[] = [agreements.put(record)];
  for (const old of previous.values()) {
    if (!planned.value.some((p) => p.id === old.id)) writes.push(reminders.delete(old.id));
  }
  for (const plan of planned.value) {
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

