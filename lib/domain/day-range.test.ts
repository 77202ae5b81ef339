import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGREEMENT_KINDS } from './agreement';
import { validateAgreementDraft } from './agreement-draft';
import { EMPTY_FORM_DRAFT, validateAgreementForm } from './agreement-form';
import { validateDetailsDraft } from './agreement-details';
import { addDaysIso, calendarDaySchema, DAY_RANGE, isDayInRange, localInstant, parseIsoDate } from './dates';
import { validatePaymentDraft } from './payment-draft';
import { planReminders, type PlannedAgreement } from './reminder-plan';

/**
 * One range of days (DAY_RANGE) for the forms, the reminder planner and the backup import
 * (lib/backup/import.ts checks every stored day against isDayInRange): a day one of them accepts is
 * accepted by all, so a saved agreement can always be planned, exported and imported again.
 */

const EDGES = ['1999-12-31', '2000-01-01', '2000-01-02', '2000-01-15', '2000-06-30', '2026-11-22', '2100-12-30', '2100-12-31', '2101-01-01', '0099-01-01', '2200-01-01'];
/** The largest lead times the settings allow: the steps furthest before a due date. */
const WIDEST = { transferHoursBefore: 24 * 30, secondNegotiationDaysBefore: 180, decideMonthsBefore: 12, contactDaysBefore: 90, depositFromDaysBefore: 60 };

const formAccepts = (day: string) => validateAgreementDraft({ lender: '借呗', kind: 'settlement', amount: '100', dueDate: day }).ok;

function plannerAccepts(day: string): boolean {
  // Seen from the first and from the last day of the range, with the default and the widest settings.
  const todays = [DAY_RANGE.first, DAY_RANGE.last];
  return AGREEMENT_KINDS.every((kind) =>
    todays.every((today) =>
      [{}, WIDEST].every((milestones) => {
        const agreement: PlannedAgreement = { id: 'a', kind, dueDate: day, followUps: [{ date: day, text: '回电' }] };
        const result = planReminders(agreement, { now: localInstant(today, 12), today, milestones, leadDays: [0, 1, 90] });
        if (!result.ok) return false;
        // And nothing planned lies outside the range either: every stored day is in it.
        return result.value.every((r) => isDayInRange(r.dueDate) && isDayInRange(r.fireDate) && (r.untilDate === undefined || isDayInRange(r.untilDate)));
      }),
    ),
  );
}

describe('the range of days', () => {
  it('is 2000-01-01 to 2100-12-31, and refuses days that do not exist', () => {
    expect(DAY_RANGE).toEqual({ first: '2000-01-01', last: '2100-12-31' });
    expect(['2000-01-01', '2100-12-31', '2028-02-29'].map(isDayInRange)).toEqual([true, true, true]);
    expect(['1999-12-31', '2101-01-01', '0099-01-01', '2200-01-01', '2026-02-30', '2026-1-5', ' 2026-01-05', ''].map(isDayInRange)).toEqual(
      [false, false, false, false, false, false, false, false],
    );
    expect(parseIsoDate('2101-01-01')).toEqual({ ok: false, error: 'out-of-range' });
    expect(parseIsoDate('2026-02-30')).toEqual({ ok: false, error: 'invalid-date' });
  });

  it('is the same in the agreement form, its details, the payment form, the stored schema and the planner', () => {
    for (const day of EDGES) {
      const inRange = isDayInRange(day);
      expect(formAccepts(day), day).toBe(inRange);
      expect(validateDetailsDraft('hardship', { submittedOn: day }, null).ok, day).toBe(inRange);
      expect(validatePaymentDraft({ amount: '1', paidOn: day, clears: false }, 100, DAY_RANGE.last).ok, day).toBe(inRange);
      expect(calendarDaySchema.safeParse(day).success, day).toBe(inRange);
      expect(plannerAccepts(day), day).toBe(inRange);
    }
  });

  it('holds for any day from 1990 to 2110', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 * 366 }), (offset) => {
        const day = addDaysIso('1990-01-01', offset);
        return formAccepts(day) === isDayInRange(day) && plannerAccepts(day) === isDayInRange(day);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses in the form a plan whose later periods run past the last day', () => {
    const draft = {
      ...EMPTY_FORM_DRAFT,
      base: { lender: '网商贷', kind: 'installment', amount: '1200', dueDate: '2100-06-15' },
      plan: { method: 'interest-free', periods: '12', rate: '', dayOfMonth: '', amounts: '' },
    };
    const result = validateAgreementForm(draft);
    expect(!result.ok && result.errors.base).toEqual({ dueDate: 'out-of-range' });
    expect(validateAgreementForm({ ...draft, plan: { ...draft.plan, periods: '6' } }).ok).toBe(true);
  });
});
