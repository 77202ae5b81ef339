import { describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import zh from '../../public/_locales/zh_CN/messages.json';
import { MILESTONE_CODES } from '../../lib/domain/milestone-codes';
import type { Milestone } from '../../lib/domain/milestones';
import { isMissedStep, stepKey, whyKey } from './Timeline';

describe('timeline wording', () => {
  it('has a step name and a reason for every milestone, in both languages', () => {
    for (const code of MILESTONE_CODES) {
      for (const key of [stepKey(code), whyKey(code)]) {
        expect(en, `${key} (en)`).toHaveProperty(key);
        expect(zh, `${key} (zh_CN)`).toHaveProperty(key);
      }
    }
  });
});

describe('missed steps', () => {
  const step = (code: Milestone['code'], timing: Milestone['timing']): Milestone => ({
    code,
    timing,
    date: '2026-12-01',
    dueDate: '2026-12-03',
    role: 'installment',
    ref: 'a',
    provisional: false,
  });

  it('a step gone by while its due date is open is missed; once paid it only passed', () => {
    expect(isMissedStep(step('transfer-by', 'past'), false)).toBe(true);
    expect(isMissedStep(step('pay', 'past'), false)).toBe(true);
    expect(isMissedStep(step('transfer-by', 'past'), true)).toBe(false);
    expect(isMissedStep(step('transfer-by', 'today'), false)).toBe(false);
  });

  it('what tells of the aftermath (the credit report, the record) is never missed', () => {
    for (const code of ['credit-report-risk', 'check-credit-report', 'adverse-record-expires'] as const) {
      expect(isMissedStep(step(code, 'past'), false), code).toBe(false);
    }
  });
});
