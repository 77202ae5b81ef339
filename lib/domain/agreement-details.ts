import * as z from 'zod/mini';
import type { AgreementKind } from './agreement';
import { isoDateSchema, parseIsoDate, type IsoDate } from './dates';
import { MAX_FEN } from './money';
import { fenToYuanInput, parseYuan } from './money-input';

/**
 * What each kind of arrangement records beyond the lender, the amount and the date: the facts a
 * borrower is asked for again in the next call (the original due date of an extension, whether a
 * deferral freezes interest, the account a settlement is debited from, the papers a hardship
 * application went in with). Optional throughout: a stressed user saves what they know now and
 * fills in the rest later. The dates that reminders watch stay in the agreement's due date (or
 * its payment plan), so these fields never hide a deadline.
 */

export const DEFERRAL_SCOPES = ['whole', 'partial'] as const;
export const DEFERRAL_INTEREST = ['frozen', 'fixed', 'accruing'] as const;
export const DOCUMENT_KINDS = [
  'income-proof',
  'bank-statements',
  'unemployment-proof',
  'subsistence-allowance',
  'medical-records',
  'other-debts-proof',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const HARDSHIP_REASONS = ['unemployment', 'illness', 'family-event', 'other'] as const;
export const RESTRUCTURING_PARTIES = ['licensed-institution', 'law-firm'] as const;

export const MAX_DETAIL_TEXT = 500;
const detailText = z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_DETAIL_TEXT));

export const agreementDetailsRecordSchema = z.object({
  /** extension: the date the debt was due before it was pushed back. */
  originalDueDate: z.optional(isoDateSchema),
  /** extension, hardship: why (the late salary, the illness). */
  reason: z.optional(detailText),
  /** deferral: when the pause began; its end is the due date. */
  startDate: z.optional(isoDateSchema),
  scope: z.optional(z.enum(DEFERRAL_SCOPES)),
  interest: z.optional(z.enum(DEFERRAL_INTEREST)),
  /** waiver: what the lender took off. */
  waivedFen: z.optional(z.int().check(z.nonnegative(), z.maximum(MAX_FEN))),
  /** waiver: the condition ("pay the rest by the date"). */
  condition: z.optional(detailText),
  /** settlement: the account or card it is debited from. */
  debitAccount: z.optional(detailText),
  /** second negotiation: when the deferral it follows ends (the application must come before). */
  deferralEndDate: z.optional(isoDateSchema),
  /** second negotiation, hardship: the proof sent or to send. */
  documents: z.optional(z.array(z.enum(DOCUMENT_KINDS))),
  hardshipReason: z.optional(z.enum(HARDSHIP_REASONS)),
  /** hardship: when the application went in; the due date is when to chase an answer. */
  submittedOn: z.optional(isoDateSchema),
  /** restructuring: only through a licensed institution or a law firm. */
  partyName: z.optional(detailText),
  partyType: z.optional(z.enum(RESTRUCTURING_PARTIES)),
  licence: z.optional(detailText),
});
export type AgreementDetailsRecord = z.infer<typeof agreementDetailsRecordSchema>;
export type DetailField = keyof AgreementDetailsRecord;

export type DetailInput = 'date' | 'text' | 'money' | 'select' | 'checklist';

export interface DetailFieldSpec {
  field: DetailField;
  input: DetailInput;
  /** The choices of a select or checklist. */
  options?: readonly string[];
}

const date = (field: DetailField): DetailFieldSpec => ({ field, input: 'date' });
const text = (field: DetailField): DetailFieldSpec => ({ field, input: 'text' });
const select = (field: DetailField, options: readonly string[]): DetailFieldSpec => ({ field, input: 'select', options });

/** The fields the form shows for each kind, in order. */
export const DETAIL_FIELDS: Record<AgreementKind, readonly DetailFieldSpec[]> = {
  extension: [date('originalDueDate'), text('reason')],
  deferral: [date('startDate'), select('scope', DEFERRAL_SCOPES), select('interest', DEFERRAL_INTEREST)],
  installment: [],
  waiver: [{ field: 'waivedFen', input: 'money' }, text('condition')],
  settlement: [text('debitAccount')],
  resume: [],
  'second-negotiation': [date('deferralEndDate'), { field: 'documents', input: 'checklist', options: DOCUMENT_KINDS }],
  restructuring: [text('partyName'), select('partyType', RESTRUCTURING_PARTIES), text('licence')],
  hardship: [
    select('hardshipReason', HARDSHIP_REASONS),
    text('reason'),
    date('submittedOn'),
    { field: 'documents', input: 'checklist', options: DOCUMENT_KINDS },
  ],
};

/** The form's raw values: text as typed, a checklist as the ticked options. */
export type DetailsDraft = Partial<Record<DetailField, string | readonly string[]>>;

export type DetailError =
  | 'invalid-date'
  | 'out-of-range'
  | 'too-long'
  | 'not-a-number'
  | 'negative'
  | 'too-many-decimals'
  | 'too-large'
  | 'unknown-option'
  /** extension: the original due date must come before the new one. */
  | 'not-before-due-date'
  /** second negotiation: the deferral must end after the application deadline. */
  | 'not-after-due-date';

export type DetailsValidation =
  | { ok: true; value: AgreementDetailsRecord }
  | { ok: false; errors: Partial<Record<DetailField, DetailError>> };

/** Dates that must come before (or after) the agreement's own date, per field. */
const ORDER: Partial<Record<DetailField, 'before' | 'after'>> = {
  originalDueDate: 'before',
  startDate: 'before',
  submittedOn: 'before',
  deferralEndDate: 'after',
};

/**
 * Checks the fields the kind shows (others are dropped: switching the kind in the form must not
 * save the previous kind's answers). `dueDate` is the agreement's date once it parsed, to check
 * the order of dates; empty fields are simply left out.
 */
export function validateDetailsDraft(kind: AgreementKind, draft: DetailsDraft, dueDate: IsoDate | null): DetailsValidation {
  const value: Record<string, unknown> = {};
  const errors: Partial<Record<DetailField, DetailError>> = {};
  for (const spec of DETAIL_FIELDS[kind]) {
    const raw = draft[spec.field];
    if (spec.input === 'checklist') {
      const ticked = Array.isArray(raw) ? (raw as readonly string[]) : [];
      if (ticked.some((option) => !(spec.options ?? []).includes(option))) errors[spec.field] = 'unknown-option';
      else if (ticked.length > 0) value[spec.field] = (spec.options ?? []).filter((option) => ticked.includes(option));
      continue;
    }
    const typed = typeof raw === 'string' ? raw.trim() : '';
    if (typed === '') continue;
    switch (spec.input) {
      case 'date': {
        const parsed = parseIsoDate(typed);
        if (!parsed.ok) {
          errors[spec.field] = parsed.error === 'empty' ? 'invalid-date' : parsed.error;
          break;
        }
        const order = ORDER[spec.field];
        if (dueDate !== null && order === 'before' && parsed.value >= dueDate) errors[spec.field] = 'not-before-due-date';
        else if (dueDate !== null && order === 'after' && parsed.value <= dueDate) errors[spec.field] = 'not-after-due-date';
        else value[spec.field] = parsed.value;
        break;
      }
      case 'money': {
        const parsed = parseYuan(typed);
        if (!parsed.ok) errors[spec.field] = parsed.error === 'empty' ? 'not-a-number' : parsed.error;
        else value[spec.field] = parsed.value;
        break;
      }
      case 'select':
        if (!(spec.options ?? []).includes(typed)) errors[spec.field] = 'unknown-option';
        else value[spec.field] = typed;
        break;
      case 'text':
        if (typed.length > MAX_DETAIL_TEXT) errors[spec.field] = 'too-long';
        else value[spec.field] = typed;
        break;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = agreementDetailsRecordSchema.safeParse(value);
  // Every field was checked above; a failure here is a bug in this table, reported as a bad field.
  if (!parsed.success) return { ok: false, errors: { [String(parsed.error.issues[0]?.path[0] ?? 'reason')]: 'unknown-option' } };
  return { ok: true, value: parsed.data };
}

/** The draft the form starts from when editing: each known field as the form holds it. */
export function detailsDraftOf(details: unknown): DetailsDraft {
  const draft: DetailsDraft = {};
  if (typeof details !== 'object' || details === null) return draft;
  const known = new Set<string>(Object.keys(agreementDetailsRecordSchema.shape));
  for (const [field, value] of Object.entries(details)) {
    if (!known.has(field)) continue;
    const key = field as DetailField;
    if (key === 'waivedFen' && typeof value === 'number') draft.waivedFen = fenToYuanInput(value);
    else if (Array.isArray(value)) draft[key] = value.filter((v): v is string => typeof v === 'string');
    else if (typeof value === 'string') draft[key] = value;
  }
  return draft;
}
