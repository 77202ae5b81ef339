import type { Agreement } from '../domain/agreement';
import { agreementStanding, type DueWithStanding } from '../domain/agreement-dues';
import { daysBetween, localInstant, toIsoDate, type IsoDate } from '../domain/dates';
import type { MilestoneCode } from '../domain/milestone-codes';
import type { MilestoneSettings } from '../domain/milestones';
import type { PaymentFacts } from '../domain/payment-status';
import type { PlannedReminder } from '../domain/reminder-plan';
import { contentHash, UID_DOMAIN, UID_PREFIX } from './uid';

/**
 * The calendar events of the user's agreements, for an .ics file and for the user's own CalDAV
 * calendar: what the browser's reminders would show, on a device that rings when the browser is
 * closed. One event per reminder the plan has from today on (each milestone, each promised
 * follow-up), with an alarm at its start; the extra "due in N days" reminders are alarms on the
 * day they count down to rather than events of their own.
 *
 * Timed, not all-day: each event starts at the reminder hour of its day, as an instant in UTC,
 * and its alarm fires at the start. An alarm at the start of a timed event is the one every
 * calendar rings for (iOS, Android through DAVx⁵, Thunderbird, Outlook); on all-day events
 * alarms are measured from a floating midnight, and positive offsets ("9:00 on the day") are
 * ignored or misplaced by several clients. The event lasts a short while and is marked free, so
 * it never blocks the user's day.
 *
 * UIDs name the agreement, the period of its plan and the step, never a date: editing a due date
 * moves the event (the same UID, a new start) instead of leaving the old one behind. A promised
 * follow-up has no step of its own, so it is named by its day and its rank on that day.
 *
 * With `leaveOutDetails`, nothing names the lender or an amount: the summary is the step alone.
 * Agreement ids are random UUIDs; one that is not made of plain characters (an imported file) is
 * replaced by a hash of it, so a UID never carries text the user typed.
 */


/** An agreement and its payments, as the lists read them. */
export interface CalendarSource {
  agreement: Pick<Agreement, 'id' | 'lender' | 'kind' | 'amountFen' | 'dueDate' | 'plan' | 'followUps' | 'reminders'> & Partial<Pick<Agreement, 'replacedBy'>>;
  payments: readonly (PaymentFacts & { dueDate: IsoDate })[];
}

export interface CalendarOptions {
  now: number;
  /** The reminder hour and lead times of the user's settings. */
  hour?: number | undefined;
  milestones?: Partial<MilestoneSettings> | undefined;
  leadDays?: readonly number[] | undefined;
  /** Leave lender names and amounts out of every event. */
  leaveOutDetails: boolean;
}

/** The words of an event, in the user's language (see words.ts). */
export interface EventWords {
  step: (code: MilestoneCode) => string;
  why: (code: MilestoneCode) => string;
  /** "网商贷：还款（¥888.49）"; `amount` is absent when the step has none. */
  title: (lender: string, step: string, amount: string | undefined) => string;
  money: (fen: number) => string;
  /** A window's last day: "截止12月5日". */
  until: (day: IsoDate) => string;
  provisional: string;
  /** A follow-up promised in a chat: its own text. */
  followUp: (text: string) => string;
}

export interface CalendarEvent {
  uid: string;
  agreementId: string;
  code: MilestoneCode;
  /** The day of the step (a window's first day). */
  date: IsoDate;
  /** When it starts and its alarm at 0 rings: the reminder hour of `date`, in the user's zone. */
  start: number;
  summary: string;
  description: string;
  /** Alarms, in whole days before the start (0: at the start); none when the user switched the agreement's reminders off. */
  alarmDaysBefore: number[];
}

/** The steps that are about paying: their title carries the amount still owed. */
const MONEY_STEPS: ReadonlySet<MilestoneCode> = new Set([
  'decide-and-plan',
  'contact-lender-if-short',
  'deposit-and-check-debit',
  'transfer-by',
  'pay',
  'credit-report-risk',
]);

/**
 * The events of one agreement from its planned reminders (planReminders' output, or the reminder
 * records the write path stored, which have the same shape): engine-free, so the background can
 * build them from its store without loading the milestone engine and its holiday table.
 * `alarms: false` keeps the dates without alarms (the agreement's reminders are switched off).
 */
export function eventsFromReminders(
  { agreement, payments }: CalendarSource,
  reminders: readonly PlannedReminder[],
  options: CalendarOptions & { hour: number; alarms?: boolean },
  words: EventWords,
): CalendarEvent[] {
  const today = toIsoDate(options.now);
  const dues = agreementStanding(agreement, payments).dues;
  const dueOf = (date: IsoDate): DueWithStanding | undefined => dues.find((d) => d.date === date);
  const ahead = reminders.filter((r) => r.agreementId === agreement.id && (r.untilDate ?? r.fireDate) >= today);
  const countdowns = ahead.filter((r) => r.code === 'due-soon');
  const events: CalendarEvent[] = [];
  for (const reminder of ahead) {
    if (reminder.code === 'due-soon') continue;
    const due = dueOf(reminder.dueDate);
    const alarms = [0];
    if (reminder.code === 'pay' || reminder.code === 'apply-deadline') {
      for (const c of countdowns) if (c.dueDate === reminder.dueDate) alarms.push(daysBetween(c.fireDate, reminder.dueDate));
    }
    events.push({
      uid: uidOf(agreement.id, reminder, due?.index ?? 1),
      agreementId: agreement.id,
      code: reminder.code,
      date: reminder.fireDate,
      start: localInstant(reminder.fireDate, options.hour),
      summary: summaryOf(agreement.lender, reminder, due, options.leaveOutDetails, words),
      description: descriptionOf(reminder, agreement.followUps, options.leaveOutDetails, words),
      alarmDaysBefore: options.alarms === false ? [] : [...new Set(alarms)].sort((a, b) => a - b),
    });
  }
  return events;
}

/** Events in the order of their start, then of their UID: the same input gives the same file. */
export function sortEvents(events: CalendarEvent[]): CalendarEvent[] {
  return events.sort((a, b) => a.start - b.start || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
}

function summaryOf(lender: string, reminder: PlannedReminder, due: DueWithStanding | undefined, leaveOut: boolean, words: EventWords): string {
  const step = words.step(reminder.code);
  if (leaveOut) return step;
  const leftFen = due?.standing.leftFen ?? 0;
  const amount = MONEY_STEPS.has(reminder.code) && leftFen > 0 ? words.money(leftFen) : undefined;
  return words.title(lender, step, amount);
}

function descriptionOf(reminder: PlannedReminder, followUps: Agreement['followUps'], leaveOut: boolean, words: EventWords): string {
  const lines: string[] = [];
  // The lender's promise is the user's own words, which may name the lender or an amount.
  const promised = reminder.code === 'follow-up' && !leaveOut ? followUpText(reminder, followUps) : undefined;
  if (promised) lines.push(words.followUp(promised));
  lines.push(words.why(reminder.code));
  if (reminder.untilDate !== undefined) lines.push(words.until(reminder.untilDate));
  if (reminder.provisional) lines.push(words.provisional);
  return lines.join('\n');
}

/** The follow-up a reminder stands for: its day's n-th distinct promise (see planFollowUps). */
function followUpText(reminder: PlannedReminder, followUps: Agreement['followUps']): string | undefined {
  const rank = Number(reminder.id.split(':').pop());
  const seen = new Set<string>();
  const onDay = (followUps ?? []).filter((f) => {
    if (f.date !== reminder.fireDate) return false;
    const key = f.text;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return onDay[rank - 1]?.text;
}

function uidOf(agreementId: string, reminder: PlannedReminder, period: number): string {
  const slot = reminder.code === 'follow-up' ? `f${reminder.fireDate.replace(/-/g, '')}-${reminder.id.split(':').pop() ?? '1'}` : `p${String(period)}-${reminder.code}`;
  return `${UID_PREFIX}${safeId(agreementId)}-${slot}${UID_DOMAIN}`;
}

/** The id itself when it is plain (a UUID), else a hash of it: a UID never carries typed text. */
function safeId(id: string): string {
  return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : `h${contentHash(id)}`;
}
