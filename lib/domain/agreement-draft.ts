import { AGREEMENT_KINDS, MAX_LENDER_LENGTH, type AgreementFields, type AgreementKind } from './agreement';
import type { AgreementRemindersDraft } from './agreement-reminders';
import { parseIsoDate, type DateParseError } from './dates';
import { parseYuan, type YuanParseError } from './money-input';

/**
 * The add form's core fields as typed, and their check (lib/domain/agreement.ts has the record they
 * become). Apart from the record's schema, so that pages that only show agreements (the popup's
 * first screen) do not carry the form's rules.
 */

/** What the add form holds: raw text, exactly as typed. */
export interface AgreementDraft {
  lender: string;
  kind: string;
  amount: string;
  dueDate: string;
  /** The reminder fields (components/AgreementReminderFields), checked by validateAgreementRemindersDraft. */
  reminders?: AgreementRemindersDraft;
}

export type LenderError = 'empty' | 'too-long';
export type KindError = 'unknown';
export interface AgreementDraftErrors {
  lender?: LenderError;
  kind?: KindError;
  amount?: YuanParseError;
  dueDate?: DateParseError;
}

export type DraftValidation =
  | { ok: true; value: AgreementFields }
  | { ok: false; errors: AgreementDraftErrors };

function isKind(value: string): value is AgreementKind {
  return (AGREEMENT_KINDS as readonly string[]).includes(value);
}

/** Checks every field of the add form at once, so the user sees all problems together. */
export function validateAgreementDraft(draft: AgreementDraft): DraftValidation {
  const errors: AgreementDraftErrors = {};
  const lender = draft.lender.trim();
  if (lender === '') errors.lender = 'empty';
  else if (lender.length > MAX_LENDER_LENGTH) errors.lender = 'too-long';
  if (!isKind(draft.kind)) errors.kind = 'unknown';
  const amount = parseYuan(draft.amount);
  if (!amount.ok) errors.amount = amount.error;
  const dueDate = parseIsoDate(draft.dueDate);
  if (!dueDate.ok) errors.dueDate = dueDate.error;

  if (!amount.ok || !dueDate.ok || !isKind(draft.kind) || Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  return { ok: true, value: { lender, kind: draft.kind, amountFen: amount.value, dueDate: dueDate.value } };
}

/** Common lenders offered as suggestions; the user may type any other name. */
export const PRESET_LENDERS = [
  '网商贷',
  '借呗',
  '花呗',
  '京东白条',
  '京东金条',
  '微粒贷',
  '美团借钱',
  '度小满',
  '招商银行信用卡',
  '工商银行信用卡',
  '建设银行信用卡',
  '中国银行信用卡',
  '农业银行信用卡',
  '交通银行信用卡',
  '浦发银行信用卡',
  '中信银行信用卡',
  '广发银行信用卡',
  '平安银行信用卡',
] as const;
