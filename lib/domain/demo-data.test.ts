import { describe, expect, it } from 'vitest';
import { agreementSchema } from './agreement';
import { demoAgreements } from './demo-data';
import { classifyDue } from './urgency';

describe('demoAgreements', () => {
  it('is a varied, valid set, all marked demo, with every urgency', () => {
    const today = '2026-11-21';
    const set = demoAgreements(today, 'zh-CN');
    expect(set.length).toBeGreaterThanOrEqual(4);
    expect(set.length).toBeLessThanOrEqual(5);
    expect(set.every((a) => a.demo === true)).toBe(true);
    expect(new Set(set.map((a) => a.kind)).size).toBe(set.length);
    expect(new Set(set.map((a) => classifyDue(a.dueDate, today).urgency))).toEqual(new Set(['overdue', 'today', 'week', 'later']));
    for (const a of set) expect(agreementSchema.safeParse({ ...a, id: 'x', createdAt: 0, updatedAt: 0 }).success).toBe(true);
  });

  it('shows an installment plan of monthly periods that add up to its amount', () => {
    const plan = demoAgreements('2026-11-21', 'en').find((a) => a.kind === 'installment');
    expect(plan?.plan?.dues.map((d) => d.date)).toEqual(['2026-11-21', '2026-12-21', '2027-01-21', '2027-02-21', '2027-03-21', '2027-04-21']);
    expect(plan?.plan?.dues.reduce((sum, d) => sum + d.amountFen, 0)).toBe(plan?.amountFen);
  });

  it('names lenders in the UI language, on the same dates', () => {
    const zh = demoAgreements('2026-12-30', 'zh-CN');
    const en = demoAgreements('2026-12-30', 'en');
    expect(zh.map((a) => a.lender)).toContain('借呗');
    expect(en.map((a) => a.lender)).toContain('JD Baitiao');
    expect(en.map((a) => a.dueDate)).toEqual(zh.map((a) => a.dueDate));
    expect(zh.map((a) => a.dueDate)).toContain('2027-02-13');
  });
});
