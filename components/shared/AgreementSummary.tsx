import { formatFen } from '../../lib/domain/money';
import { thisMonthBurdenFen, totalLeftFen } from '../../lib/domain/overview';
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

/** The totals above the list (owed in all, this month's burden), and "remove demo data" while there is some. */
export function AgreementSummary({
  items,
  today,
  showNeedingAction,
  onRemoveDemo,
}: {
  items: readonly ListedAgreement[];
  today: string;
  /** The popup also says how many need action now. */
  showNeedingAction: boolean;
  onRemoveDemo: () => void;
}) {
  const overview = overviewItems(items);
  const money = (fen: number) => formatFen(fen, uiLanguage());
  return (
    <section className="summary" aria-label={t('popupTitle')}>
      <span>{t('totalOwed', money(totalLeftFen(overview)))}</span>
      <span>{t('monthBurden', money(thisMonthBurdenFen(overview, today)))}</span>
      {showNeedingAction && <span className="needs-action">{t('needsActionCount', String(needingActionCount(items, today)))}</span>}
      {items.some((i) => i.agreement.demo) && (
        <button type="button" className="button secondary small" onClick={onRemoveDemo}>
          {t('demoRemove')}
        </button>
      )}
    </section>
  );
}
