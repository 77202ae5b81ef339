import type { AgreementKind } from '../domain/agreement';
import type { AgreementDraftErrors } from '../domain/agreement-draft';
import type { DetailError, DetailField } from '../domain/agreement-details';
import type { PlanDraftError } from '../domain/agreement-plan';
import { formatFen } from '../domain/money';
import { t, uiLanguage, type MessageKey } from './index';

/**
 * Labels and messages of the agreement form: its fields' errors and its kind-specific parts. Loaded
 * with the form only (and the side panel's agreement update).
 * Keys follow the codes (dueHint_second_negotiation, doc_income_proof…); a unit test checks each exists.
 */

type ErrorKeys = { [F in keyof AgreementDraftErrors]-?: Record<NonNullable<AgreementDraftErrors[F]>, MessageKey> };

const ERROR_KEYS: ErrorKeys = {
  lender: { empty: 'errLenderEmpty', 'too-long': 'errLenderTooLong' },
  kind: { unknown: 'errKindUnknown' },
  amount: {
    empty: 'errAmountEmpty',
    'not-a-number': 'errAmountNotANumber',
    negative: 'errAmountNegative',
    'too-many-decimals': 'errAmountTooManyDecimals',
    'too-large': 'errAmountTooLarge',
  },
  dueDate: { empty: 'errDateEmpty', 'invalid-date': 'errDateInvalid', 'out-of-range': 'errDateOutOfRange' },
};

export function fieldErrorMessage<F extends keyof AgreementDraftErrors>(
  field: F,
  code: NonNullable<AgreementDraftErrors[F]>,
): string {
  const keys = ERROR_KEYS[field] as Record<string, MessageKey>;
  const key = keys[code];
  return key ? t(key) : code;
}

const snake = (code: string) => code.replaceAll('-', '_');

export const dueHint = (kind: AgreementKind) => t(`dueHint_${snake(kind)}` as MessageKey);
export const amountHint = (kind: AgreementKind) => t(`amountHint_${snake(kind)}` as MessageKey);
/** The one line under each kind in the form's choice, saying what it means. */
export const kindMeaning = (kind: AgreementKind) => t(`kindMeaning_${snake(kind)}` as MessageKey);
export const detailLabel = (field: DetailField) => t(`detail_${field}` as MessageKey);
export const methodLabel = (method: string) => t(`method_${snake(method)}` as MessageKey);

/** Option labels by field: scope_whole, interest_frozen, doc_income_proof, hardship_illness, party_law_firm. */
const OPTION_PREFIX: Partial<Record<DetailField, string>> = {
  scope: 'scope',
  interest: 'interest',
  documents: 'doc',
  hardshipReason: 'hardship',
  partyType: 'party',
};
export const optionLabel = (field: DetailField, option: string) => t(`${OPTION_PREFIX[field] ?? field}_${snake(option)}` as MessageKey);

/** A hint under some detail fields (the restructuring scam warning). */
export function detailHint(field: DetailField): string | undefined {
  if (field === 'partyName') return t('detailHint_partyName');
  if (field === 'licence') return t('detailHint_licence');
  return undefined;
}

export function detailErrorText(error: DetailError): string {
  switch (error) {
    case 'invalid-date':
      return t('errDateInvalid');
    case 'out-of-range':
      return t('errDateOutOfRange');
    case 'too-long':
      return t('detailErrTooLong');
    case 'unknown-option':
      return t('detailErrUnknownOption');
    case 'not-before-due-date':
      return t('detailErrNotBeforeDue');
    case 'not-after-due-date':
      return t('detailErrNotAfterDue');
    default:
      return fieldErrorMessage('amount', error);
  }
}

const money = (fen: number) => formatFen(fen, uiLanguage());

export function planErrorText(error: PlanDraftError): string {
  switch (error.code) {
    case 'unknown':
      return t('planErrMethod');
    case 'invalid':
      if (error.field === 'periods') return t('planErrPeriods', [String(error.min), String(error.max)]);
      return error.field === 'rate' ? t('planErrRate') : t('planErrDay');
    case 'invalid-amount':
      return t('planErrAmount', [String(error.position), fieldErrorMessage('amount', error.reason)]);
    case 'too-few':
      return t('planErrTooFew', String(error.min));
    case 'too-many':
      return t('planErrTooMany', String(error.max));
    case 'do-not-add-up':
      return error.differenceFen > 0 ? t('planErrSumOver', money(error.differenceFen)) : t('planErrSumUnder', money(-error.differenceFen));
  }
}
