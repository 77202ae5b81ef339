import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../tests/locale-messages';
import type { MilestoneCode } from '../domain/milestone-codes';
import { MILESTONE_CODES } from '../domain/milestone-codes';
import type { DueReminder } from '../db/reminders';
import type { AgreementRecord } from '../db/schema';
import { describeClosedSummary, describeReminder, describeSummary } from './messages';

const item = (code: MilestoneCode, dueDate: string, fireDate = dueDate, untilDate?: string): DueReminder & { agreement: AgreementRecord } => ({
  agreement: { id: 'a', lender: '借呗', kind: 'extension', amountFen: 123456, dueDate, createdAt: 0, updatedAt: 0 },
  reminder: {
    id: 'r',
    agreementId: 'a',
    code,
    dueDate,
    fireDate,
    ...(untilDate ? { untilDate } : {}),
    fireAt: 0,
    provisional: false,
    pending: 0,
    notifiedAt: 0,
  },
});
const zh = (key: string, subs?: string | string[]) => formatMessage('zh_CN', key, subs);
const en = (key: string, subs?: string | string[]) => formatMessage('en', key, subs);

describe('reminder wording', () => {
  it('names the step, the lender, the amount and the dates', () => {
    expect(describeReminder(item('deposit-and-check-debit', '2026-11-30', '2026-11-25', '2026-11-27'), '2026-11-25', zh, 'zh-CN')).toEqual({
      title: '借呗：把钱存进还款账户',
      message: '请在2026-11-27前把¥1,234.56存入绑定的账户或银行卡（2026-11-30到期），并向客服确认扣款渠道正常。',
    });
    expect(describeReminder(item('transfer-by', '2026-11-30', '2026-11-27'), '2026-11-27', en, 'en').message).toBe(
      'If the ¥1,234.56 due on 2026-11-30 comes from another bank, transfer it today: it can take up to 48 hours.',
    );
  });

  it('speaks of the due day from the moment it is shown', () => {
    expect(describeReminder(item('pay', '2026-11-21'), '2026-11-21', en, 'en').title).toBe('借呗: payment due today');
    expect(describeReminder(item('pay', '2026-11-20'), '2026-11-21', en, 'en')).toEqual({
      title: '借呗: overdue by 1 day',
      message: '¥1,234.56 is overdue. Pay it today: from 2026-11-24 it may be reported to your credit record.',
    });
    expect(describeReminder(item('pay', '2026-11-18'), '2026-11-21', zh, 'zh-CN').title).toBe('借呗：已逾期3天');
  });

  it('has words for every milestone in both languages', () => {
    for (const code of MILESTONE_CODES) {
      for (const [translate, language] of [[zh, 'zh-CN'], [en, 'en']] as const) {
        const text = describeReminder(item(code, '2026-12-10', '2026-12-01'), '2026-12-01', translate, language);
        expect(text.title, code).toMatch(/^借呗/);
        expect(text.message, code).not.toBe('');
        expect(text.message, code).not.toMatch(/\$\d/);
      }
    }
  });

  it('an extra reminder says in how many days, what to pay, to whom and by when', () => {
    expect(describeReminder(item('due-soon', '2026-12-10', '2026-12-07'), '2026-12-07', zh, 'zh-CN')).toEqual({
      title: '借呗：还有3天到期',
      message: '请在2026-12-10当天或之前向借呗还款¥1,234.56。',
    });
    expect(describeReminder(item('due-soon', '2026-12-10', '2026-12-09'), '2026-12-09', en, 'en')).toEqual({
      title: '借呗: due in 1 day',
      message: 'Pay ¥1,234.56 to 借呗 by 2026-12-10.',
    });
    // Counted from the day it is shown, which may be later than planned.
    expect(describeReminder(item('due-soon', '2026-12-10', '2026-12-03'), '2026-12-05', en, 'en').title).toBe('借呗: due in 5 days');
  });

  it('an extra reminder shown on the due day or later speaks as the day itself', () => {
    expect(describeReminder(item('due-soon', '2026-12-10', '2026-12-09'), '2026-12-10', zh, 'zh-CN').title).toBe('借呗：今天到期');
    expect(describeReminder(item('due-soon', '2026-12-10', '2026-12-09'), '2026-12-12', zh, 'zh-CN').title).toBe('借呗：已逾期2天');
  });

  it("an extra reminder before a second negotiation's deadline asks for the application", () => {
    const apply = item('due-soon', '2026-12-10', '2026-12-09');
    apply.agreement.kind = 'second-negotiation';
    expect(describeReminder(apply, '2026-12-09', en, 'en').message).toBe('Apply to 借呗 for a second negotiation by 2026-12-10.');
    expect(describeReminder(apply, '2026-12-10', zh, 'zh-CN').title).toBe('借呗：今天是申请截止日');
  });

  it("names an installment period's own amount", () => {
    const period = item('due-soon', '2027-01-10', '2027-01-09');
    period.agreement.plan = {
      method: 'interest-free',
      dayOfMonth: 10,
      dues: [
        { date: '2026-12-10', amountFen: 400_00 },
        { date: '2027-01-10', amountFen: 300_00 },
      ],
    };
    expect(describeReminder(period, '2027-01-09', en, 'en').message).toBe('Pay ¥300.00 to 借呗 by 2027-01-10.');
  });

  it('an overdue payment says what to do today, by how late it is and what the user recorded', () => {
    const today = '2026-12-06';
    const overdue = (dueDate: string, escalation?: AgreementRecord['escalation']) => {
      const due = item('pay', dueDate);
      if (escalation) due.agreement.escalation = escalation;
      return describeReminder(due, today, zh, 'zh-CN');
    };
    expect(overdue('2026-12-03')).toEqual({ title: '借呗：已逾期3天', message: '¥1,234.56已逾期。请今天还上：从2026-12-07起，逾期可能上报征信。' });
    expect(overdue('2026-12-02').message).toBe('¥1,234.56已逾期。请今天联系平台，提出你能做到的还款方案；失联只会更糟。');
    expect(overdue('2026-12-02', { collection: '2026-12-05' }).message).toBe('¥1,234.56已逾期。请保存催收证据；遇到辱骂、骚扰的催收，可以拨打12378投诉。');
    expect(overdue('2026-12-05', { mediation: '2026-12-06' }).message).toBe('¥1,234.56已逾期，对方已启动法律程序。请按时出席并备齐材料，清单见还款协商助手。');
  });

  describe('several at once', () => {
    const today = '2026-12-06';
    const of = (id: string, lender: string, amountFen: number, code: MilestoneCode, dueDate: string): DueReminder => {
      const one = item(code, dueDate);
      return { reminder: { ...one.reminder, id: `${id}:${code}`, agreementId: id }, agreement: { ...one.agreement, id, lender, amountFen, dueDate } };
    };

    it('names each lender once, with its amount and state, the longest overdue first', () => {
      const due = [
        of('b', '花呗', 30_000, 'due-soon', '2026-12-09'),
        of('a', '借呗', 123_456, 'pay', '2026-12-01'),
        of('a', '借呗', 123_456, 'credit-report-risk', '2026-12-01'),
        of('c', '网商贷', 500_000, 'pay', '2026-12-06'),
      ];
      expect(describeSummary(due, today, zh, 'zh-CN')).toEqual({
        title: '有4条还款提醒需要处理',
        message: '借呗：¥1,234.56，已逾期5天\n网商贷：¥5,000.00，今天到期\n花呗：¥300.00，3天后到期',
      });
      expect(describeSummary(due, today, en, 'en').message).toBe(
        '借呗: ¥1,234.56, overdue by 5 days\n网商贷: ¥5,000.00, due today\n花呗: ¥300.00, due in 3 days',
      );
    });

    it('names three, then says how many more; a step that is not a payment is named', () => {
      const due = [
        of('a', '借呗', 100_00, 'pay', '2026-12-05'),
        of('b', '花呗', 200_00, 'pay', '2026-12-06'),
        of('c', '网商贷', 300_00, 'transfer-by', '2026-12-08'),
        of('d', '微粒贷', 400_00, 'check-credit-report', '2026-11-30'),
        of('e', '京东白条', 500_00, 'due-soon', '2026-12-10'),
      ];
      expect(describeClosedSummary(due, today, en, 'en')).toEqual({
        title: '5 items needed you while the browser was closed',
        message: '借呗: ¥100.00, overdue by 1 day\n花呗: ¥200.00, due today\n网商贷: ¥300.00, due in 2 days\nand 2 more',
      });
      expect(describeClosedSummary(due.slice(3), today, zh, 'zh-CN')).toEqual({
        title: '浏览器关闭期间，有2件事需要你处理',
        message: '京东白条：¥500.00，4天后到期\n微粒贷：¥400.00，查看征信报告',
      });
    });

    it('names nothing while locked', () => {
      const due = [of('a', '借呗', 123_456, 'pay', '2026-12-01'), { ...of('b', '花呗', 30_000, 'pay', '2026-12-09'), agreement: null }];
      for (const text of [describeSummary(due, today, zh, 'zh-CN'), describeClosedSummary(due, today, en, 'en')]) {
        expect(`${text.title} ${text.message}`).not.toMatch(/借呗|花呗|1,234|300\.00|逾期|overdue/);
      }
      expect(describeSummary(due, today, en, 'en').message).toBe('Open Repay Companion to see what to do and by when.');
    });
  });

  describe('while the records are locked', () => {
    const locked = (code: MilestoneCode, dueDate: string, untilDate?: string): DueReminder => ({ ...item(code, dueDate, dueDate, untilDate), agreement: null });

    it('names neither the lender nor the amount, and says to unlock', () => {
      for (const code of MILESTONE_CODES) {
        for (const [translate, language] of [[zh, 'zh-CN'], [en, 'en']] as const) {
          const text = describeReminder(locked(code, '2026-12-10', '2026-12-12'), '2026-12-09', translate, language);
          const all = `${text.title} ${text.message}`;
          expect(all).not.toMatch(/借呗|1,234|1234/);
          expect(all).toMatch(/解锁|Unlock/);
        }
      }
    });

    it('tells a payment coming up, an overdue one with how late, and another step by its date', () => {
      expect(describeReminder(locked('pay', '2026-12-10'), '2026-12-09', en, 'en')).toEqual({
        title: 'A repayment is coming up',
        message: 'One of your repayments is due on 2026-12-10. Unlock Repay Companion to see which one and how much.',
      });
      expect(describeReminder(locked('pay', '2026-12-10'), '2026-12-13', zh, 'zh-CN').title).toBe('有一笔还款已逾期3天');
      expect(describeReminder(locked('gather-documents', '2026-12-10', '2026-12-20'), '2026-12-09', en, 'en').message).toContain('2026-12-20');
    });
  });
});
