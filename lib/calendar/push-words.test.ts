import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../tests/locale-messages';
import { describePushStatus, describeWhen } from './push-words';

const now = Date.UTC(2026, 10, 20, 2);

describe('the Calendar section’s status line', () => {
  it('says how long ago, in the UI language', () => {
    expect(describeWhen(now - 20_000, now, 'zh-CN')).toBe('刚刚');
    expect(describeWhen(now - 2 * 60_000, now, 'zh-CN')).toBe('2分钟前');
    expect(describeWhen(now - 2 * 60_000, now, 'en')).toBe('2 minutes ago');
    expect(describeWhen(now - 3 * 3_600_000, now, 'en')).toBe('3 hours ago');
    expect(describeWhen(now - 50 * 3_600_000, now, 'zh-CN')).toBe('2天前');
    // A clock set back shows "just now", never a time in the future.
    expect(describeWhen(now + 60_000, now, 'zh-CN')).toBe('刚刚');
  });

  it('counts the events up to date, and shows a failure with the last success', () => {
    expect(describePushStatus(null, now, 'zh-CN')).toEqual({ line: formatMessage('zh_CN', 'calendarStatusNever'), problem: null });
    const ok = { at: now - 120_000, okAt: now - 120_000, events: 12, problem: null, failures: 0, notBefore: null };
    expect(describePushStatus(ok, now, 'zh-CN').line).toBe('日历上的12个日程已是最新，2分钟前。');
    expect(describePushStatus({ ...ok, events: 1 }, now, 'zh-CN').line).toBe('日历上的1个日程已是最新，2分钟前。');
    const failed = { ...ok, at: now - 30_000, problem: { kind: 'unauthorized' as const, status: 401 }, failures: 1 };
    expect(describePushStatus(failed, now, 'zh-CN')).toEqual({
      line: '上次成功更新在2分钟前。',
      problem: `上次更新没有完成（刚刚）：${formatMessage('zh_CN', 'caldavErrUnauthorized')}`,
    });
  });
});
