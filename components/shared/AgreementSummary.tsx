import type { FirstScreenFigures } from '../../lib/domain/first-screen-view';
import { formatFen } from '../../lib/domain/money';
import { thisMonthBurden, totals, type AmountFollowed } from '../../lib/domain/overview';
import { classifyDue } from '../../lib/domain/urgency';
import { t, uiLanguage } from '../../lib/i18n';
import { overviewItems, type ListedAgreement } from './AgreementList';

/** What needs action now: overdue or due today, and not paid (the badge counts the same). */
export function needingActionCount(items: readonly ListedAgreement[], today: string): number {
  return overviewItems(items).filter((o) => {
    const { urgency } = classifyDue(o.dueDate, today);
    return !o.paid && (urgency === 'overdue' || urgency === 'today');
  }).length;
}

/** A total: what is left to pay, then what was agreed and what was paid in small once something is paid. */
function SummaryFigure({ text, figures }: { text: (left: string) => string; figures: AmountFollowed }) {
  const money = (fen: number) => formatFen(fen, uiLanguage());
  return (
    <span className="summary-figure">
      <span>{text(money(figures.leftFen))}</span>
      {figures.paidFen > 0 && <span className="amount-paid">{t('amountOfPaid', [money(figures.amountFen), money(figures.paidFen)])}</span>}
    </span>
  );
}

/** The totals above the list (owed in all, this month's burden), and "remove demo data" while there is some. */
export function AgreementSummary({
  items,
  today,
  showNeedingAction,
  onRemoveDemo,
  figures,
}: {
  items: readonly ListedAgreement[];
  today: string;
  /** The figures when `items` holds only the rows shown first (the popup's first screen, read from its view). */
  figures?: FirstScreenFigures | null;
  /** The popup also says how many need action now. */
  showNeedingAction: boolean;
  onRemoveDemo: () => void;
}) {
  const overview = figures ? [] : overviewItems(items);
  return (
    <section className="summary" aria-label={t('popupTitle')}>
      <SummaryFigure text={(left) => t('totalOwed', left)} figures={figures?.totals ?? totals(overview)} />
      <SummaryFigure text={(left) => t('monthBurden', left)} figures={figures?.monthBurden ?? thisMonthBurden(overview, today)} />
      {showNeedingAction && <span className="needs-action">{t('needsActionCount', String(figures?.needingAction ?? needingActionCount(items, today)))}</span>}
      {(figures?.hasDemo ?? items.some((i) => i.agreement.demo)) && (
        <button type="button" className="button secondary small" onClick={onRemoveDemo}>
          {t('demoRemove')}
        </button>
      )}
    </section>
  );
}
