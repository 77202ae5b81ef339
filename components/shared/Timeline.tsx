import { useEffect, useState } from 'react';
import { withSavedSettings } from '../../lib/db/save-agreement';
import type { AgreementRecord } from '../../lib/db/schema';
import { plannedDues, type AgreementStanding } from '../../lib/domain/agreement-dues';
import type { IsoDate } from '../../lib/domain/dates';
import type { MilestoneCode } from '../../lib/domain/milestone-codes';
import type { Milestone, MilestoneSettings } from '../../lib/domain/milestones';
import type { OverdueCoaching } from '../../lib/domain/overdue-coaching';
import { agreementTimeline } from '../../lib/domain/timeline';
import { t, type MessageKey } from '../../lib/i18n';
import { dayNear } from '../../lib/i18n/labels';
import { OverdueAdviceDetails } from './OverdueAdviceDetails';

interface Props {
  id: string;
  agreement: AgreementRecord;
  /** Where its due dates stand (a plan: each period). */
  standing: Pick<AgreementStanding, 'settledOn' | 'dues'>;
  today: IsoDate;
  /** What to do today, when the agreement is overdue (shown above its steps). */
  coaching?: OverdueCoaching | null;
  onOpenScript?: (script: NonNullable<OverdueCoaching['script']>) => void;
  /** The user recorded something on the agreement (the overdue advice's escalation marks). */
  onChanged?: (agreement: AgreementRecord) => void;
}

/** Steps that tell of what follows a due date rather than ask for an action: they cannot be missed. */
const NOT_ACTIONS: ReadonlySet<MilestoneCode> = new Set(['credit-report-risk', 'check-credit-report', 'adverse-record-expires']);

/** A step gone by while its due date was still open was missed: never shown as merely "passed". */
export const isMissedStep = (m: Milestone, dueDone: boolean): boolean => m.timing === 'past' && !NOT_ACTIONS.has(m.code) && !dueDone;

/** Message keys follow the milestone codes: step_transfer_by, why_transfer_by… (a unit test checks each exists). */
export const stepKey = (code: MilestoneCode) => `step_${code.replaceAll('-', '_')}` as MessageKey;
export const whyKey = (code: MilestoneCode) => `why_${code.replaceAll('-', '_')}` as MessageKey;

const TIMING_KEYS = { past: 'timelinePast', today: 'timelineNow', upcoming: 'timelineAhead' } as const;

/** Every dated step of one agreement, passed and ahead, each with why it matters. */
export function Timeline({ id, agreement, standing, today, coaching, onOpenScript, onChanged }: Props) {
  // The lead times the user set are the ones the reminders use: the timeline must show the same dates.
  const [settings, setSettings] = useState<Partial<MilestoneSettings> | null>(null);
  useEffect(() => {
    let live = true;
    withSavedSettings({ now: Date.now() }).then(
      (options) => live && setSettings(options.milestones ?? {}),
      () => live && setSettings({}),
    );
    return () => {
      live = false;
    };
  }, []);
  if (settings === null) return <p className="status">…</p>;

  const dues = plannedDues(agreement, standing);
  const result = agreementTimeline({ ...agreement, doneOn: standing.settledOn, dues }, today, settings);
  if (!result.ok) return <p className="banner error">{t('errGeneric', result.error.code)}</p>;
  const milestones = result.value;
  // A plan's payment days are paid one by one.
  const paidDue = (m: Milestone) => (dues ? (dues.find((d) => d.date === m.dueDate)?.doneOn ?? null) : standing.settledOn) !== null;
  const missed = (m: Milestone) => isMissedStep(m, paidDue(m));
  const status = (m: Milestone) =>
    m.code === 'pay' && paidDue(m) ? t('timelinePaid') : missed(m) ? t('timelineMissed') : t(TIMING_KEYS[m.timing]);
  return (
    <div className="timeline" id={id}>
      {coaching && onOpenScript && onChanged && (
        <OverdueAdviceDetails coaching={coaching} agreement={agreement} today={today} onOpenScript={onOpenScript} onChanged={onChanged} />
      )}
      <ol aria-label={t('timelineOf', agreement.lender)}>
        {milestones.map((m) => (
          <TimelineEntry
            key={`${m.code}:${m.date}`}
            milestone={m}
            today={today}
            status={status(m)}
            dueDay={m.code === 'pay' && !paidDue(m)}
            missed={missed(m)}
          />
        ))}
      </ol>
      {milestones.some((m) => m.provisional) && <p className="hint">* {t('provisionalDate')}</p>}
    </div>
  );
}

/**
 * One dated step, as every timeline shows it (an agreement's, a lender's): the day (without the
 * year when it is this year's), its status, the step and why it matters; `owner` names the
 * agreement where several share one timeline.
 */
export function TimelineEntry({
  milestone: m,
  today,
  status,
  dueDay,
  missed = false,
  owner,
}: {
  milestone: Milestone;
  today: IsoDate;
  status: string;
  /** An unpaid due day, shown in the due colour. */
  dueDay: boolean;
  /** Its day passed while the payment was open: shown in the overdue colour. */
  missed?: boolean;
  owner?: string | undefined;
}) {
  return (
    <li className={`timing-${m.timing}${dueDay ? ' due-day' : ''}${missed ? ' missed' : ''}`}>
      <div className="timeline-head">
        <span className="timeline-date">
          {m.until ? t('timelineUntil', [dayNear(m.date, today), dayNear(m.until, today)]) : dayNear(m.date, today)}
          {m.provisional && (
            <span className="provisional" title={t('provisionalDate')}>
              {' '}
              *
            </span>
          )}
        </span>
        <span className="timeline-status">{status}</span>
      </div>
      <div className="timeline-step">{t(stepKey(m.code))}</div>
      {owner && <div className="timeline-owner">{owner}</div>}
      <p className="timeline-why">{t(whyKey(m.code))}</p>
    </li>
  );
}
