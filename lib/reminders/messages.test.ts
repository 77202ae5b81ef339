import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../tests/locale-messages';
import type { DueReminder } from '../db/reminders';
import { describeReminder, describeSummary } from './messages';

const item = (dueDate: string, leadDays: number): DueReminder => ({
  agreement: { id: 'a', lender: '借呗', kind: 'extension', amountFen: 123456, dueDate, createdAt: 0, updatedAt: 0 },
  reminder: { id: 'r', agreementId: 'a', leadDays, dueDate, fireDate: dueDate, fireAt: 0, pending: 0, notifiedAt: 0 },
});
const zh = (key: string, subs?: string | string[]) => formatMessage('zh_CN', key, subs);
const en = (key: string, subs?: string | string[]) => formatMessage('en', key, subs);

describe('reminder wording', () => {
  it('speaks of the day from the moment it is shown, in each language', () => {
    expect(describeReminder(item('2026-11-24', 3), '2026-11-21', zh, 'zh-CN')).toEqual({
      title: '借呗：还有 3 天到期',
      message: '请在 2026-11-24 前把 ¥1,234.56 存入还款账户。跨行转账可能需要 48 小时。',
    });
    expect(describeReminder(item('2026-11-21', 0), '2026-11-21', en, 'en').title).toBe('借呗: payment due today');
    expect(describeReminder(item('2026-11-20', 0), '2026-11-21', en, 'en')).toEqual({
      title: '借呗: overdue by 1 day',
      message: 'CN¥1,234.56 is overdue. Pay or contact the lender today; staying silent makes it worse.',
    });
  });

  it('summarises several at once', () => {
    expect(describeSummary(3, en).title).toBe('3 repayment reminders need you');
  });
});
