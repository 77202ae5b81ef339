import { describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import zh from '../../public/_locales/zh_CN/messages.json';
import { AUTO_LOCK_MINUTES } from '../crypto/lock-state';
import { autoLockText, LOCK_PROBLEM_TEXT } from './lock-text';

describe('autoLockText', () => {
  it('words each auto-lock choice in minutes or hours', () => {
    expect(AUTO_LOCK_MINUTES.map((minutes) => autoLockText(minutes))).toEqual([
      { key: 'lockAfterMinutes', count: '5' },
      { key: 'lockAfterMinutes', count: '15' },
      { key: 'lockAfterMinutes', count: '30' },
      { key: 'lockAfterOneHour' },
      { key: 'lockAfterHours', count: '4' },
    ]);
  });

  it('keeps odd stored values in minutes', () => {
    expect(autoLockText(90)).toEqual({ key: 'lockAfterMinutes', count: '90' });
  });
});

describe('LOCK_PROBLEM_TEXT', () => {
  it('has a distinct message in both languages for every problem', () => {
    const keys = Object.values(LOCK_PROBLEM_TEXT);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) {
      expect(en[key].message).not.toBe('');
      expect(zh[key].message).not.toBe('');
    }
  });
});
