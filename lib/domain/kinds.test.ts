import { describe, expect, it } from 'vitest';
import { AGREEMENT_KINDS } from './agreement';
import { PRESET_LENDERS } from './agreement-draft';
import {
  dueDatesOf,
  KIND_SCHEMAS,
  parseAgreementDetails,
  parseDebtBreakdown,
  totalDebtFen,
  type AgreementDetails,
} from './kinds';

/** One valid example of every kind: the factory the other tests vary. */
const examples = {
  extension: { kind: 'extension', originalDueDate: '2026-12-10', newDueDate: '2026-12-25', reason: '工资延迟发放', expectedIncomeDate: '2026-12-20' },
  deferral: { kind: 'deferral', startDate: '2026-01-01', endDate: '2026-12-31', scope: 'whole', interest: { mode: 'frozen' } },
  installment: {
    kind: 'installment',
    periods: 12,
    dayOfMonth: 31,
    firstDueDate: '2027-01-31',
    amountPerPeriodFen: 50_000,
    method: 'interest-free',
    interestRestarts: false,
  },
  waiver: {
    kind: 'waiver',
    items: [
      { item: 'penalty-interest', amountFen: 80_000 },
      { item: 'late-fees', amountFen: 5_000 },
    ],
    condition: { text: '12月20日前还清本金', deadline: '2026-12-20', payFen: 1_000_000, settlesDebt: true },
  },
  settlement: { kind: 'settlement', amountFen: 1_234_500, date: '2026-09-30', debitAccount: '招商银行储蓄卡 尾号1234' },
  resume: { kind: 'resume', nextDueDate: '2027-01-15', dayOfMonth: 15, periodsLeft: 3, amountPerPeriodFen: 30_000 },
  'second-negotiation': {
    kind: 'second-negotiation',
    applyBy: '2026-12-15',
    deferralEndDate: '2026-12-31',
    documentsRequired: ['income-proof', 'bank-statements'],
  },
  restructuring: {
    kind: 'restructuring',
    licensedParty: { name: '某律师事务所', type: 'law-firm', licence: '11101201810000000' },
    lenders: [
      { lender: '网商贷', balanceFen: 3_000_000 },
      { lender: '借呗', balanceFen: 2_000_000 },
    ],
    plan: { firstDueDate: '2027-02-28', dayOfMonth: 28, periods: 24, amountPerPeriodFen: 210_000 },
  },
  hardship: {
    kind: 'hardship',
    reason: 'illness',
    documentsSubmitted: ['medical-records'],
    submittedOn: '2026-11-02',
    followUpBy: '2026-11-16',
  },
} satisfies Record<(typeof AGREEMENT_KINDS)[number], AgreementDetails>;

function dates(details: AgreementDetails) {
  const result = dueDatesOf(details);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

describe('agreement details', () => {
  it('has a schema for every agreement kind, and each accepts its example', () => {
    expect(Object.keys(KIND_SCHEMAS).sort()).toEqual([...AGREEMENT_KINDS].sort());
    for (const kind of AGREEMENT_KINDS) expect(parseAgreementDetails(examples[kind])).toMatchObject({ ok: true, value: { kind } });
  });

  it('refuses an unknown kind', () => {
    expect(parseAgreementDetails({ kind: 'loan' })).toEqual({ ok: false, error: [{ path: 'kind', code: 'invalid-union' }] });
  });

  it('checks the dates of each kind against each other', () => {
    const issues = (input: unknown) => {
      const result = parseAgreementDetails(input);
      return result.ok ? [] : result.error;
    };
    expect(issues({ ...examples.extension, newDueDate: '2026-12-10' })).toEqual([{ path: 'newDueDate', code: 'not-after-original-due-date' }]);
    expect(issues({ ...examples.deferral, endDate: '2025-12-31' })).toEqual([{ path: 'endDate', code: 'not-after-start-date' }]);
    expect(issues({ ...examples['second-negotiation'], applyBy: '2026-12-31' })).toEqual([
      { path: 'applyBy', code: 'not-before-deferral-end' },
    ]);
    expect(issues({ ...examples.hardship, followUpBy: '2026-11-01' })).toEqual([{ path: 'followUpBy', code: 'not-after-submission' }]);
  });

  it('checks the contents of each kind', () => {
    const codes = (input: unknown) => {
      const result = parseAgreementDetails(input);
      return result.ok ? [] : result.error.map((i) => `${i.path}:${i.code}`);
    };
    expect(codes({ ...examples.extension, reason: '   ' })).toEqual(['reason:too-small']);
    expect(codes({ ...examples.deferral, interest: { mode: 'fixed' } })).toEqual(['interest.amountFen:invalid-type']);
    expect(codes({ ...examples.deferral, interest: { mode: 'accruing', annualRatePercent: 12.34567 } })).toEqual([
      'interest.annualRatePercent:invalid-rate',
    ]);
    expect(codes({ ...examples.installment, dayOfMonth: 32, periods: 0 })).toEqual(['periods:too-small', 'dayOfMonth:too-big']);
    expect(codes({ ...examples.installment, firstDueDate: '2027-02-29' })).toEqual(['firstDueDate:invalid-date']);
    expect(codes({ ...examples.waiver, items: [] })).toEqual(['items:too-small']);
    expect(codes({ ...examples.waiver, items: [{ item: 'interest', amountFen: 1 }, { item: 'interest', amountFen: 2 }] })).toEqual([
      'items:duplicate-item',
    ]);
    expect(codes({ ...examples.settlement, amountFen: 0, debitAccount: '' })).toEqual(['amountFen:too-small', 'debitAccount:too-small']);
    expect(codes({ ...examples['second-negotiation'], documentsRequired: ['income-proof', 'income-proof'] })).toEqual([
      'documentsRequired:duplicate-document',
    ]);
    expect(codes({ ...examples.restructuring, lenders: [{ lender: '网商贷', balanceFen: 1 }] })).toEqual(['lenders:too-small']);
    expect(codes({ ...examples.restructuring, licensedParty: { name: '某公司', type: 'agency' } })).toEqual([
      'licensedParty.type:invalid-value',
    ]);
    expect(codes({ ...examples.hardship, reason: 'bored' })).toEqual(['reason:invalid-value']);
  });
});

describe('dueDatesOf', () => {
  it('extension: the new due date', () => {
    expect(dates(examples.extension)).toEqual([{ date: '2026-12-25', role: 'extension-due', isPayment: true, closesDebt: false }]);
  });

  it('deferral: its end, when money or a decision is due', () => {
    expect(dates(examples.deferral)).toEqual([{ date: '2026-12-31', role: 'deferral-end', isPayment: true, closesDebt: false }]);
  });

  it('installment: every period, month-end safe, the last one closing the debt', () => {
    const list = dates(examples.installment);
    expect(list.map((d) => d.date).slice(0, 3)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31']);
    expect(list).toHaveLength(12);
    expect(list[0]).toEqual({
      date: '2027-01-31',
      role: 'installment',
      isPayment: true,
      closesDebt: false,
      period: { index: 1, count: 12 },
      amountFen: 50_000,
    });
    expect(list[11]).toMatchObject({ date: '2027-12-31', closesDebt: true, period: { index: 12, count: 12 } });
  });

  it('waiver: the condition deadline, or nothing when unconditional', () => {
    expect(dates(examples.waiver)).toEqual([
      { date: '2026-12-20', role: 'waiver-deadline', isPayment: true, closesDebt: true, amountFen: 1_000_000 },
    ]);
    expect(dates({ kind: 'waiver', items: [{ item: 'late-fees', amountFen: 100 }] })).toEqual([]);
  });

  it('settlement: the payment date, closing the debt', () => {
    expect(dates(examples.settlement)).toEqual([
      { date: '2026-09-30', role: 'settlement', isPayment: true, closesDebt: true, amountFen: 1_234_500 },
    ]);
  });

  it('resume: the original schedule’s next dates', () => {
    expect(dates(examples.resume).map((d) => [d.date, d.role, d.amountFen])).toEqual([
      ['2027-01-15', 'resume', 30_000],
      ['2027-02-15', 'resume', 30_000],
      ['2027-03-15', 'resume', 30_000],
    ]);
  });

  it('second negotiation: the application deadline, not a payment', () => {
    expect(dates(examples['second-negotiation'])).toEqual([{ date: '2026-12-15', role: 'apply-by', isPayment: false, closesDebt: false }]);
  });

  it('restructuring: the combined plan, in a leap year too', () => {
    const list = dates(examples.restructuring);
    expect(list).toHaveLength(24);
    expect(list.map((d) => d.date)).toContain('2028-02-28');
    expect(list[23]).toMatchObject({ date: '2029-01-28', role: 'restructuring-installment', closesDebt: true });
    expect(dates({ ...examples.restructuring, plan: undefined })).toEqual([]);
  });

  it('hardship: the follow-up date when there is one', () => {
    expect(dates(examples.hardship)).toEqual([{ date: '2026-11-16', role: 'hardship-follow-up', isPayment: false, closesDebt: false }]);
    expect(dates({ ...examples.hardship, followUpBy: undefined })).toEqual([]);
  });

  it('refuses details that did not go through the schema', () => {
    const broken = { ...examples.settlement, date: '2026-02-30' };
    expect(dueDatesOf(broken)).toEqual({ ok: false, error: [{ path: 'date', code: 'invalid-date' }] });
  });
});

describe('debt breakdown', () => {
  it('adds every part of a bill', () => {
    const bill = {
      lender: PRESET_LENDERS[0],
      asOf: '2026-11-21',
      principalFen: 1_000_000,
      interestFen: 12_000,
      compoundInterestFen: 300,
      penaltyInterestFen: 8_000,
      lateFeesFen: 5_000,
    };
    const parsed = parseDebtBreakdown(bill);
    expect(parsed.ok && totalDebtFen(parsed.value)).toBe(1_025_300);
  });

  it('refuses negative or fractional parts', () => {
    const result = parseDebtBreakdown({
      lender: '借呗',
      principalFen: -1,
      interestFen: 0.5,
      compoundInterestFen: 0,
      penaltyInterestFen: 0,
      lateFeesFen: 0,
    });
    expect(result.ok ? [] : result.error.map((i) => i.path)).toEqual(['principalFen', 'interestFen']);
  });
});
