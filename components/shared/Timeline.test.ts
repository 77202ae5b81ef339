import { describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import zh from '../../public/_locales/zh_CN/messages.json';
import { MILESTONE_CODES } from '../../lib/domain/milestone-codes';
import { stepKey, whyKey } from './Timeline';

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
