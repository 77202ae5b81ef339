import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatMessage } from '../../tests/locale-messages';
import { COACHING_STEPS, overdueCoaching, type CoachingStage, type OverdueCoaching } from '../domain/overdue-coaching';
import { MILESTONE_CODES } from '../domain/milestone-codes';
import { coachingStepText } from './coaching-detail-labels';
import { coachingHeadline, rowStepText } from './coaching-labels';

const today = '2026-12-06';
const coachingOn = (dueDate: string, escalation?: Parameters<typeof overdueCoaching>[0]['escalation']): OverdueCoaching => {
  const coaching = overdueCoaching({ dueDate, isPayment: true, paid: false, escalation }, today);
  if (!coaching) throw new Error('not overdue');
  return coaching;
};

describe('the overdue advice in words', () => {
  it('says what to do today, in Chinese without spaces around names and numbers', () => {
    expect(coachingHeadline(coachingOn('2026-12-04'), '借呗', today)).toBe('今天：尽快还上。从12月8日 周二起，逾期可能上报征信。');
    expect(coachingHeadline(coachingOn('2026-12-01'), '借呗', today)).toBe('今天：联系借呗，提出你能做到的还款方案。');
    expect(coachingHeadline(coachingOn('2026-12-01', { collection: today }), '借呗', today)).toMatch(/^今天：保存催收证据/);
    expect(coachingHeadline(coachingOn('2026-12-01', { lawyerLetter: today }), '借呗', today)).toMatch(/^今天：准备按时出席/);
    expect(coachingStepText('complain-regulator', coachingOn('2026-12-01', { collection: today }), today)).toContain('热线12378');
  });

  it('has a line for every step of every stage, in both languages', () => {
    const stages: [CoachingStage, OverdueCoaching][] = [
      ['pay-now', coachingOn('2026-12-05')],
      ['contact-lender', coachingOn('2026-11-01')],
      ['collection', coachingOn('2026-11-01', { collection: today })],
      ['legal', coachingOn('2026-11-01', { mediation: today })],
    ];
    for (const language of ['zh_CN', 'en'] as const) {
      fakeBrowser.i18n.getMessage = (key: string, subs?: string | (string | number)[]) =>
        formatMessage(language, key, Array.isArray(subs) ? subs.map(String) : subs);
      for (const [stage, coaching] of stages) {
        expect(coaching.stage).toBe(stage);
        for (const step of COACHING_STEPS[stage]) {
          const text = coachingStepText(step, coaching, today);
          expect(text, `${language} ${step}`).not.toMatch(/^coach_|\$\d/);
        }
      }
    }
  });
});

describe("a row's step", () => {
  it('a step whose day has passed is missed, never next', () => {
    expect(rowStepText({ code: 'transfer-by', fireDate: '2026-12-04' }, today)).toEqual({ text: '已错过：跨行转账截止（12月4日 周五）', missed: true });
  });

  it('a window open today is shown by its last day, not its first', () => {
    // Due on the 10th: the deposit window runs from the 5th to the 7th.
    expect(rowStepText({ code: 'deposit-and-check-debit', fireDate: '2026-12-05', untilDate: '2026-12-07' }, today)).toEqual({
      text: '现在：存入还款资金（截至12月7日 周一）',
      missed: false,
    });
    // On its last day, it is today's.
    expect(rowStepText({ code: 'deposit-and-check-debit', fireDate: '2026-12-04', untilDate: today }, today).text).toBe('今天：存入还款资金');
    expect(rowStepText({ code: 'pay', fireDate: today }, today)).toEqual({ text: '今天：还款', missed: false });
    expect(rowStepText({ code: 'pay', fireDate: '2026-12-09' }, today)).toEqual({ text: '下一步：还款（12月9日 周三）', missed: false });
  });
});

describe("a row's step in English", () => {
  it('runs the step on in lower case after the colon: "Today: pay", never "Today: Pay"', () => {
    fakeBrowser.i18n.getMessage = (key: string, subs?: string | (string | number)[]) => formatMessage('en', key, Array.isArray(subs) ? subs.map(String) : subs);
    fakeBrowser.i18n.getUILanguage = () => 'en-US';
    expect(rowStepText({ code: 'pay', fireDate: today }, today).text).toBe('Today: pay');
    expect(rowStepText({ code: 'transfer-by', fireDate: '2026-12-04' }, today).text).toMatch(/^Missed: last day to transfer, /);
    expect(rowStepText({ code: 'deposit-and-check-debit', fireDate: '2026-12-05', untilDate: '2026-12-07' }, today).text).toMatch(/^Now: deposit the money, until /);
    expect(rowStepText({ code: 'contact-lender-if-short', fireDate: '2026-12-09' }, today).text).toMatch(/^Next: contact the lender if short, /);
    for (const code of MILESTONE_CODES) {
      for (const fireDate of ['2026-12-04', today, '2026-12-20']) {
        const { text } = rowStepText({ code, fireDate }, today);
        expect(text, code).toMatch(/^[A-Z][a-z]+: [a-z]/);
      }
    }
  });
});
