import { describe, expect, it } from 'vitest';
import { dueDateQuestion, EMPTY_FORM_DRAFT, formDraftOf, planInUse, previewSchedule, validateAgreementForm, type AgreementFormDraft } from './agreement-form';

const installment: AgreementFormDraft = {
  ...EMPTY_FORM_DRAFT,
  base: { lender: '网商贷', kind: 'installment', amount: '1200', dueDate: '2027-01-15' },
  plan: { method: 'interest-free', periods: '12', rate: '', dayOfMonth: '', amounts: '' },
};

describe('validateAgreementForm', () => {
  it('saves an installment agreement with its confirmed plan', () => {
    const result = validateAgreementForm(installment);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.plan?.dues).toHaveLength(12);
    expect(result.value.plan?.dues.every((d) => d.amountFen === 10_000)).toBe(true);
    expect(result.schedule?.totalFen).toBe(120_000);
    expect(result.value.details).toBeUndefined();
  });

  it('refuses a custom plan whose periods do not add up to the amount, together with other errors', () => {
    const result = validateAgreementForm({
      ...installment,
      base: { ...installment.base, lender: ' ' },
      plan: { ...installment.plan, method: 'custom', amounts: '600 500' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.base).toEqual({ lender: 'empty' });
    expect(result.errors.plan).toEqual([{ field: 'amounts', code: 'do-not-add-up', differenceFen: -10_000 }]);
  });

  it('needs no plan for a kind paid in one go, and drops a plan typed before the kind changed', () => {
    const result = validateAgreementForm({ ...installment, base: { ...installment.base, kind: 'settlement' }, details: { debitAccount: '招行 1234' } });
    expect(result.ok && result.value).toMatchObject({ kind: 'settlement', details: { debitAccount: '招行 1234' } });
    expect(result.ok && result.value.plan).toBeUndefined();
  });

  it('uses a plan for a resumed schedule only when the user asks for one', () => {
    const resume = { ...installment, base: { ...installment.base, kind: 'resume' } };
    expect(planInUse(resume)).toBe(false);
    expect(planInUse({ ...resume, usePlan: true })).toBe(true);
    const result = validateAgreementForm({ ...resume, usePlan: true });
    expect(result.ok && result.value.plan?.dues).toHaveLength(12);
  });

  it('reports a detail in the wrong order against the due date', () => {
    const result = validateAgreementForm({
      ...installment,
      base: { ...installment.base, kind: 'extension' },
      details: { originalDueDate: '2027-02-01' },
    });
    expect(!result.ok && result.errors.details).toEqual({ originalDueDate: 'not-before-due-date' });
  });

  it('previews the schedule while typing, and says why not yet', () => {
    const preview = previewSchedule(installment);
    expect(preview && 'schedule' in preview && preview.schedule.periods).toHaveLength(12);
    expect(previewSchedule({ ...installment, plan: { ...installment.plan, periods: '0' } })).toMatchObject({ errors: [{ field: 'periods' }] });
    expect(previewSchedule({ ...installment, base: { ...installment.base, amount: '' } })).toBeNull();
  });

  it('edits a stored plan from its first period, not the current one', () => {
    const result = validateAgreementForm(installment);
    if (!result.ok) throw new Error('expected a plan');
    const stored = { ...result.value, dueDate: '2027-03-15' };
    const draft = formDraftOf(stored);
    expect(draft.base.dueDate).toBe('2027-01-15');
    expect(draft.usePlan).toBe(true);
    const again = validateAgreementForm(draft);
    expect(again.ok && again.value.plan).toEqual(result.value.plan);
  });
});

describe('a new form has no kind picked', () => {
  it('refuses to save until the user picks one', () => {
    const result = validateAgreementForm({ ...EMPTY_FORM_DRAFT, base: { ...EMPTY_FORM_DRAFT.base, lender: '借呗', amount: '100', dueDate: '2027-01-15' } });
    expect(EMPTY_FORM_DRAFT.base.kind).toBe('');
    expect(!result.ok && result.errors.base).toEqual({ kind: 'unknown' });
  });
});

describe('dueDateQuestion', () => {
  const today = '2026-11-20';

  it('asks whether a date before today means the agreement is already overdue, and for how long', () => {
    expect(dueDateQuestion('2026-11-19', today)).toEqual({ kind: 'past', dueDate: '2026-11-19', overdueDays: 1 });
    expect(dueDateQuestion(' 2026-10-20 ', today)).toEqual({ kind: 'past', dueDate: '2026-10-20', overdueDays: 31 });
  });

  it('asks nothing for today or a date ahead within ten years', () => {
    expect(dueDateQuestion(today, today)).toBeNull();
    expect(dueDateQuestion('2026-11-21', today)).toBeNull();
    expect(dueDateQuestion('2036-11-20', today)).toBeNull();
  });

  it('asks about a date more than ten years ahead, a year probably typed wrong', () => {
    expect(dueDateQuestion('2036-11-21', today)).toEqual({ kind: 'far-ahead', dueDate: '2036-11-21', years: 10 });
    expect(dueDateQuestion('2062-01-05', today)).toEqual({ kind: 'far-ahead', dueDate: '2062-01-05', years: 36 });
    // Ten years after 29 February is 28 February: the next day is the first to ask about.
    expect(dueDateQuestion('2038-02-28', '2028-02-29')).toBeNull();
    expect(dueDateQuestion('2038-03-01', '2028-02-29')).toMatchObject({ kind: 'far-ahead' });
  });

  it('does not ask again about the date an edited agreement already had, only about a changed one', () => {
    expect(dueDateQuestion('2026-09-01', today, '2026-09-01')).toBeNull();
    expect(dueDateQuestion('2026-09-02', today, '2026-09-01')).toMatchObject({ kind: 'past', overdueDays: 79 });
  });

  it('leaves a date that is not valid to the errors of the form', () => {
    expect(dueDateQuestion('', today)).toBeNull();
    expect(dueDateQuestion('2026-02-30', today)).toBeNull();
    expect(dueDateQuestion('1999-12-31', today)).toBeNull();
  });
});
