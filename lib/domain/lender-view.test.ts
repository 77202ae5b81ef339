import { describe, expect, it } from 'vitest';
import { findLender, groupByLender, lenderKey, statusOf, type ConfirmationOnFile, type LenderAgreementFacts, type LenderViewInput } from './lender-view';
import { agreementStanding, type PaymentPlan } from './agreement-dues';
import { standingOf, type PaymentFacts } from './payment-status';

const TODAY = '2026-11-21';
let counter = 0;

function input(
  lender: string,
  dueDate: string,
  amountFen: number,
  options: { payments?: PaymentFacts[]; confirmation?: ConfirmationOnFile; kind?: LenderAgreementFacts['kind']; updatedAt?: number } = {},
): LenderViewInput {
  counter += 1;
  return {
    agreement: { id: `a${counter}`, lender, kind: options.kind ?? 'settlement', amountFen, dueDate, updatedAt: options.updatedAt ?? counter },
    standing: standingOf(amountFen, options.payments ?? []),
    confirmation: options.confirmation ?? { state: 'not-recorded' },
  };
}
const paid = (amountFen: number, paidOn: string, coverage: PaymentFacts['coverage'] = 'partial'): PaymentFacts => ({ amountFen, paidOn, coverage });

describe('lenderKey', () => {
  it('ignores surrounding and doubled spaces, letter case and full-width Latin', () => {
    expect(lenderKey(' 网商贷 ')).toBe(lenderKey('网商贷'));
    expect(lenderKey('ＭＹｂａｎｋ')).toBe(lenderKey('mybank'));
    expect(lenderKey('China  Merchants Bank')).toBe(lenderKey('china merchants bank'));
    expect(lenderKey('招商银行信用卡１')).toBe(lenderKey('招商银行信用卡1'));
  });

  it('keeps different lenders apart', () => {
    expect(lenderKey('借呗')).not.toBe(lenderKey('花呗'));
    expect(lenderKey('京东白条')).not.toBe(lenderKey('京东金条'));
    expect(lenderKey('mybank')).not.toBe(lenderKey('my bank'));
  });
});

describe('groupByLender', () => {
  it('puts the same lender, however spelled, in one group named as most recently edited', () => {
    const groups = groupByLender(
      [
        input('网商贷', '2026-12-01', 100, { updatedAt: 5 }),
        input(' 网商贷', '2026-12-05', 100, { updatedAt: 9 }),
        input('MYbank', '2026-12-10', 100, { updatedAt: 3 }),
        input('ｍｙｂａｎｋ ', '2026-12-11', 100, { updatedAt: 4 }),
      ],
      TODAY,
    );
    expect(groups.map((g) => [g.name, g.agreements.length])).toEqual([
      ['网商贷', 2],
      ['ｍｙｂａｎｋ', 2],
    ]);
    expect(groupByLender([], TODAY)).toEqual([]);
  });

  it('derives each status from payments, the date and the confirmation', () => {
    const received: ConfirmationOnFile = { state: 'received', receivedOn: '2026-11-18' };
    const [summary] = groupByLender(
      [
        input('借呗', '2026-11-30', 1_000, { confirmation: received }),
        input('借呗', '2026-12-01', 1_000, { confirmation: { state: 'awaiting' } }),
        input('借呗', '2026-12-02', 1_000),
        input('借呗', '2026-12-03', 1_000, { payments: [paid(400, '2026-11-20')] }),
        input('借呗', '2026-11-01', 1_000, { payments: [paid(1_000, '2026-10-30')], confirmation: received }),
        input('借呗', '2026-11-20', 1_000, { payments: [paid(400, '2026-11-19')] }),
      ],
      TODAY,
    );
    const rows = summary?.agreements.map((a) => [a.agreement.dueDate, a.status, a.lacksConfirmation]);
    expect(rows).toEqual([
      ['2026-11-01', 'settled', false],
      ['2026-11-20', 'broken', true],
      ['2026-11-30', 'confirmed', false],
      ['2026-12-01', 'agreed', true],
      ['2026-12-02', 'agreed', true],
      ['2026-12-03', 'repaying', true],
    ]);
  });

  it('due today and unpaid is not broken yet', () => {
    expect(statusOf(standingOf(100, []), TODAY, 0, { state: 'not-recorded' }, TODAY)).toBe('agreed');
    expect(statusOf(standingOf(100, []), '2026-11-20', 0, { state: 'received', receivedOn: '2026-11-01' }, TODAY)).toBe('broken');
  });

  it('adds what was agreed, paid and is still owed', () => {
    const [summary] = groupByLender(
      [
        input('花呗', '2026-12-01', 50_000, { payments: [paid(12_345, '2026-11-02')] }),
        input('花呗', '2026-10-01', 20_000, { payments: [paid(20_000, '2026-10-01')] }),
        input('花呗', '2027-01-01', 7_000),
      ],
      TODAY,
    );
    expect(summary).toMatchObject({ agreedFen: 77_000, paidFen: 32_345, owedFen: 44_655 });
  });

  it('dates the credit record expiry 5 years after a debt paid more than 3 days late was settled', () => {
    const [late, onTime] = groupByLender(
      [
        // 9 days late, settled on 10 October: deleted 5 years after that day.
        input('微粒贷', '2026-10-01', 1_000, { payments: [paid(1_000, '2026-10-10')] }),
        // 2 and 3 days late: within the grace, no record.
        input('美团借钱', '2026-10-01', 1_000, { payments: [paid(1_000, '2026-10-03')] }),
        input('美团借钱', '2026-11-01', 1_000, { payments: [paid(1_000, '2026-11-04')] }),
      ],
      TODAY,
    );
    expect(late?.name).toBe('微粒贷');
    expect(late?.recordExpiresOn).toBe('2031-10-10');
    expect(late?.agreements[0]?.recordExpiresOn).toBe('2031-10-10');
    expect(late?.milestones.filter((m) => m.code === 'adverse-record-expires').map((m) => [m.date, m.timing])).toEqual([['2031-10-10', 'upcoming']]);
    expect(onTime?.recordExpiresOn).toBeNull();
  });

  it("keeps the latest expiry of a lender's records, and follows the years set", () => {
    const inputs = [
      input('京东白条', '2026-03-01', 1_000, { payments: [paid(1_000, '2026-04-15')] }),
      input('京东白条', '2026-06-01', 1_000, { payments: [paid(1_000, '2026-06-20')] }),
      input('京东白条', '2026-12-01', 1_000),
    ];
    expect(groupByLender(inputs, TODAY)[0]?.recordExpiresOn).toBe('2031-06-20');
    expect(groupByLender(inputs, TODAY, { adverseRecordYears: 3 })[0]?.recordExpiresOn).toBe('2029-06-20');
  });

  it('flags an unpaid debt past the reporting grace: its record has no end date until it is settled', () => {
    const [summary] = groupByLender([input('度小满', '2026-11-10', 1_000), input('度小满', '2026-11-20', 1_000)], TODAY);
    expect(summary?.agreements.map((a) => [a.agreement.dueDate, a.recordAtRisk])).toEqual([
      ['2026-11-10', true],
      ['2026-11-20', false],
    ]);
    expect(summary?.recordAtRisk).toBe(true);
    expect(summary?.recordExpiresOn).toBeNull();
  });

  it("merges every agreement's steps, past and ahead, in date order, each naming its agreement", () => {
    const first = input('网商贷', '2026-11-25', 1_000);
    const second = input('网商贷', '2026-12-20', 1_000, { kind: 'deferral' });
    const [summary] = groupByLender([second, first], TODAY);
    const steps = summary?.milestones ?? [];
    expect(steps.map((m) => m.date)).toEqual([...steps.map((m) => m.date)].sort());
    expect(new Set(steps.map((m) => m.ref))).toEqual(new Set([first.agreement.id, second.agreement.id]));
    expect(steps.some((m) => m.timing === 'past')).toBe(true);
    expect(steps.some((m) => m.timing === 'upcoming')).toBe(true);
    expect(steps.filter((m) => m.code === 'pay').map((m) => [m.ref, m.date])).toEqual([
      [first.agreement.id, '2026-11-25'],
      [second.agreement.id, '2026-12-20'],
    ]);
    expect(steps.some((m) => m.code === 'apply-second-negotiation-by' && m.ref === second.agreement.id)).toBe(true);
    expect(summary?.timelineErrors).toEqual([]);
  });

  it('reports agreements whose timeline cannot be computed instead of hiding them', () => {
    const [summary] = groupByLender([input('花呗', '2026-12-01', 100)], TODAY, { adverseRecordYears: 0 });
    expect(summary?.agreements).toHaveLength(1);
    expect(summary?.milestones).toEqual([]);
    expect(summary?.timelineErrors[0]?.error).toEqual({ code: 'invalid-setting', setting: 'adverseRecordYears' });
  });

  it('orders lenders: something broken first, then by the next open due date, fully settled last', () => {
    const groups = groupByLender(
      [
        input('已结清', '2026-11-01', 100, { payments: [paid(100, '2026-11-01')] }),
        input('以后', '2027-02-01', 100),
        input('下周', '2026-11-25', 100),
        input('逾期', '2026-12-30', 100),
        input('逾期', '2026-11-15', 100),
      ],
      TODAY,
    );
    expect(groups.map((g) => g.name)).toEqual(['逾期', '下周', '以后', '已结清']);
  });
});

describe('an installment plan', () => {
  const plan: PaymentPlan = {
    method: 'interest-free',
    dayOfMonth: 15,
    dues: [
      { date: '2026-10-15', amountFen: 1_000 },
      { date: '2026-11-15', amountFen: 1_000 },
      { date: '2026-12-15', amountFen: 1_000 },
    ],
  };
  const planned = (payments: (PaymentFacts & { dueDate: string })[]): LenderViewInput => {
    counter += 1;
    const agreement = { id: `p${counter}`, lender: '京东金条', kind: 'installment' as const, amountFen: 3_000, dueDate: '2026-10-15', updatedAt: counter, plan };
    return { agreement, standing: agreementStanding(agreement, payments), confirmation: { state: 'not-recorded' } };
  };

  it('counts every period in the totals and judges the status by the first period not paid', () => {
    // October paid late (20 days), November not paid: broken, a record may follow.
    const [late] = groupByLender([planned([{ amountFen: 1_000, paidOn: '2026-11-04', coverage: 'full', dueDate: '2026-10-15' }])], TODAY);
    expect(late).toMatchObject({ agreedFen: 3_000, paidFen: 1_000, owedFen: 2_000 });
    expect(late?.agreements[0]).toMatchObject({ status: 'broken', currentDueDate: '2026-11-15', recordAtRisk: true });
    // Each period's payment day is on the lender's timeline.
    expect(late?.milestones.filter((m) => m.code === 'pay').map((m) => m.date)).toEqual(['2026-10-15', '2026-11-15', '2026-12-15']);

    // October and November paid on time: being repaid, December next.
    const [onTrack] = groupByLender(
      [
        planned([
          { amountFen: 1_000, paidOn: '2026-10-15', coverage: 'full', dueDate: '2026-10-15' },
          { amountFen: 1_000, paidOn: '2026-11-14', coverage: 'full', dueDate: '2026-11-15' },
        ]),
      ],
      TODAY,
    );
    expect(onTrack?.agreements[0]).toMatchObject({ status: 'repaying', currentDueDate: '2026-12-15', paidFen: 2_000, owedFen: 1_000 });
  });
});

describe('findLender', () => {
  it('finds the lender a deep link names, however it is spelled', () => {
    const groups = groupByLender([input('MYbank', '2026-12-01', 100), input('花呗', '2026-12-01', 100)], TODAY);
    expect(findLender(groups, ' ｍｙｂａｎｋ')?.name).toBe('MYbank');
    expect(findLender(groups, '花呗')?.name).toBe('花呗');
    expect(findLender(groups, '借呗')).toBeUndefined();
  });
});
