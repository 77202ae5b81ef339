import { formatFen } from '../../lib/domain/money';
import { t, uiLanguage } from '../../lib/i18n';

const money = (fen: number) => formatFen(fen, uiLanguage());

/**
 * An amount as it follows payments: what is left to pay is the main figure; once something is
 * paid, what was agreed and what was paid sit small beside it.
 */
export function AmountLeft({ leftFen, amountFen, paidFen }: { leftFen: number; amountFen: number; paidFen: number }) {
  return (
    <>
      <span className="visually-hidden">{t('amountLeftLabel')} </span>
      <span className="amount-left">{money(leftFen)}</span>
      {paidFen > 0 && <span className="amount-paid">{t('amountOfPaid', [money(amountFen), money(paidFen)])}</span>}
    </>
  );
}
