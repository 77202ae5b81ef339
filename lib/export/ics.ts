import { createEvents, type EventAttributes } from 'ics';
import type { AgreementRecord } from '../db/schema';
import { addDaysIso, type IsoDate } from '../domain/dates';
import type { MilestoneCode } from '../domain/milestone-codes';
import type { MilestoneSettings } from '../domain/milestones';
import type { PlannedDue } from '../domain/reminder-plan';
import { agreementTimeline } from '../domain/timeline';
import { t, type MessageKey } from '../i18n';

/**
 * The calendar file: every milestone still ahead (or under way today) of every agreement, as
 * all-day events, for when the browser is closed and our reminders cannot fire. UIDs are stable
 * (agreement, step, day), so importing a newer file updates events instead of duplicating them.
 */

export interface CalendarAgreement {
  agreement: AgreementRecord;
  /** The day its due date was fully paid; null while it is not. */
  settledOn: IsoDate | null;
  /** An installment plan's periods, each with the day it was paid (see agreement-dues.ts). */
  dues?: readonly PlannedDue[] | undefined;
}

const stepKey = (code: MilestoneCode) => `step_${code.replaceAll('-', '_')}` as MessageKey;
const whyKey = (code: MilestoneCode) => `why_${code.replaceAll('-', '_')}` as MessageKey;

const toDateArray = (day: IsoDate): [number, number, number] => {
  const [y, m, d] = day.split('-').map(Number);
  return [y ?? 0, m ?? 0, d ?? 0];
};

export function calendarEvents(items: readonly CalendarAgreement[], today: IsoDate, settings: Partial<MilestoneSettings> = {}): EventAttributes[] {
  const events: EventAttributes[] = [];
  for (const { agreement, settledOn, dues } of items) {
    const timeline = agreementTimeline({ ...agreement, doneOn: settledOn, dues }, today, settings);
    if (!timeline.ok) continue;
    for (const m of timeline.value) {
      const last = m.until ?? m.date;
      if (last < today) continue;
      events.push({
        uid: `${agreement.id}-${m.code}-${m.date}@repay-companion`,
        title: t('icsEventTitle', [agreement.lender, t(stepKey(m.code))]),
        description: `${t(whyKey(m.code))}${m.provisional ? `\n${t('provisionalDate')}` : ''}`,
        start: toDateArray(m.date),
        // An all-day event ends on the day after its last day.
        end: toDateArray(addDaysIso(last, 1)),
        productId: 'repay-companion',
        calName: t('icsCalendarName'),
        busyStatus: 'FREE',
        transp: 'TRANSPARENT',
      });
    }
  }
  return events;
}

export class CalendarEmpty extends Error {
  constructor() {
    super('No future dates to export');
    this.name = 'CalendarEmpty';
  }
}

/** The .ics text; throws CalendarEmpty when nothing lies ahead. */
export function buildCalendar(items: readonly CalendarAgreement[], today: IsoDate, settings: Partial<MilestoneSettings> = {}): string {
  const events = calendarEvents(items, today, settings);
  if (events.length === 0) throw new CalendarEmpty();
  const { error, value } = createEvents(events);
  if (error) throw error;
  if (value === null) throw new Error('ics: no output');
  return value;
}

/** "repay-companion-借呗.ics", without characters file systems refuse. */
export function calendarFileName(lender?: string): string {
  const suffix = lender ? `-${lender.replace(/[\\/:*?"<>|\s]+/g, '_')}` : '';
  return `repay-companion${suffix}.ics`;
}
