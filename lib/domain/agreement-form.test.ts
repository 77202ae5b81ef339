import { describe, expect, it } from 'vitest';
import { EMPTY_FORM_DRAFT, formDraftOf, planInUse, previewSchedule, validateAgreementForm, type AgreementFormDraft } from './agreement-form';

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
