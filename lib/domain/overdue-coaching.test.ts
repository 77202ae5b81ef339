import { describe, expect, it } from 'vitest';
import { AGREEMENT_KINDS, agreementSchema } from './agreement';
import { trackedDueOf } from './reminder-plan';
import { DEFAULT_MILESTONE_SETTINGS, deriveMilestones } from './milestones';
import { escalationSchema, isPaymentKind, overdueCoaching, REPORTABLE_AFTER_DAYS, stepState, toggleEscalation, type OverdueInput } from './overdue-coaching';

const due = '2026-12-01';
const input = (extra: Partial<OverdueInput> = {}): OverdueInput => ({ dueDate: due, isPayment: true, paid: false, ...extra });

describe('overdue coaching', () => {
  it('has nothing to say before or on the due day, once paid, or for a deadline that is not a payment', () => {
    expect(overdueCoaching(input(), '2026-11-30')).toBeNull();
    expect(overdueCoaching(input(), due)).toBeNull();
    expect(overdueCoaching(input({ paid: true }), '2026-12-09')).toBeNull();
    expect(overdueCoaching(input({ isPayment: false }), '2026-12-09')).toBeNull();
  });

  it('knows which kinds of agreement have a payment that can be late, as the reminder plan does', () => {
    for (const kind of AGREEMENT_KINDS) {
      expect(isPaymentKind(kind), kind).toBe(trackedDueOf({ id: 'a', kind, dueDate: due }).isPayment);
    }
  });

  it('within the first 3 days late: pay now, before the report may be made on the 4th', () => {
    for (const [today, daysLate] of [['2026-12-02', 1], ['2026-12-03', 2], ['2026-12-04', 3]] as const) {
      expect(overdueCoaching(input(), today)).toEqual({
        stage: 'pay-now',
        daysLate,
        reportableFrom: '2026-12-05',
        reportable: false,
        steps: ['pay-in-full-today', 'keep-receipt', 'call-if-short'],
        script: null,
      });
    }
  });

  it('from the 4th day late: contact the lender today with a plan, on the installments script', () => {
    const coaching = overdueCoaching(input(), '2026-12-05');
    expect(coaching).toMatchObject({ stage: 'contact-lender', daysLate: 4, reportable: true, script: 'installments' });
    expect(coaching?.steps).toEqual(['contact-today', 'propose-plan', 'get-in-writing']);
    // A year later it is still the same advice, counted in days.
    expect(overdueCoaching(input(), '2027-12-01')).toMatchObject({ stage: 'contact-lender', daysLate: 365 });
  });

  it('the day the report may come is the same as the credit-report warning milestone', () => {
    const warning = deriveMilestones([{ date: due, role: 'installment', isPayment: true, closesDebt: false, ref: 'a', doneOn: null }], '2026-12-02');
    expect(warning.ok && warning.value.find((m) => m.code === 'credit-report-risk')?.date).toBe(overdueCoaching(input(), '2026-12-02')?.reportableFrom);
    expect(REPORTABLE_AFTER_DAYS).toBe(DEFAULT_MILESTONE_SETTINGS.reportableAfterDaysOverdue);
    // A user who set another threshold gets that one.
    expect(overdueCoaching(input(), '2026-12-06', 5)).toMatchObject({ stage: 'pay-now', reportableFrom: '2026-12-07' });
  });

  it('collection pressure: keep evidence and complain, on the abusive-collection script, whatever the days', () => {
    for (const today of ['2026-12-02', '2026-12-20']) {
      expect(overdueCoaching(input({ escalation: { collection: '2026-12-02' } }), today)).toMatchObject({
        stage: 'collection',
        steps: ['keep-evidence', 'complain-regulator', 'keep-talking'],
        script: 'abusive-collection',
      });
    }
  });

  it("a lawyer's letter or a mediation notice outranks everything: attend, and bring the papers", () => {
    for (const escalation of [{ lawyerLetter: '2026-12-10' }, { mediation: '2026-12-10' }, { collection: '2026-12-03', mediation: '2026-12-10' }]) {
      expect(overdueCoaching(input({ escalation }), '2026-12-10')).toMatchObject({
        stage: 'legal',
        steps: ['attend', 'bring-papers', 'ask-installments'],
        script: null,
      });
    }
  });
});

describe('recording escalation on the agreement', () => {
  it('marks a fact on the day it is noted, keeps that day, and clears to nothing', () => {
    const once = toggleEscalation(undefined, 'collection', true, '2026-12-03');
    expect(once).toEqual({ collection: '2026-12-03' });
    const twice = toggleEscalation(once, 'mediation', true, '2026-12-08');
    expect(twice).toEqual({ collection: '2026-12-03', mediation: '2026-12-08' });
    expect(toggleEscalation(twice, 'collection', true, '2026-12-09')).toEqual(twice);
    expect(toggleEscalation(toggleEscalation(twice, 'collection', false, '2026-12-09'), 'mediation', false, '2026-12-09')).toBeUndefined();
  });

  it('is optional on the agreement: records written before it still pass, and a bad day is refused', () => {
    const old = { id: 'a', lender: '借呗', kind: 'extension', amountFen: 100, dueDate: due, createdAt: 0, updatedAt: 0 };
    expect(agreementSchema.safeParse(old).success).toBe(true);
    expect(agreementSchema.parse({ ...old, escalation: { lawyerLetter: '2026-12-05' } }).escalation).toEqual({ lawyerLetter: '2026-12-05' });
    expect(agreementSchema.safeParse({ ...old, escalation: { lawyerLetter: '2026-02-30' } }).success).toBe(false);
    expect(escalationSchema.safeParse({ collection: true }).success).toBe(false);
  });
});

describe('a step as the row shows it', () => {
  it('a day gone by is missed, never next', () => {
    expect(stepState({ fireDate: '2026-12-01' }, '2026-12-06')).toEqual({ state: 'missed', day: '2026-12-01' });
  });

  it('a window still open is for today and shown by its last day; a window closed is missed on that day', () => {
    // Due 2026-12-06: the deposit window runs from the 1st to the 3rd.
    expect(stepState({ fireDate: '2026-12-01', untilDate: '2026-12-03' }, '2026-12-03')).toEqual({ state: 'today', day: '2026-12-03' });
    expect(stepState({ fireDate: '2026-12-01', untilDate: '2026-12-03' }, '2026-12-04')).toEqual({ state: 'missed', day: '2026-12-03' });
  });

  it('today is today, and a day ahead is next', () => {
    expect(stepState({ fireDate: '2026-12-06' }, '2026-12-06')).toEqual({ state: 'today', day: '2026-12-06' });
    expect(stepState({ fireDate: '2026-12-07', untilDate: '2026-12-09' }, '2026-12-06')).toEqual({ state: 'next', day: '2026-12-07' });
  });
});
