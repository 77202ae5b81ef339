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
      message: '请在 2026-11-27 前把 ¥1,234.56 存入绑定的账户或银行卡（2026-11-30 到期），并向客服确认扣款渠道正常。',
    });
    expect(describeReminder(item('transfer-by', '2026-11-30', '2026-11-27'), '2026-11-27', en, 'en').message).toBe(
      'If the CN¥1,234.56 due on 2026-11-30 comes from another bank, transfer it today: it can take up to 48 hours.',
    );
  });

  it('speaks of the due day from the moment it is shown', () => {
    expect(describeReminder(item('pay', '2026-11-21'), '2026-11-21', en, 'en').title).toBe('借呗: payment due today');
    expect(describeReminder(item('pay', '2026-11-20'), '2026-11-21', en, 'en')).toEqual({
      title: '借呗: overdue by 1 day',
      message: 'CN¥1,234.56 is overdue. Pay or contact the lender today; staying silent makes it worse.',
    });
    expect(describeReminder(item('pay', '2026-11-18'), '2026-11-21', zh, 'zh-CN').title).toBe('借呗：已逾期 3 天');
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
      title: '借呗：还有 3 天到期',
      message: '请在 2026-12-10 当天或之前向借呗还款 ¥1,234.56。',
    });
    expect(describeReminder(item('due-soon', '2026-12-10', '2026-12-09'), '2026-12-09', en, 'en')).toEqual({
      title: '借呗: due in 1 day',
      message: 'Pay CN¥1,234.56 to 借呗 by 2026-12-10.',
    });
    // Counted from the day it is shown, which may be later than planned.
    expect(describeReminder(item('due-soon', '2026-12-10', '2026-12-03'), '2026-12-05', en, 'en').title).toBe('借呗: due in 5 days');
  });

  it('an extra reminder shown on the due day or later speaks as the day itself', () => {
    expect(describeReminder(item('due-soon', '2026-12-10', '2026-12-09'), '2026-12-10', zh, 'zh-CN').title).toBe('借呗：今天到期');
    expect(describeReminder(item('due-soon', '2026-12-10', '2026-12-09'), '2026-12-12', zh, 'zh-CN').title).toBe('借呗：已逾期 2 天');
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
    expect(describeReminder(period, '2027-01-09', en, 'en').message).toBe('Pay CN¥300.00 to 借呗 by 2027-01-10.');
  });

  it('summarises several at once', () => {
    expect(describeSummary(3, en).title).toBe('3 repayment reminders need you');
  });

  it('says when they were missed because the browser was closed', () => {
    expect(describeClosedSummary(3, en).title).toBe('3 items needed you while the browser was closed');
    expect(describeClosedSummary(3, zh).title).toBe('浏览器关闭期间，有 3 件事需要你处理');
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
      expect(describeReminder(locked('pay', '2026-12-10'), '2026-12-13', zh, 'zh-CN').title).toBe('有一笔还款已逾期 3 天');
      expect(describeReminder(locked('gather-documents', '2026-12-10', '2026-12-20'), '2026-12-09', en, 'en').message).toContain('2026-12-20');
    });
  });
});
