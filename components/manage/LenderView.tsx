import { useId, type Ref } from 'react';
import type { AgreementRecord } from '../../lib/db/schema';
import type { IsoDate } from '../../lib/domain/dates';
import type { LenderAgreement, LenderMilestone, LenderSummary } from '../../lib/domain/lender-view';
import type { NegotiationStatus } from '../../lib/domain/lifecycle';
import { formatFen } from '../../lib/domain/money';
import { t, uiLanguage, type MessageKey } from '../../lib/i18n';
import { kindLabel, shortDate } from '../../lib/i18n/labels';
import { AmountLeft } from '../shared/AmountLeft';
import { isMissedStep, TimelineEntry } from '../shared/Timeline';

const STATUS_KEYS: Record<NegotiationStatus, MessageKey> = {
  preparing: 'status_preparing',
  'in-talks': 'status_in_talks',
  agreed: 'status_agreed',
  confirmed: 'status_confirmed',
  repaying: 'status_repaying',
  settled: 'status_settled',
  broken: 'status_broken',
};
const TIMING_KEYS = { past: 'timelinePast', today: 'timelineNow', upcoming: 'timelineAhead' } as const;

const money = (fen: number) => formatFen(fen, uiLanguage());

export const statusLabel = (status: NegotiationStatus) => t(STATUS_KEYS[status]);

/** "一次性结清，2026年11月27日 周五 到期": which of the lender's agreements a line is about. */
const agreementName = (agreement: Pick<AgreementRecord, 'kind' | 'dueDate'>) => t('lenderStepOf', [kindLabel(agreement.kind), shortDate(agreement.dueDate)]);

interface Props {
  summary: LenderSummary<AgreementRecord>;
  today: IsoDate;
  /** The lender's heading, to move focus to when the view is opened from a link or a row. */
  headingRef?: Ref<HTMLHeadingElement>;
}

/**
 * One lender on one screen: the totals, the credit-record outlook, each agreement with its status
 * and written confirmation, and every dated step of them all, past and ahead. The heading takes
 * focus when the view is opened from a link or a row, so a keyboard user lands on it.
 */
export function LenderView({ summary, today, headingRef }: Props) {
  const id = useId();
  const { name } = summary;
  return (
    <section className="lender-view card" aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`} ref={headingRef} tabIndex={-1}>
        {name}
      </h3>
      <dl className="lender-totals" aria-label={t('lenderTotals', name)}>
        <div className="lender-owed">
          <dt>{t('lenderOwed')}</dt>
          <dd>{money(summary.owedFen)}</dd>
        </div>
        <div className="lender-minor">
          <dt>{t('lenderPaid')}</dt>
          <dd>{money(summary.paidFen)}</dd>
        </div>
        <div className="lender-minor">
          <dt>{t('lenderAgreed')}</dt>
          <dd>{money(summary.agreedFen)}</dd>
        </div>
      </dl>
      <CreditRecord summary={summary} />
      <ul className="lender-agreements" aria-label={t('lenderAgreementsOf', name)}>
        {summary.agreements.map((item) => (
          <AgreementFacts key={item.agreement.id} item={item} />
        ))}
      </ul>
      <LenderTimeline summary={summary} today={today} />
    </section>
  );
}

/**
 * A record from a late debt already settled has a deletion date; an unpaid one past the grace has
 * none yet; one overdue within the grace can still be kept off the report.
 */
function CreditRecord({ summary }: { summary: LenderSummary<AgreementRecord> }) {
  const overdue = summary.agreements.some((a) => a.status === 'broken');
  if (!summary.recordAtRisk && !summary.recordExpiresOn && !overdue) return <p className="lender-record none">{t('lenderRecordNone')}</p>;
  return (
    <>
      {summary.recordExpiresOn && <p className="lender-record expires">{t('lenderRecordExpires', shortDate(summary.recordExpiresOn))}</p>}
      {summary.recordAtRisk ? (
        <p className="lender-record risk">⚠ {t('lenderRecordAtRisk')}</p>
      ) : (
        overdue && <p className="lender-record overdue">⚠ {t('lenderRecordOverdue')}</p>
      )}
    </>
  );
}

function confirmationText(item: LenderAgreement<AgreementRecord>): string {
  const c = item.confirmation;
  if (c.state === 'received') return t('lenderConfirmReceived', shortDate(c.receivedOn));
  return c.state === 'awaiting' ? t('lenderConfirmAwaiting') : t('lenderConfirmNotRecorded');
}

function AgreementFacts({ item }: { item: LenderAgreement<AgreementRecord> }) {
  const { agreement, standing, status } = item;
  return (
    <li className={`lender-agreement status-${item.replaced ? 'replaced' : status}`} aria-label={agreementName(agreement)}>
      <div className="lender-agreement-head">
        <span className="kind-name">{kindLabel(agreement.kind)}</span>
        <span className="agreement-amount">
          <AmountLeft leftFen={item.owedFen} amountFen={item.agreedFen} paidFen={item.paidFen} />
        </span>
      </div>
      <div className="due-date">
        {t('dueOn', shortDate(item.currentDueDate))}
        {standing.state === 'paid' && standing.settledOn && <> · {t('statusPaid', shortDate(standing.settledOn))}</>}
      </div>
      <dl className="lender-facts">
        <div>
          <dt>{t('lenderStatusLabel')}</dt>
          <dd>
            {item.replaced ? (
              <span className="status-badge status-replaced">{t('replacedByGone')}</span>
            ) : (
              <span className={`status-badge status-${status}`}>{statusLabel(status)}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('lenderConfirmLabel')}</dt>
          <dd className={item.lacksConfirmation ? 'confirm-missing' : undefined}>
            {item.lacksConfirmation && '⚠ '}
            {confirmationText(item)}
          </dd>
        </div>
      </dl>
    </li>
  );
}

function LenderTimeline({ summary, today }: Props) {
  const id = useId();
  const byId = new Map(summary.agreements.map((a) => [a.agreement.id, a]));
  const several = summary.agreements.length > 1;
  // The year only where it is not this year's (a credit record expires years ahead).
  // A plan's periods are paid one by one.
  const dueDone = (m: LenderMilestone) => {
    const standing = byId.get(m.ref)?.standing;
    return (standing?.dues?.find((d) => d.date === m.dueDate)?.standing.settledOn ?? standing?.settledOn ?? null) !== null;
  };
  const status = (m: LenderMilestone) =>
    m.code === 'pay' && byId.get(m.ref)?.standing.settledOn ? t('timelinePaid') : isMissedStep(m, dueDone(m)) ? t('timelineMissed') : t(TIMING_KEYS[m.timing]);
  return (
    <div className="timeline lender-timeline">
      <h4 id={`${id}-title`}>{t('lenderTimelineOf', summary.name)}</h4>
      {summary.timelineErrors.map(({ agreementId, error }) => {
        const agreement = byId.get(agreementId)?.agreement;
        return (
          <p key={agreementId} className="banner error">
            {t('lenderTimelineError', [agreement ? kindLabel(agreement.kind) : agreementId, error.code])}
          </p>
        );
      })}
      <ol aria-labelledby={`${id}-title`}>
        {summary.milestones.map((m) => {
          const owner = byId.get(m.ref);
          const dueDay = m.code === 'pay' && !owner?.standing.settledOn;
          return (
            <TimelineEntry
              key={`${m.ref}:${m.code}:${m.date}`}
              milestone={m}
              today={today}
              status={status(m)}
              dueDay={dueDay}
              missed={isMissedStep(m, dueDone(m))}
              owner={several && owner ? agreementName(owner.agreement) : undefined}
            />
          );
        })}
      </ol>
      {summary.milestones.some((m) => m.provisional) && <p className="hint">* {t('provisionalDate')}</p>}
    </div>
  );
}
