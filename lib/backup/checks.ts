import { agreementRecordSchema, type AgreementRecord } from '../db/schema';
import { agreementDetailsRecordSchema, DETAIL_FIELDS } from '../domain/agreement-details';
import { isDayInRange } from '../domain/dates';
import { ESCALATION_MARKS } from '../domain/overdue-coaching';
import { BackupError } from './format';

/**
 * What an import checks in a record beyond its store's schema, before anything is written: every
 * field is one this version knows, every day lies in DAY_RANGE (the days the forms accept and
 * reminders are planned for), an agreement's details pass their full schema and belong to its
 * kind, and an installment plan adds up. Each problem names its store, record and field.
 */

type Path = readonly PropertyKey[];
export type StoreRecord = { id: string } & Record<string, unknown>;

export function fieldOf(path: Path): string {
  return path.map(String).join('.') || '(root)';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Blob);
}

/**
 * The first field of the file's record that parsing dropped: zod keeps only the fields a schema
 * knows, so a key the output lacks is one this version does not know. JSON.parse makes `__proto__`
 * an own key like any other; Object.keys and Object.hasOwn see it, and nothing here looks a key up
 * through the prototype chain.
 */
export function droppedField(input: unknown, output: unknown, path: Path = []): Path | null {
  if (Array.isArray(input) && Array.isArray(output)) {
    for (const [index, inner] of input.entries()) {
      const found = droppedField(inner, output[index], [...path, index]);
      if (found) return found;
    }
    return null;
  }
  if (!isPlainObject(input) || !isPlainObject(output)) return null;
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(output, key)) return [...path, key];
    const found = droppedField(input[key], output[key], [...path, key]);
    if (found) return found;
  }
  return null;
}

/** The detail fields that hold a day (from the form's own table, so a new one is checked too). */
const DETAIL_DAY_FIELDS = [...new Set(Object.values(DETAIL_FIELDS).flatMap((specs) => specs.filter((s) => s.input === 'date').map((s) => s.field)))];

/** Every field that holds a day, per store: `*` is each element of an array. */
export const DAY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  agreements: ['dueDate', 'followUps.*.date', 'plan.dues.*.date', ...ESCALATION_MARKS.map((mark) => `escalation.${mark}`), ...DETAIL_DAY_FIELDS.map((field) => `details.${field}`)],
  reminders: ['dueDate', 'fireDate', 'untilDate'],
  payments: ['dueDate', 'paidOn'],
};

/** The values at a path pattern, with their concrete paths; absent fields give none. */
function valuesAt(value: unknown, pattern: readonly string[], path: (string | number)[] = []): [Path, unknown][] {
  if (pattern.length === 0) return [[path, value]];
  const [head, ...rest] = pattern as [string, ...string[]];
  if (head === '*') return Array.isArray(value) ? value.flatMap((inner, index) => valuesAt(inner, rest, [...path, index])) : [];
  if (!isPlainObject(value) || !Object.hasOwn(value, head)) return [];
  return valuesAt(value[head], rest, [...path, head]);
}

function checkDays(store: string, index: number, record: StoreRecord): void {
  for (const pattern of DAY_FIELDS[store] ?? []) {
    for (const [path, day] of valuesAt(record, pattern.split('.'))) {
      // The schemas already refused anything that is not a real yyyy-MM-dd day.
      if (typeof day === 'string' && !isDayInRange(day)) throw new BackupError({ code: 'day-out-of-range', store, index, field: fieldOf(path), day });
    }
  }
}

/**
 * An agreement's details against their full schema (the stored outline is loose: a negative
 * waived amount passes it), limited to the fields its kind records, as the form saves them.
 * Returns the details as the schema reads them (texts trimmed), as saveAgreement stores them.
 */
function checkDetails(index: number, agreement: AgreementRecord): AgreementRecord['details'] {
  const details = agreement.details;
  if (details === undefined) return undefined;
  const known = agreementDetailsRecordSchema.shape;
  const ofKind = new Set<string>(DETAIL_FIELDS[agreement.kind].map((spec) => spec.field));
  for (const field of Object.keys(details)) {
    if (!Object.hasOwn(known, field)) throw new BackupError({ code: 'unknown-field', store: 'agreements', index, field: `details.${field}` });
    // Another kind's field: the form never saves one, so the file was not written by this app.
    if (!ofKind.has(field)) throw new BackupError({ code: 'invalid-record', store: 'agreements', index, field: `details.${field}` });
  }
  const parsed = agreementDetailsRecordSchema.safeParse(details);
  if (!parsed.success) throw new BackupError({ code: 'invalid-record', store: 'agreements', index, field: fieldOf(['details', ...(parsed.error.issues[0]?.path ?? [])]) });
  return parsed.data;
}

/** A plan's periods add up to the amount, and the due date is one of them (the first unpaid one, as saved). */
function checkPlan(index: number, agreement: AgreementRecord): void {
  const plan = agreement.plan;
  if (!plan) return;
  const sumFen = plan.dues.reduce((sum, due) => sum + due.amountFen, 0);
  if (sumFen !== agreement.amountFen) {
    throw new BackupError({ code: 'plan-does-not-add-up', store: 'agreements', index, field: 'plan.dues', sumFen, amountFen: agreement.amountFen });
  }
  if (!plan.dues.some((due) => due.date === agreement.dueDate)) throw new BackupError({ code: 'invalid-record', store: 'agreements', index, field: 'dueDate' });
}

/**
 * Checks a record that passed its store's schema (`parsed`, from the file's `input`) and returns
 * it as it is to be written. Throws a BackupError naming the first problem.
 */
export function checkRecord(store: string, index: number, input: unknown, parsed: StoreRecord): StoreRecord {
  const dropped = droppedField(input, parsed);
  if (dropped) throw new BackupError({ code: 'unknown-field', store, index, field: fieldOf(dropped) });
  let record = parsed;
  if (store === 'agreements') {
    // It passed this schema already: parsed again only to have its type.
    const agreement = agreementRecordSchema.parse(parsed);
    const details = checkDetails(index, agreement);
    if (details !== undefined) record = { ...parsed, details };
  }
  checkDays(store, index, record);
  if (store === 'agreements') checkPlan(index, agreementRecordSchema.parse(record));
  return record;
}
