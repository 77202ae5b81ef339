import { lazy, Suspense, useEffect, useId, useState } from 'react';
import type { AgreementRecord, PaymentRecord, ReminderRecord } from '../../lib/db/schema';
import { formatFen } from '../../lib/domain/money';
import type { AgreementStanding } from '../../lib/domain/agreement-dues';
import { overviewItemOf } from '../../lib/domain/first-screen-view';
import { isPaymentKind, overdueCoaching, type OverdueCoaching } from '../../lib/domain/overdue-coaching';
import { groupByUrgency, ROWS_PER_GROUP, type OverviewGroup, type OverviewItem } from '../../lib/domain/overview';
import { t, uiLanguage, type MessageKey } from '../../lib/i18n';
import { rowStepText } from '../../lib/i18n/coaching-labels';
import { countdownText, kindLabel, shortDate } from '../../lib/i18n/labels';
import { AmountLeft } from './AmountLeft';
import { OverdueAdvice } from './OverdueAdvice';
import { RowIcon } from './RowIcon';

// The payment form loads the milestone engine to re-plan reminders: only when it is opened.
const PaymentForm = lazy(() => import('./PaymentForm').then((m) => ({ default: m.PaymentForm })));
// The timeline dates every step with the same engine.
const Timeline = lazy(() => import('./Timeline').then((m) => ({ default: m.Timeline })));
// An agreement a new one replaced: rare, so its row is not in the popup's first load.
const ReplacedRow = lazy(() => import('./ReplacedRow'));
// A payment's receipt (button, viewer, delete) and its undo: only for rows that list payments.
const PaymentReceipt = lazy(() => import('./PaymentReceipt'));

export interface ListedAgreement {
  agreement: AgreementRecord;
  standing: AgreementStanding;
  payments: readonly PaymentRecord[];
}

interface Props {
  items: readonly ListedAgreement[];
  today: string;
  highlightId: string | null;
  nextSteps: ReadonlyMap<string, ReminderRecord>;
  /** Opens the side panel on the agreement (on one script, from the overdue advice): call it in the click itself. */
  onNegotiate: (agreement: AgreementRecord, script?: NonNullable<OverdueCoaching['script']>) => void;
  /** Something was recorded on the agreement outside the form (the overdue advice's escalation marks). */
  onRecorded: (agreement: AgreementRecord) => void;
  onEdit: (agreement: AgreementRecord) => void;
  onDelete: (agreement: AgreementRecord) => void;
  onPaid: (agreement: AgreementRecord) => void;
  onUndo: (payment: PaymentRecord) => void;
  /**
   * A row to focus once it shows (a payment may move it to another group, which mounts it anew):
   * a keyboard user is not left on a button that no longer exists. `onFocused` clears it.
   */
  focusId: string | null;
  onFocused: () => void;
  /** Groups the user opened in full; the others show their first rows only. */
  opened: ReadonlySet<OverviewGroup>;
  onShowAll: (group: OverviewGroup) => void;
  /** When given, the lender's name is a button that shows everything with that lender (the full view). */
  onOpenLender?: (lender: string) => void;
  /** Each group's size when `items` holds only the rows shown first (the popup's first screen, read from its view). */
  counts?: ReadonlyMap<OverviewGroup, number>;
}

const GROUP_KEYS: Record<OverviewGroup, MessageKey> = {
  overdue: 'group_overdue',
  today: 'group_today',
  week: 'group_week',
  later: 'group_later',
  paid: 'group_paid',
  replaced: 'group_replaced',
};

const money = (fen: number) => formatFen(fen, uiLanguage());

/** One agreement's dates ahead as an .ics file; the calendar code loads only on this click. */
async function downloadCalendar(agreement: AgreementRecord, payments: readonly PaymentRecord[]) {
  const { downloadCalendarFile } = await import('../../lib/export/calendar-file');
  // Nothing is saved when no date lies ahead (a debt overdue with no step left before today).
  await downloadCalendarFile([{ agreement, payments }], Date.now(), agreement.lender);
}

/** What the summary and the grouping read of each row: its current due date, and a plan's every period. */
export function overviewItems(items: readonly ListedAgreement[]): (ListedAgreement & OverviewItem)[] {
  return items.map((item) => ({ ...item, ...overviewItemOf(item) }));
}

/** The listed agreements in their urgency groups (the same grouping the popup's summary uses). */
export function groupItems(items: readonly ListedAgreement[], today: string) {
  return groupByUrgency(overviewItems(items), today);
}

/** The agreements grouped by what needs action first: overdue, due today, within a week, later, paid. */
export function AgreementList({ items, today, highlightId, opened, onShowAll, counts, ...handlers }: Props) {
  const id = useId();
  // Held here, not in the row: a payment moves a row to another group, which mounts it anew.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (agreementId: string) =>
    setExpanded((set) => {
      const next = new Set(set);
      if (!next.delete(agreementId)) next.add(agreementId);
      return next;
    });
  // Agreements made in a chat whose written confirmation has not arrived: one cheap read of the sessions.
  const [unconfirmed, setUnconfirmed] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    let live = true;
    // Read after the list is on screen, and its code loaded then: the first screen does not wait for it.
    import('../../lib/db/session-confirmation')
      .then(({ agreementsAwaitingConfirmation }) => agreementsAwaitingConfirmation())
      .then(
        // Usually nothing to warn about: then the list is not rendered a second time.
        (set) => live && setUnconfirmed((before) => (set.size === 0 && before.size === 0 ? before : set)),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [items]);
  const groups = groupItems(items, today);
  // What replaced a replaced row, when it is in the list (the first screen may hold only some rows).
  const byId = new Map(items.map((item) => [item.agreement.id, item.agreement]));
  return (
    <ul className="agreement-groups" aria-label={t('listHeading')}>
      {groups.map(({ group, items: members }) => (
        <li key={group} className={`group group-${group}`}>
          <h3 id={`${id}-${group}`} className="group-title">
            {t(GROUP_KEYS[group])} <span className="group-count">{counts?.get(group) ?? members.length}</span>
          </h3>
          <ul className="agreement-list" aria-labelledby={`${id}-${group}`}>
            {(opened.has(group) ? members : members.slice(0, ROWS_PER_GROUP)).map((item) => (
              <AgreementRow
                key={item.agreement.id}
                item={item}
                group={group}
                today={today}
                highlighted={item.agreement.id === highlightId}
                nextStep={handlers.nextSteps.get(item.agreement.id)}
                expanded={expanded.has(item.agreement.id)}
                unconfirmed={unconfirmed.has(item.agreement.id)}
                replacement={item.agreement.replacedBy === undefined ? undefined : (byId.get(item.agreement.replacedBy) ?? null)}
                onToggle={() => toggle(item.agreement.id)}
                {...handlers}
                focusOnMount={handlers.focusId === item.agreement.id}
              />
            ))}
          </ul>
          {!opened.has(group) && (counts?.get(group) ?? members.length) > ROWS_PER_GROUP && (
            <button type="button" className="button link show-all" onClick={() => onShowAll(group)}>
              {t('showAllInGroup', String(counts?.get(group) ?? members.length))}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

export interface RowProps extends Omit<Props, 'items' | 'highlightId' | 'opened' | 'onShowAll' | 'counts'> {
  item: ListedAgreement;
  group: OverviewGroup;
  highlighted: boolean;
  nextStep: ReminderRecord | undefined;
  expanded: boolean;
  /** Came out of a chat session and no written confirmation was received yet. */
  unconfirmed: boolean;
  /** The agreement that took this one's place; null when it is not in the list; undefined when not replaced. */
  replacement: AgreementRecord | null | undefined;
  onToggle: () => void;
  focusOnMount: boolean;
}

function AgreementRow(props: RowProps) {
  return props.replacement !== undefined ? (
    <Suspense fallback={null}>
      <ReplacedRow {...props} replacement={props.replacement} />
    </Suspense>
  ) : (
    <OpenRow {...props} />
  );
}

/** An agreement still to be met: amounts, countdown, advice, payments and actions. */
function OpenRow(props: RowProps) {
  const { item, group, today, highlighted, nextStep, expanded, unconfirmed, onToggle, focusOnMount } = props;
  const { onNegotiate, onEdit, onDelete, onPaid, onUndo, onOpenLender, onRecorded } = props;
  const [mode, setMode] = useState<'idle' | 'confirm-delete' | 'paying'>('idle');
  const timelineId = useId();
  const { agreement, standing, payments } = item;
  const lender = agreement.lender;
  // Overdue, the row says what to do today instead of a step that is behind it.
  const coaching = overdueCoaching(
    { dueDate: standing.due.date, isPayment: isPaymentKind(agreement.kind), paid: standing.state === 'paid', escalation: agreement.escalation },
    today,
  );
  const step = !coaching && nextStep ? rowStepText(nextStep, today) : null;
  const openScript = (script: NonNullable<OverdueCoaching['script']>) => onNegotiate(agreement, script);
  return (
    <li
      className={`agreement urgency-${group}${highlighted ? ' highlighted' : ''}`}
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
          {onOpenLender ? (
            <button type="button" className="button link lender" aria-label={t('lenderViewOf', lender)} onClick={() => onOpenLender(lender)}>
              {lender}
            </button>
          ) : (
            <span className="lender">{lender}</span>
          )}
          <span className="kind">{kindLabel(agreement.kind)}</span>
          {agreement.demo && <span className="tag demo">{t('demoTag')}</span>}
          {agreement.reminders?.off === true && <span className="tag reminders-off">{t('remindersOffTag')}</span>}
        </div>
        <div className="agreement-amount">
          <AmountLeft leftFen={standing.leftFen} amountFen={standing.due.amountFen} paidFen={standing.paidFen} />
          {agreement.plan && (
            <span className="period">
              {t('periodOf', [String(standing.due.index), String(standing.due.count)])}
              {standing.totalLeftFen > 0 && <> · {t('planLeft', money(standing.totalLeftFen))}</>}
            </span>
          )}
        </div>
      </div>
      <div className="agreement-due">
        {standing.state === 'paid' && standing.settledOn ? (
          <span className="paid-status">{t('statusPaid', shortDate(standing.settledOn))}</span>
        ) : (
          <span className="countdown">{countdownText(agreement.dueDate, today)}</span>
        )}
        <span className="due-date">{t('dueOn', shortDate(agreement.dueDate))}</span>
        {unconfirmed && <span className="confirm-missing">⚠ {t('confirmMissing')}</span>}
        {coaching && <OverdueAdvice coaching={coaching} lender={lender} today={today} onOpenScript={openScript} />}
        {step && nextStep && (
          <span className={step.missed ? 'next-step missed' : 'next-step'}>
            {step.text}
            {nextStep.provisional && <span className="provisional" title={t('provisionalDate')}> *</span>}
          </span>
        )}
      </div>
      {payments.length > 0 && (
        <ul className="payments" aria-label={t('paymentsOf', lender)}>
          {payments.map((p) => (
            <li key={p.id}>
              <span>{t('paymentLine', [money(p.amountFen), shortDate(p.paidOn)])}</span>
              <Suspense fallback={null}>
                <PaymentReceipt paymentId={p.id} amount={money(p.amountFen)} date={shortDate(p.paidOn)} onUndo={() => onUndo(p)} />
              </Suspense>
            </li>
          ))}
        </ul>
      )}
      {expanded && (
        <Suspense fallback={<p className="status">…</p>}>
          <Timeline
            id={timelineId}
            agreement={agreement}
            standing={standing}
            today={today}
            coaching={coaching}
            onOpenScript={openScript}
            onChanged={onRecorded}
          />
        </Suspense>
      )}
      {mode === 'paying' && (
        <Suspense fallback={<p className="status">…</p>}>
          <PaymentForm
            agreement={agreement}
            leftFen={standing.leftFen}
            today={today}
            onSaved={() => {
              setMode('idle');
              onPaid(agreement);
            }}
            onCancel={() => setMode('idle')}
          />
        </Suspense>
      )}
      {mode === 'confirm-delete' ? (
        <div className="agreement-actions confirm" role="group" aria-label={t('deleteConfirm', lender)}>
          <span>{t('deleteConfirm', lender)}</span>
          <button type="button" className="button danger" onClick={() => onDelete(agreement)}>
            {t('deleteYes')}
          </button>
          <button type="button" className="button secondary" onClick={() => setMode('idle')} autoFocus>
            {t('deleteNo')}
          </button>
        </div>
      ) : (
        mode === 'idle' && (
          <div className="agreement-actions">
            <button type="button" className="button secondary small" onClick={() => onNegotiate(agreement)}>
              {t('openPanel')}
            </button>
            {standing.state !== 'paid' && (
              <button type="button" className="button secondary small" aria-label={t('markPaidOf', lender)} onClick={() => setMode('paying')}>
                {t('markPaid')}
              </button>
            )}
            <button
              type="button"
              className="button link"
              aria-expanded={expanded}
              aria-controls={expanded ? timelineId : undefined}
              onClick={onToggle}
            >
              {t('timelineShow')}
            </button>
            {standing.state !== 'paid' && (
              <button
                type="button"
                className="button link icon"
                aria-label={t('calendarExportOf', lender)}
                title={t('timelineIcs')}
                onClick={() => void downloadCalendar(agreement, payments)}
              >
                <RowIcon name="calendar" />
              </button>
            )}
            <button type="button" className="button link icon" aria-label={t('editAgreementOf', lender)} title={t('edit')} onClick={() => onEdit(agreement)}>
              <RowIcon name="edit" />
            </button>
            <button type="button" className="button link icon" aria-label={t('delete')} title={t('delete')} onClick={() => setMode('confirm-delete')}>
              <RowIcon name="delete" />
            </button>
          </div>
        )
      )}
    </li>
  );
}

