import { describe, expect, it } from 'vitest';
import { agreementStanding } from './agreement-dues';
import { EMPTY_PLAN_DRAFT, planDraftOf, splitAmounts, validatePlanDraft, type PlanDraft } from './agreement-plan';

const draft = (over: Partial<PlanDraft>): PlanDraft => ({ ...EMPTY_PLAN_DRAFT, ...over });

describe('validatePlanDraft', () => {
  it('splits an interest-free plan into monthly periods that add up to the total', () => {
    const result = validatePlanDraft(draft({ periods: '3' }), 100_000, '2026-12-31');
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.plan.dues).toEqual([
      { date: '2026-12-31', amountFen: 33_333 },
      { date: '2027-01-31', amountFen: 33_333 },
      { date: '2027-02-28', amountFen: 33_334 },
    ]);
    expect(result.plan.dayOfMonth).toBe(31);
    expect(result.schedule.totalFen).toBe(100_000);
  });

  it('charges interest for an annuity and keeps the rate with the plan', () => {
    const result = validatePlanDraft(draft({ method: 'annuity', periods: '12', rate: '18%' }), 1_200_000, '2027-01-10');
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.plan.annualRatePercent).toBe(18);
    expect(result.plan.dues).toHaveLength(12);
    expect(result.schedule.interestFen).toBeGreaterThan(0);
    expect(result.plan.dues.reduce((s, d) => s + d.amountFen, 0)).toBe(result.schedule.totalFen);
  });

  it('uses the day of month the user gives for later periods', () => {
    const result = validatePlanDraft(draft({ periods: '2', dayOfMonth: '5' }), 2_000, '2027-01-20');
    expect(result.ok && result.plan.dues.map((d) => d.date)).toEqual(['2027-01-20', '2027-02-05']);
  });

  it('refuses custom amounts that do not add up to the total, saying by how much', () => {
    const result = validatePlanDraft(draft({ method: 'custom', amounts: '500\n500\n400' }), 150_000, '2027-01-10');
    expect(result).toEqual({ ok: false, errors: [{ field: 'amounts', code: 'do-not-add-up', differenceFen: -10_000 }] });
  });

  it('accepts custom amounts separated by Chinese commas when they add up', () => {
    const result = validatePlanDraft(draft({ method: 'custom', amounts: '500，500、500.5' }), 150_050, '2027-01-10');
    expect(result.ok && result.plan.dues.map((d) => d.amountFen)).toEqual([50_000, 50_000, 50_050]);
  });

  it('names each bad amount by its position', () => {
    const result = validatePlanDraft(draft({ method: 'custom', amounts: '500 abc 1.234' }), 150_000, '2027-01-10');
    expect(result.ok ? [] : result.errors.map((e) => (e.code === 'invalid-amount' ? e.position : e.code))).toEqual([2, 3]);
  });

  it('reports every problem at once', () => {
    const result = validatePlanDraft(draft({ method: 'annuity', periods: '1', rate: 'x', dayOfMonth: '32' }), 100, '2027-01-10');
    expect(result.ok ? [] : result.errors.map((e) => e.field).sort()).toEqual(['dayOfMonth', 'periods', 'rate']);
  });

  it('refuses a single period, a fractional count and an unknown method', () => {
    expect(validatePlanDraft(draft({ periods: '1' }), 100, '2027-01-10').ok).toBe(false);
    expect(validatePlanDraft(draft({ periods: '2.5' }), 100, '2027-01-10').ok).toBe(false);
    expect(validatePlanDraft(draft({ method: 'weekly', periods: '3' }), 100, '2027-01-10').ok).toBe(false);
  });

  it('gives back the same draft for a stored plan', () => {
    const typed = draft({ method: 'custom', amounts: '300\n700', dayOfMonth: '15' });
    const result = validatePlanDraft(typed, 100_000, '2027-01-15');
    if (!result.ok) throw new Error('expected a plan');
    expect(planDraftOf(result.plan)).toEqual({ ...typed, periods: '2', amounts: '300.00\n700.00' });
    const again = validatePlanDraft(planDraftOf(result.plan), 100_000, '2027-01-15');
    expect(again.ok && again.plan).toEqual(result.plan);
  });
});

describe('splitAmounts', () => {
  it('accepts lines, commas and spaces', () => {
    expect(splitAmounts(' 1\n2,3 ，4、5;6 ')).toEqual(['1', '2', '3', '4', '5', '6']);
  });
});

describe('agreementStanding with a plan', () => {
  const plan = {
    method: 'interest-free' as const,
    dayOfMonth: 10,
    dues: [
      { date: '2027-01-10', amountFen: 500 },
      { date: '2027-02-10', amountFen: 500 },
      { date: '2027-03-10', amountFen: 500 },
    ],
  };
  const agreement = { dueDate: '2027-01-10', amountFen: 1500, plan };

  it('points at the first unpaid period and counts what is left in all', () => {
    const s = agreementStanding(agreement, [{ dueDate: '2027-01-10', amountFen: 500, paidOn: '2027-01-09', coverage: 'partial' }]);
    expect(s.due).toEqual({ date: '2027-02-10', amountFen: 500, index: 2, count: 3 });
    expect(s.state).toBe('unpaid');
    expect(s.totalLeftFen).toBe(1000);
  });

  it('keeps a partial payment on its own period', () => {
    const s = agreementStanding(agreement, [{ dueDate: '2027-01-10', amountFen: 200, paidOn: '2027-01-09', coverage: 'partial' }]);
    expect(s.due.index).toBe(1);
    expect(s.state).toBe('partial');
    expect(s.leftFen).toBe(300);
    expect(s.totalLeftFen).toBe(1300);
  });

  it('credits a payment for a period that no longer exists to the first period', () => {
    const s = agreementStanding(agreement, [{ dueDate: '2026-12-01', amountFen: 500, paidOn: '2026-12-01', coverage: 'partial' }]);
    expect(s.due.index).toBe(2);
  });

  it('stays on the last period once everything is paid', () => {
    const paid = plan.dues.map((d) => ({ dueDate: d.date, amountFen: d.amountFen, paidOn: d.date, coverage: 'full' as const }));
    const s = agreementStanding(agreement, paid);
    expect(s.due.index).toBe(3);
    expect(s.state).toBe('paid');
    expect(s.totalLeftFen).toBe(0);
  });

  it('counts every payment towards a single due date, whatever date it was recorded for', () => {
    const s = agreementStanding({ dueDate: '2027-01-10', amountFen: 1000 }, [
      { dueDate: '2026-12-01', amountFen: 400, paidOn: '2026-12-01', coverage: 'partial' },
    ]);
    expect(s).toMatchObject({ state: 'partial', leftFen: 600, totalLeftFen: 600, due: { index: 1, count: 1 } });
  });
});
