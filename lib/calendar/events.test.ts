import { describe, expect, it } from 'vitest';
import type { AgreementRecord } from '../db/schema';
import { localInstant } from '../domain/dates';
import { formatMessage } from '../../tests/locale-messages';
import type { CalendarSource, EventWords } from './events';
import { calendarEvents } from './plan-events';
import { contentHash, isOurUid } from './uid';
import { eventWords } from './words';

const now = localInstant('2026-11-20', 10);
const agreement: AgreementRecord = {
  id: 'a1',
  lender: '网商贷',
  kind: 'extension',
  amountFen: 888_49,
  dueDate: '2026-12-15',
  createdAt: 1,
  updatedAt: 1,
};
const source = (fields: Partial<AgreementRecord> = {}, payments: CalendarSource['payments'] = []): CalendarSource => ({
  agreement: { ...agreement, ...fields },
  payments,
});
const options = { now, hour: 9, leadDays: [1], leaveOutDetails: false };

describe('calendar events', () => {
  it('one event per step ahead, at the reminder hour, with the lender and the amount left in the summary', () => {
    const events = calendarEvents([source()], options, eventWords());
    expect(events.map((e) => [e.code, e.date])).toEqual([
      ['contact-lender-if-short', '2026-12-08'],
      ['deposit-and-check-debit', '2026-12-10'],
      ['transfer-by', '2026-12-11'],
      ['pay', '2026-12-15'],
      ['credit-report-risk', '2026-12-19'],
    ]);
    const pay = events.find((e) => e.code === 'pay');
    expect(pay?.start).toBe(localInstant('2026-12-15', 9));
    expect(pay?.summary).toBe('网商贷：还款（¥888.49）');
    expect(pay?.description).toBe(formatMessage('zh_CN', 'why_pay'));
    const deposit = events.find((e) => e.code === 'deposit-and-check-debit');
    expect(deposit?.description).toContain('最晚到2026年12月12日');
    // Steps that are not about paying carry no amount.
    const settled = calendarEvents([source({ kind: 'settlement' })], options, eventWords());
    expect(settled.find((e) => e.code === 'check-credit-report')?.summary).toBe('网商贷：查看征信报告');
  });

  it('rings at the start, and on the due day also at each extra lead day the reminders use', () => {
    const events = calendarEvents([source()], { ...options, leadDays: [10, 7, 1] }, eventWords());
    const pay = events.find((e) => e.code === 'pay');
    // 7 days before is the "contact the lender" step's own event: one reminder a day per due date.
    expect(pay?.alarmDaysBefore).toEqual([0, 1, 10]);
    for (const e of events.filter((e) => e.code !== 'pay')) expect(e.alarmDaysBefore).toEqual([0]);
    // No event of its own for a countdown day.
    expect(events.some((e) => e.code === 'due-soon')).toBe(false);
    // The agreement's own list replaces the settings' one.
    const own = calendarEvents([source({ reminders: { leadDays: [3] } })], options, eventWords());
    expect(own.find((e) => e.code === 'pay')?.alarmDaysBefore).toEqual([0, 3]);
  });

  it('keeps the dates of an agreement whose reminders are off, without alarms', () => {
    const events = calendarEvents([source({ reminders: { off: true } })], options, eventWords());
    expect(events.length).toBe(5);
    for (const e of events) expect(e.alarmDaysBefore).toEqual([]);
  });

  it('keeps each UID across calls and across edits of the date, the amount and the lender', () => {
    const uids = (s: CalendarSource) => new Map(calendarEvents([s], options, eventWords()).map((e) => [e.code, e.uid]));
    const before = uids(source());
    expect(uids(source())).toEqual(before);
    const edited = uids(source({ dueDate: '2026-12-18', amountFen: 500_00, lender: '借呗' }));
    expect(edited).toEqual(before);
    expect(before.get('pay')).toBe('repay-companion-a1-p1-pay@repay-companion');
    for (const uid of before.values()) expect(isOurUid(uid)).toBe(true);
    expect(new Set(before.values()).size).toBe(before.size);
    // An id that is not plain is never written as it is.
    const odd = calendarEvents([source({ id: '网商贷 1' })], options, eventWords());
    for (const e of odd) expect(e.uid).toContain(`-h${contentHash('网商贷 1')}-`);
  });

  it('names each period of a plan apart, and a paid period leaves the calendar', () => {
    const plan = {
      method: 'custom' as const,
      dayOfMonth: 10,
      dues: [
        { date: '2026-12-10', amountFen: 300_00 },
        { date: '2027-01-10', amountFen: 300_00 },
      ],
    };
    const events = calendarEvents([source({ kind: 'installment', amountFen: 600_00, dueDate: '2026-12-10', plan })], options, eventWords());
    const pays = events.filter((e) => e.code === 'pay');
    expect(pays.map((e) => [e.uid, e.date])).toEqual([
      ['repay-companion-a1-p1-pay@repay-companion', '2026-12-10'],
      ['repay-companion-a1-p2-pay@repay-companion', '2027-01-10'],
    ]);
    const paid = calendarEvents(
      [source({ kind: 'installment', amountFen: 600_00, dueDate: '2027-01-10', plan }, [{ amountFen: 300_00, paidOn: '2026-11-20', coverage: 'full', dueDate: '2026-12-10' }])],
      options,
      eventWords(),
    );
    expect(paid.filter((e) => e.uid.includes('-p1-'))).toEqual([]);
    expect(paid.find((e) => e.uid.includes('-p2-pay'))?.summary).toBe('网商贷：还款（¥300.00）');
  });

  it('a partial payment lowers the amount shown; a full one removes the payment steps', () => {
    const partial = calendarEvents([source({}, [{ amountFen: 88_49, paidOn: '2026-11-20', coverage: 'partial', dueDate: '2026-12-15' }])], options, eventWords());
    expect(partial.find((e) => e.code === 'pay')?.summary).toBe('网商贷：还款（¥800.00）');
    const paid = calendarEvents([source({}, [{ amountFen: 888_49, paidOn: '2026-11-20', coverage: 'full', dueDate: '2026-12-15' }])], options, eventWords());
    expect(paid.map((e) => e.code)).toEqual([]);
  });

  it('with details left out, no lender, amount or promise appears in any word of any event', () => {
    const followUps = [{ date: '2026-12-01', text: '网商贷客服回电，确认减免¥120' }];
    const events = calendarEvents([source({ followUps })], { ...options, leaveOutDetails: true }, eventWords());
    expect(events.some((e) => e.code === 'follow-up')).toBe(true);
    const words = JSON.stringify(events.map((e) => [e.uid, e.summary, e.description]));
    for (const secret of ['网商贷', '888.49', '客服回电', '¥']) expect(words).not.toContain(secret);
    expect(events.find((e) => e.code === 'pay')?.summary).toBe('还款');
    // Shown when not left out, as the user's own words.
    const shown = calendarEvents([source({ followUps })], options, eventWords());
    expect(shown.find((e) => e.code === 'follow-up')?.description).toContain('对方承诺：网商贷客服回电');
  });

  it('words an English event in sentence case with ¥', () => {
    const en: EventWords = {
      ...eventWords('en'),
      step: (code) => formatMessage('en', `step_${code.replaceAll('-', '_')}`),
      title: (lender, step, amount) => formatMessage('en', amount === undefined ? 'icsEventTitle' : 'calendarEventTitleAmount', [lender, step, amount ?? '']),
    };
    const pay = calendarEvents([source({ lender: 'MYbank' })], options, en).find((e) => e.code === 'pay');
    expect(pay?.summary).toBe(`MYbank: ${formatMessage('en', 'step_pay')} (¥888.49)`);
  });

  it('leaves out every step before today (a window under way stays) and a debt that cannot be planned', () => {
    const later = calendarEvents([source()], { ...options, now: localInstant('2026-12-12', 10) }, eventWords());
    expect(later.map((e) => e.code)).toEqual(['deposit-and-check-debit', 'pay', 'credit-report-risk']);
    const after = calendarEvents([source()], { ...options, now: localInstant('2026-12-13', 10) }, eventWords());
    expect(after.map((e) => e.code)).toEqual(['pay', 'credit-report-risk']);
    expect(calendarEvents([source({ dueDate: '2300-01-01' })], options, eventWords())).toEqual([]);
  });
});

describe('calendar events from stored reminders', () => {
  it('are the events the pages plan: the background can build them without the milestone engine', async () => {
    const { saveAgreement } = await import('../db/save-agreement');
    const { listRemindersFor } = await import('../db/reminders');
    const { eventsFromReminders, sortEvents } = await import('./events');
    const followUps = [{ date: '2026-12-01', text: '回电' }];
    const saved = await saveAgreement({ lender: '网商贷', kind: 'settlement', amountFen: 888_49, dueDate: '2026-12-15', followUps }, { now, hour: 9, milestones: {}, leadDays: [3, 1] });
    const stored = await listRemindersFor(saved.id);
    const fromStore = sortEvents(eventsFromReminders({ agreement: saved, payments: [] }, stored, { ...options, hour: 9 }, eventWords()));
    const planned = calendarEvents([{ agreement: saved, payments: [] }], { ...options, leadDays: [3, 1] }, eventWords());
    expect(fromStore.length).toBeGreaterThan(5);
    expect(fromStore).toEqual(planned);
  });
});
