import { useId, useRef, useState, type ChangeEvent, type SyntheticEvent } from 'react';
import { AttachmentTooLargeError, checkAttachmentImage, MAX_ATTACHMENT_BYTES, NotAnImageError } from '../../lib/db/attachments';
import { recordPayment } from '../../lib/db/payment-writes';
import { isQuotaExceeded } from '../../lib/db/storage-errors';
import type { AgreementRecord } from '../../lib/db/schema';
import { formatFen, type Fen } from '../../lib/domain/money';
import { fenToYuanInput } from '../../lib/domain/money-input';
import { validatePaymentDraft, type PaymentDraft, type PaymentDraftErrors, type PaymentInput } from '../../lib/domain/payment-draft';
import { imageProblem } from '../../lib/evidence/image-format';
import { t, uiLanguage, type MessageKey } from '../../lib/i18n';
import { closeOnEscape, Field } from './AgreementField';

interface Props {
  agreement: AgreementRecord;
  leftFen: Fen;
  today: string;
  onSaved: () => void;
  onCancel: () => void;
}

const AMOUNT_ERRORS: Record<NonNullable<PaymentDraftErrors['amount']>, MessageKey> = {
  empty: 'errAmountEmpty',
  'not-a-number': 'errAmountNotANumber',
  negative: 'errAmountNegative',
  'too-many-decimals': 'errAmountTooManyDecimals',
  'too-large': 'errAmountTooLarge',
  zero: 'errPaidZero',
};
const DATE_ERRORS: Record<NonNullable<PaymentDraftErrors['paidOn']>, MessageKey> = {
  empty: 'errDateEmpty',
  'invalid-date': 'errDateInvalid',
  'out-of-range': 'errDateOutOfRange',
  'in-future': 'errPaidInFuture',
};

// Rounded up, so that an image just over the limit never reads as exactly the limit.
const megabytes = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(Math.ceil(bytes / 104_857.6) / 10).toFixed(1)} MB`);
const LIMIT_MB = String(MAX_ATTACHMENT_BYTES / 1024 / 1024);

/**
 * What the bytes of a picked receipt say, once read: a HEIC photo is named as such whatever type the
 * system gave it (often none), and an image the browser cannot decode is never kept. `byType` is
 * what its size and type said already (shown at once, while the bytes are read).
 */
async function checkReceiptBytes(file: File, byType: string | undefined): Promise<string | undefined> {
  let problem;
  try {
    problem = await imageProblem(file);
  } catch (error) {
    return receiptProblem(file, error);
  }
  if (problem === 'heic') return t('errReceiptHeic', file.name);
  return byType ?? (problem === 'undecodable' ? t('errReceiptUndecodable', file.name) : undefined);
}

/** Why a picked receipt is refused by its size or type, in the user's words; undefined when it is fine. */
function receiptProblem(file: File, error?: unknown): string | undefined {
  let problem = error;
  if (problem === undefined) {
    try {
      checkAttachmentImage(file);
      return undefined;
    } catch (refused) {
      problem = refused;
    }
  }
  if (problem instanceof AttachmentTooLargeError) return t('errReceiptTooLarge', [megabytes(problem.byteLength), LIMIT_MB]);
  if (problem instanceof NotAnImageError) return t('errReceiptNotImage', file.name);
  return t('errReceiptUnreadable');
}

/**
 * "Mark paid": how much and when, full or partial; more than what is left is confirmed first.
 * A receipt image may come with it: read into memory first, then stored with the payment in one
 * transaction, so a refused image or a full disk keeps neither.
 */
export function PaymentForm({ agreement, leftFen, today, onSaved, onCancel }: Props) {
  const [draft, setDraft] = useState<PaymentDraft>({ amount: fenToYuanInput(leftFen), paidOn: today, clears: false });
  const [errors, setErrors] = useState<PaymentDraftErrors>({});
  const [confirming, setConfirming] = useState<PaymentInput | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const amountRef = useRef<HTMLInputElement>(null);
  const receiptRef = useRef<HTMLInputElement>(null);
  const [receipt, setReceipt] = useState<File | null>(null);
  const [receiptError, setReceiptError] = useState<string | undefined>();
  /** The picked file being checked (its bytes decoded): the payment waits for the answer. */
  const [checking, setChecking] = useState<File | null>(null);
  const picked = useRef<File | null>(null);
  const money = (fen: Fen) => formatFen(fen, uiLanguage());

  const update = <K extends keyof PaymentDraft>(field: K, value: PaymentDraft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
    setConfirming(null);
  };

  const pickReceipt = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0] ?? null;
    setReceipt(file);
    const byType = file ? receiptProblem(file) : undefined;
    setReceiptError(byType);
    setFailure(null);
    picked.current = file;
    // Nothing is read of a file over the size limit.
    if (!file || file.size > MAX_ATTACHMENT_BYTES) {
      setChecking(null);
      return;
    }
    setChecking(file);
    void checkReceiptBytes(file, byType).then((problem) => {
      // Only the answer about the file still picked counts.
      if (picked.current !== file) return;
      setReceiptError(problem);
      setChecking(null);
    });
  };
  const clearReceipt = () => {
    if (receiptRef.current) receiptRef.current.value = '';
    setReceipt(null);
    setReceiptError(undefined);
    setChecking(null);
    picked.current = null;
    receiptRef.current?.focus();
  };

  const save = async (input: PaymentInput) => {
    setBusy(true);
    let image: Blob | undefined;
    try {
      // The bytes, not the file on disk: nothing but IndexedDB may be awaited inside the transaction.
      if (receipt) image = new Blob([await receipt.arrayBuffer()], { type: receipt.type });
    } catch (error) {
      setReceiptError(receiptProblem(receipt ?? new File([], ''), error));
      setFailure(t('formHasErrors'));
      setConfirming(null);
      setBusy(false);
      return;
    }
    try {
      await recordPayment(
        { agreementId: agreement.id, amountFen: input.amountFen, paidOn: input.paidOn, coverage: input.coverage },
        { now: Date.now() },
        image,
      );
      onSaved();
    } catch (error) {
      if (receipt && (error instanceof AttachmentTooLargeError || error instanceof NotAnImageError)) {
        setReceiptError(receiptProblem(receipt, error));
        setFailure(t('formHasErrors'));
      } else {
        setFailure(isQuotaExceeded(error) ? t('errStorageFull') : t('errGeneric', error instanceof Error ? error.message : String(error)));
      }
      setConfirming(null);
      setBusy(false);
    }
  };

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setFailure(null);
    if (checking) return;
    const checked = validatePaymentDraft(draft, leftFen, today);
    if (!checked.ok || receiptError) {
      if (!checked.ok) setErrors(checked.errors);
      setFailure(t('formHasErrors'));
      return;
    }
    if (checked.value.exceedsLeft) {
      setConfirming(checked.value);
      return;
    }
    void save(checked.value);
  };

  /** "Change the amount" (or Escape while asked about paying more than is left). */
  const backToAmount = () => {
    setConfirming(null);
    amountRef.current?.focus();
  };

  const title = t('markPaidOf', agreement.lender);
  return (
    <form
      className="card form payment-form"
      onSubmit={submit}
      onKeyDown={(e) => closeOnEscape(e, confirming ? backToAmount : onCancel)}
      noValidate
      aria-label={title}
    >
      <h3>{title}</h3>
      {failure && (
        <p className="form-failure" role="alert">
          {failure}
        </p>
      )}
      <Field
        id={`${id}-amount`}
        label={t('fieldPaidAmount')}
        hint={t('fieldPaidAmountHint', money(leftFen))}
        error={errors.amount && t(AMOUNT_ERRORS[errors.amount])}
      >
        {(props) => (
          <input
            {...props}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            autoFocus
            ref={amountRef}
            value={draft.amount}
            onChange={(e) => update('amount', e.target.value)}
          />
        )}
      </Field>
      <Field id={`${id}-on`} label={t('fieldPaidOn')} error={errors.paidOn && t(DATE_ERRORS[errors.paidOn])}>
        {(props) => <input {...props} type="date" max={today} value={draft.paidOn} onChange={(e) => update('paidOn', e.target.value)} />}
      </Field>
      <div className="field checkbox">
        <input id={`${id}-clears`} type="checkbox" checked={draft.clears} onChange={(e) => update('clears', e.target.checked)} />
        <label htmlFor={`${id}-clears`}>{t('fieldClears')}</label>
      </div>
      <Field
        id={`${id}-receipt`}
        label={t('fieldReceipt')}
        hint={checking ? t('receiptChecking') : t('fieldReceiptHint', LIMIT_MB)}
        error={receiptError}
      >
        {(props) => <input {...props} ref={receiptRef} type="file" accept="image/*" onChange={pickReceipt} />}
      </Field>
      {receipt && (
        <p className="hint receipt-chosen">
          <span>{t('receiptChosen', [receipt.name, megabytes(receipt.size)])}</span>{' '}
          <button type="button" className="button link" onClick={clearReceipt}>
            {t('receiptRemoveFile')}
          </button>
        </p>
      )}
      {confirming ? (
        <div className="confirm" role="group" aria-label={t('paymentOverConfirm', [money(confirming.amountFen), money(leftFen)])}>
          <p role="alert">{t('paymentOverConfirm', [money(confirming.amountFen), money(leftFen)])}</p>
          <div className="form-actions">
            <button type="button" className="button secondary" onClick={backToAmount}>
              {t('paymentOverNo')}
            </button>
            <button type="button" className="button primary" disabled={busy} onClick={() => void save(confirming)} autoFocus>
              {t('paymentOverYes')}
            </button>
          </div>
        </div>
      ) : (
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onCancel}>
            {t('cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy || checking !== null}>
            {t('recordPayment')}
          </button>
        </div>
      )}
    </form>
  );
}
