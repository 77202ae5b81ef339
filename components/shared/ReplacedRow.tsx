import { useState } from 'react';
import type { AgreementRecord } from '../../lib/db/schema';
import { formatFen } from '../../lib/domain/money';
import { t, uiLanguage } from '../../lib/i18n';
import { kindLabel, shortDate } from '../../lib/i18n/labels';
import type { RowProps } from './AgreementList';
import { RowIcon } from './RowIcon';

const money = (fen: number) => formatFen(fen, uiLanguage());
/**
 * An agreement another one took the place of: kept for the record (what was agreed, what was paid
 * on it), with no countdown, advice, payment or dates ahead, and a line naming what replaced it.
 */
export default function ReplacedRow(props: RowProps & { replacement: AgreementRecord | null }) {
  const { item, highlighted, replacement, focusOnMount, onNegotiate, onEdit, onDelete } = props;
  const [confirming, setConfirming] = useState(false);
  const { agreement, standing, payments } = item;
  const lender = agreement.lender;
  const paidFen = payments.reduce((sum, p) => sum + p.amountFen, 0);
  const agreedFen = agreement.plan ? agreement.plan.dues.reduce((sum, d) => sum + d.amountFen, 0) : standing.due.amountFen;
  return (
    <li
      className={`agreement urgency-replaced${highlighted ? ' highlighted' : ''}`}
      aria-label={lender}
      tabIndex={-1}
      ref={(el) => {
        if (highlighted) el?.scrollIntoView({ block: 'center' });
        if (focusOnMount && el) {
          el.focus();
          props.onFocused();
        }
      }}
    >
      <div className="agreement-main">
        <div className="agreement-title">
          <span className="lender">{lender}</span>
          <span className="kind">{kindLabel(agreement.kind)}</span>
          {agreement.demo && <span className="tag demo">{t('demoTag')}</span>}
        </div>
        <div className="agreement-amount">
          <span className="amount-replaced">{money(agreedFen)}</span>
          {paidFen > 0 && <span className="amount-paid">{t('replacedPaidOnIt', money(paidFen))}</span>}
        </div>
      </div>
      <div className="agreement-due">
        <span className="replaced-by">
          {replacement ? t('replacedByNew', [kindLabel(replacement.kind), shortDate(replacement.dueDate)]) : t('replacedByGone')}
        </span>
        <span className="due-date">{t('dueOn', shortDate(agreement.dueDate))}</span>
      </div>
      {confirming ? (
        <div className="agreement-actions confirm" role="group" aria-label={t('deleteConfirm', lender)}>
          <span>{t('deleteConfirm', lender)}</span>
          <button type="button" className="button danger" onClick={() => onDelete(agreement)}>
            {t('deleteYes')}
          </button>
          <button type="button" className="button secondary" onClick={() => setConfirming(false)} autoFocus>
            {t('deleteNo')}
          </button>
        </div>
      ) : (
        <div className="agreement-actions">
          <button type="button" className="button secondary small" onClick={() => onNegotiate(agreement)}>
            {t('openPanel')}
          </button>
          <button type="button" className="button link icon" aria-label={t('editAgreementOf', lender)} title={t('edit')} onClick={() => onEdit(agreement)}>
            <RowIcon name="edit" />
          </button>
          <button type="button" className="button link icon" aria-label={t('delete')} title={t('delete')} onClick={() => setConfirming(true)}>
            <RowIcon name="delete" />
          </button>
        </div>
      )}
    </li>
  );
}
