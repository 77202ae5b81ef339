import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { attachmentIdsOf, deleteAttachment, getAttachment } from '../../lib/db/attachments';
import { t } from '../../lib/i18n';
import './PaymentReceipt.css';

interface Props {
  paymentId: string;
  /** The payment's amount and day as its line shows them, to name the buttons and the image. */
  amount: string;
  date: string;
  /** Undoes the payment (its receipt goes with it): asked first when it has a receipt. */
  onUndo: () => void;
}

const reason = (error: unknown) => t('receiptFailed', error instanceof Error ? error.message : String(error));

/**
 * A payment's actions beside its line in a row: its receipt (a button that shows the image full size
 * in a modal dialog, and delete after a confirmation) and undo, which asks first when a receipt
 * would go with the payment (a receipt is evidence that is hard to get again). Loaded lazily, only for rows with payments; it reads the
 * receipt's id on the owner index (no image) and the image itself only when opened, through an
 * object URL revoked when the dialog closes.
 */
export default function PaymentReceipt({ paymentId, amount, date, onUndo }: Props) {
  // null until read: undo asks about a receipt only once it is known whether there is one.
  const [ids, setIds] = useState<readonly string[] | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<'delete' | 'undo' | false>(false);
  const [failure, setFailure] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  /** Where the keyboard focus goes once the confirmation closes (it was on one of its buttons). */
  const refocus = useRef<'delete' | 'undo' | 'line' | null>(null);
  const line = useRef<HTMLElement | null>(null);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    attachmentIdsOf('payment', paymentId).then(
      (found) => live.current && setIds(found),
      (error: unknown) => live.current && setFailure(reason(error)),
    );
    return () => {
      live.current = false;
    };
  }, [paymentId]);

  // After every render: the buttons it names exist again (or, for the line, the receipt's are gone).
  useEffect(() => {
    if (refocus.current === 'delete') deleteButton.current?.focus();
    if (refocus.current === 'undo') undoButton.current?.focus();
    // The receipt is gone: the payment's own button (undo) is the one left on its line.
    if (refocus.current === 'line') line.current?.querySelector('button')?.focus();
    refocus.current = null;
  });

  useEffect(() => {
    if (url === null) return;
    dialog.current?.showModal();
    return () => URL.revokeObjectURL(url);
  }, [url]);

  const words = [amount, date];
  if (ids === null) return failure ? <span className="receipt-failure" role="alert">{failure}</span> : null;
  const undoButtonOf = (ask: boolean) => (
    <button
      type="button"
      className="button link"
      ref={undoButton}
      aria-label={t('undoPaymentOf', words)}
      onClick={() => (ask ? setConfirming('undo') : onUndo())}
    >
      {t('undoPayment')}
    </button>
  );
  const [receiptId] = ids;
  if (receiptId === undefined) {
    return (
      <>
        {failure && (
          <span className="receipt-failure" role="alert">
            {failure}
          </span>
        )}
        {undoButtonOf(false)}
      </>
    );
  }

  const open = async () => {
    setFailure(null);
    try {
      const receipt = await getAttachment(receiptId);
      if (!live.current) return;
      if (receipt) setUrl(URL.createObjectURL(receipt.blob));
      // Deleted meanwhile (another window): the button goes.
      else setIds(await attachmentIdsOf('payment', paymentId));
    } catch (error) {
      setFailure(reason(error));
    }
  };

  const remove = async () => {
    try {
      await deleteAttachment(receiptId);
      const left = await attachmentIdsOf('payment', paymentId);
      if (!live.current) return;
      line.current = box.current?.parentElement ?? null;
      refocus.current = left.length > 0 ? 'delete' : 'line';
      setConfirming(false);
      setIds(left);
    } catch (error) {
      setFailure(reason(error));
    }
  };

  return (
    <div ref={box} className={confirming ? 'payment-receipt confirming' : 'payment-receipt'}>
      {confirming === 'undo' ? (
        <div className="confirm" role="group" aria-label={t('undoWithReceiptConfirm', words)}>
          <span>{t('undoWithReceiptConfirm', words)}</span>{' '}
          <button type="button" className="button small danger" onClick={onUndo}>
            {t('undoWithReceiptYes')}
          </button>{' '}
          <button
            type="button"
            className="button small secondary"
            onClick={() => {
              refocus.current = 'undo';
              setConfirming(false);
            }}
            autoFocus
          >
            {t('undoWithReceiptNo')}
          </button>
        </div>
      ) : confirming === 'delete' ? (
        <div className="confirm" role="group" aria-label={t('receiptDeleteConfirm', words)}>
          <span>{t('receiptDeleteConfirm', words)}</span>{' '}
          <button type="button" className="button small danger" onClick={() => void remove()}>
            {t('deleteYes')}
          </button>{' '}
          <button
            type="button"
            className="button small secondary"
            onClick={() => {
              refocus.current = 'delete';
              setConfirming(false);
            }}
            autoFocus
          >
            {t('deleteNo')}
          </button>
        </div>
      ) : (
        <>
          <button
            type="button"
            className="button link"
            ref={openButton}
            aria-haspopup="dialog"
            aria-label={t('receiptOpenOf', words)}
            onClick={() => void open()}
          >
            {t('receiptOpen')}
          </button>
          <button type="button" className="button link" ref={deleteButton} aria-label={t('receiptDeleteOf', words)} onClick={() => setConfirming('delete')}>
            {t('receiptDelete')}
          </button>
          {undoButtonOf(true)}
        </>
      )}
      {failure && (
        <span className="receipt-failure" role="alert">
          {failure}
        </span>
      )}
      {url &&
        // A modal <dialog>: the browser keeps focus inside, Escape closes it, focus returns to the button.
        // Put under <body>, not inside the list: Firefox otherwise leaves the row out of the
        // accessibility tree after the dialog closes.
        createPortal(
          <dialog
            ref={dialog}
            className="receipt-viewer"
            aria-label={t('receiptViewerLabel', words)}
            onClose={() => {
              setUrl(null);
              openButton.current?.focus();
            }}
          >
            <div className="receipt-viewer-bar">
              <span>{t('receiptViewerLabel', words)}</span>
              <button type="button" className="button secondary small" autoFocus onClick={() => dialog.current?.close()}>
                {t('receiptClose')}
              </button>
            </div>
            <div className="receipt-viewer-image">
              <img src={url} alt={t('receiptImageAlt', words)} />
            </div>
          </dialog>,
          document.body,
      )}
    </div>
  );
}
