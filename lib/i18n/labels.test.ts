import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatMessage } from '../../tests/locale-messages';
import { parseLeadDays } from '../domain/lead-days';
import { fieldErrorMessage } from './form-labels';
import { countdownText, dayAndMonth, kindLabel, nextStepText, shortDate } from './labels';
import { leadDaysErrorText } from './lead-days-labels';

describe('labels in the UI language', () => {
  it('speaks zh-CN by default in tests', () => {
    expect(kindLabel('second-negotiation')).toBe('二次协商');
    expect(countdownText('2026-11-21', '2026-11-21')).toBe('今天到期');
    expect(countdownText('2026-11-24', '2026-11-21')).toBe('还有3天到期');
    expect(countdownText('2026-11-20', '2026-11-21')).toBe('已逾期1天');
    expect(shortDate('2026-11-27')).toBe('2026年11月27日 周五');
    expect(dayAndMonth('2026-11-27')).toBe('11月27日 周五');
    expect(nextStepText('transfer-by', '2026-11-27')).toBe('下一步：跨行转账截止（11月27日 周五）');
    expect(nextStepText('transfer-by', '2026-11-27', '2026-11-21')).toBe('下一步：跨行转账截止（11月27日 周五）');
    // Years ahead, the year is part of the date.
    expect(nextStepText('adverse-record-expires', '2031-11-12', '2026-11-21')).toBe('下一步：不良记录到期（2031年11月12日 周三）');
    expect(fieldErrorMessage('amount', 'too-many-decimals')).toBe('最多保留两位小数（到分）。');
  });

  it('switches to English with the browser', () => {
    fakeBrowser.i18n.getUILanguage = () => 'en-US';
    fakeBrowser.i18n.getMessage = (key: string, subs?: string | (string | number)[]) =>
      formatMessage('en', key, Array.isArray(subs) ? subs.map(String) : subs);
    expect(countdownText('2026-11-22', '2026-11-21')).toBe('Due in 1 day');
    expect(countdownText('2026-11-19', '2026-11-21')).toBe('Overdue by 2 days');
    expect(nextStepText('pay', '2026-11-27')).toBe('Next: pay, Fri 27 Nov');
  });
});

describe('lead days refused, with the part at fault', () => {
  it('names the part, the bounds or the count', () => {
    const error = (text: string) => {
      const parsed = parseLeadDays(text);
      if (parsed.ok) throw new Error(`${text} was accepted`);
      return leadDaysErrorText(parsed.error);
    };
    expect(error('7, 三, 1')).toBe('“三”不是整数天数。');
    expect(error('7、120')).toBe('“120”：天数须在0到90之间。');
    expect(error('1 2 3 4 5 6 7 8 9')).toBe('最多8个不同的天数，你填了9个。');
    expect(nextStepText('due-soon', '2026-11-27')).toBe('下一步：准备还款（11月27日 周五）');
  });
});
