import type { AgreementFields } from '../domain/agreement';
import { agreementDetailsRecordSchema } from '../domain/agreement-details';
import { toIsoDate } from '../domain/dates';
import { agreementStanding, currentDueDate } from '../domain/agreement-dues';
import {
  planReminders,
  type PlannedReminder,
  type ReminderPlanError,
  type ReminderPlanOptions,
} from '../domain/reminder-plan';
import { loadReminderSettings } from '../settings/reminder-settings';
import { loadHolidayYears } from './holiday-years';
import { paymentCodec, type PaymentRecord } from './payments';
import type { Encoded } from './codec';
import type { AgreementRow } from './rows';
import { agreementCodec, agreementRecordSchema, reminderRecordSchema, type AgreementRecord, type ReminderRecord } from './schema';
import { settledFlag } from './settled';
import { mutate, type ReadTx, type WriteTx } from './write';

// Saving plans reminders with the whole milestone engine (and the holiday table): kept apart from
// the reads so the popup's first screen does not load it.

export type PlanOptions = Omit<ReminderPlanOptions, 'today'>;

export interface SaveAgreementOptions extends PlanOptions {
  id?: string;
  /**
   * A new agreement that takes the place of this one (a chat linked to it turned into a new
   * agreement): in the same transaction the old one is marked as replaced and its reminders go.
   */
  replaces?: string;
}

/** The agreement to replace is not there any more (deleted meanwhile, or replaced already): nothing was written. */
export class ReplacedAgreementMissing extends Error {
  constructor(readonly agreementId: string) {
    super(`The agreement to replace is gone or replaced already: ${agreementId}`);
    this.name = 'ReplacedAgreementMissing';
  }
}

/** The reminders could not be planned (a date outside the calendar the app handles). */
export class ReminderPlanFailed extends Error {
  constructor(readonly reason: ReminderPlanError) {
    super(`Reminders could not be planned: ${reason.code}`);
    this.name = 'ReminderPlanFailed';
  }
}

/** An agreement's row and its payments' rows, as stored (sealed or not): read inside a transaction. */
export interface AgreementRows {
  agreement: AgreementRow | undefined;
  payments: unknown[];
}

export async function readAgreementRowsInTx(tx: ReadTx, agreementId: string): Promise<AgreementRows> {
  const [agreement, payments] = await Promise.all([tx.objectStore('agreements').get(agreementId), tx.objectStore('payments').index('by-agreement').getAll(agreementId)]);
  return { agreement, payments };
}

/** The rows opened and checked, after their transaction is done. Invalid ones are reported and left out. */
export async function openAgreementRows(rows: AgreementRows, now: number): Promise<{ agreement: AgreementRecord | undefined; payments: PaymentRecord[] }> {
  const [agreement, payments] = await Promise.all([agreementCodec.openOne(rows.agreement, now), paymentCodec.open(rows.payments, now)]);
  return { agreement, payments };
}

/**
 * The reminders an agreement should have, given the payments made on it: a fully paid due date
 * keeps only the steps that follow a payment. Pure computation, so it may run inside a transaction.
 */
export function planAgreementReminders(
  agreement: Pick<AgreementRecord, 'id' | 'kind' | 'dueDate' | 'amountFen' | 'followUps' | 'plan' | 'reminders' | 'replacedBy'>,
  payments: readonly PaymentRecord[],
  options: PlanOptions,
): PlannedReminder[] {
  // Another agreement took its place: its dates are no longer the user's to meet.
  if (agreement.replacedBy !== undefined) return [];
  const today = toIsoDate(options.now);
  // A payment is never dated after today when recorded; a clock set back must not break planning.
  const notAfterToday = (day: string | null) => (day !== null && day > today ? today : day);
  const { dues } = agreementStanding(agreement, payments);
  const planned = planReminders(
    agreement.plan
      ? { ...agreement, dues: dues.map((d) => ({ date: d.date, doneOn: notAfterToday(d.standing.settledOn) })) }
      : { ...agreement, doneOn: notAfterToday(dues[0]?.standing.settledOn ?? null) },
    { ...options, today },
  );
  if (!planned.ok) throw new ReminderPlanFailed(planned.error);
  return planned.value;
}

/**
 * Replaces an agreement's reminders with the planned ones inside the caller's transaction. A
 * reminder already shown for the same milestone and time stays shown: editing the lender's name
 * or undoing a payment must not nag again.
 */
export async function replaceRemindersInTx(tx: WriteTx, agreementId: string, planned: readonly PlannedReminder[]): Promise<void> {
  const reminders = tx.objectStore('reminders');
  const previous = new Map((await reminders.index('by-agreement').getAll(agreementId)).map((r) => [r.id, r]));
  const writes: Promise<unknown>[] = [];
  for (const old of previous.values()) {
    if (!planned.some((p) => p.id === old.id)) writes.push(reminders.delete(old.id));
  }
  for (const plan of planned) {
    const old = previous.get(plan.id);
    // The same step of the same due date was shown already, or dealt with before it was (done or
    // snoozed from its page): keep where it stands (done, repeating daily while overdue, snoozed),
    // even if the reminder hour changed, so it never nags twice.
    const kept = old !== undefined && (old.notifiedAt !== null || old.actedAt !== undefined) && old.dueDate === plan.dueDate;
    const reminder: ReminderRecord = reminderRecordSchema.parse(
      kept
        ? { ...plan, fireAt: old.fireAt, pending: old.pending, notifiedAt: old.notifiedAt, ...(old.actedAt === undefined ? {} : { actedAt: old.actedAt }) }
        : { ...plan, pending: 1, notifiedAt: null },
    );
    writes.push(reminders.put(reminder));
  }
  await Promise.all(writes);
}

/**
 * Creates or updates an agreement and replaces its reminders in one transaction, so a crash can
 * never leave an agreement without reminders or reminders for an old date. Payments already
 * recorded on it count: editing a paid agreement does not bring its payment reminders back.
 * With the lock on, the record is sealed between reading and writing (see mutate in lib/db/write.ts).
 */
export async function saveAgreement(fields: AgreementFields, options: SaveAgreementOptions): Promise<AgreementRecord> {
  const id = options.id ?? crypto.randomUUID();
  const { now, replaces } = options;
  if (replaces !== undefined && (replaces === id || options.id !== undefined)) throw new Error('Only a new agreement can replace another');
  // The user's reminder settings, unless the caller chose: read before any transaction opens.
  const planOptions = await withSavedSettings(options);
  const noRows: AgreementRows = { agreement: undefined, payments: [] };
  return mutate({
    name: replaces === undefined ? 'save-agreement' : 'replace-agreement',
    stores: ['agreements', 'reminders', 'payments'],
    now,
    read: async (tx) => {
      const [own, old] = await Promise.all([
        options.id ? readAgreementRowsInTx(tx, id) : noRows,
        replaces === undefined ? noRows : readAgreementRowsInTx(tx, replaces),
      ]);
      return { own, old };
    },
    prepare: async (rows) => {
      const { agreement: existing, payments } = await openAgreementRows(rows.own, now);
      const record = agreementRecordSchema.parse({
        ...fields,
        // The stored outline is loose (see agreement.ts): the details are checked in full here.
        ...(fields.details ? { details: agreementDetailsRecordSchema.parse(fields.details) } : {}),
        // A plan's record carries its first unpaid period, so the lists and the badge see that one.
        ...(fields.plan ? { dueDate: currentDueDate(fields, payments) } : {}),
        id,
        // A demo agreement stays marked as demo when edited, so "remove demo data" still finds it.
        ...(existing?.demo ? { demo: true } : {}),
        // Follow-ups promised in a chat stay when the agreement is edited in a form that does not show them.
        ...(fields.followUps === undefined && existing?.followUps ? { followUps: existing.followUps } : {}),
        // Likewise the agreement's own reminder choices (switched off, its lead days).
        ...(fields.reminders === undefined && existing?.reminders ? { reminders: existing.reminders } : {}),
        // And what the user recorded of the lender's escalation (set from the overdue advice, not the form).
        ...(fields.escalation === undefined && existing?.escalation ? { escalation: existing.escalation } : {}),
        // An agreement replaced by another stays replaced when edited (the form does not show it).
        ...(existing?.replacedBy ? { replacedBy: existing.replacedBy } : {}),
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      });
      const planned = planAgreementReminders(record, payments, planOptions);
      const row = await agreementCodec.seal(record, now, { settled: settledFlag(record, payments) });
      let old: { row: Encoded<'agreements'>; id: string } | null = null;
      if (replaces !== undefined) {
        const opened = await openAgreementRows(rows.old, now);
        if (!opened.agreement || opened.agreement.replacedBy !== undefined) throw new ReplacedAgreementMissing(replaces);
        const closed = agreementRecordSchema.parse({ ...opened.agreement, replacedBy: id, updatedAt: now });
        old = { id: replaces, row: await agreementCodec.seal(closed, now, { settled: settledFlag(closed, opened.payments) }) };
      }
      return { record, planned, row, old };
    },
    write: async (writer, { record, planned, row, old }) => {
      await Promise.all([
        writer.put('agreements', row),
        replaceRemindersInTx(writer.tx, id, planned),
        // The replaced agreement's dates are no longer to be met: its reminders go with it.
        ...(old ? [writer.put('agreements', old.row), replaceRemindersInTx(writer.tx, old.id, [])] : []),
      ]);
      return record;
    },
  });
}

/**
 * The row to write back after an agreement's payments changed: a plan points at its first unpaid
 * period (so the list, the badge and the next payment see that one) and the settled flag follows
 * the payments. Both fields are plaintext, so a sealed row is updated without its key.
 */
export function afterPayments(row: AgreementRow, agreement: AgreementRecord, payments: readonly PaymentRecord[]) {
  return agreementCodec.patch(row, { dueDate: agreement.plan ? currentDueDate(agreement, payments) : agreement.dueDate, settled: settledFlag(agreement, payments) });
}

/**
 * Fills in the reminder hour, lead times and extra lead days from the saved settings where the
 * caller gave none, and the official holidays the user typed for years the table lacks (unless the
 * caller gave `milestones.holidayYears`): every plan and every timeline uses the same calendar.
 */
export async function withSavedSettings(options: PlanOptions): Promise<PlanOptions> {
  const settingsGiven = options.hour !== undefined && options.milestones !== undefined && options.leadDays !== undefined;
  const yearsGiven = options.milestones?.holidayYears !== undefined;
  if (settingsGiven && yearsGiven) return options;
  const [saved, holidayYears] = await Promise.all([
    settingsGiven ? null : loadReminderSettings(),
    yearsGiven ? options.milestones?.holidayYears : loadHolidayYears(),
  ]);
  return {
    ...options,
    hour: options.hour ?? saved?.reminderHour,
    milestones: { ...(options.milestones ?? saved?.leadTimes), holidayYears },
    leadDays: options.leadDays ?? saved?.extraLeadDays,
  };
}
