import { describe, expect, it } from 'vitest';
import { ACTIVITY_WRITE_INTERVAL_MS } from '../crypto/lock-state';
import { ACTIVITY_REPORT_INTERVAL_MS, throttleActivity } from './activity';

describe('throttleActivity', () => {
  it('passes the first input on at once, then at most once per interval', () => {
    const reported: number[] = [];
    const onInput = throttleActivity((now) => reported.push(now), 1_000);
    for (const at of [10_000, 10_001, 10_500, 10_999, 11_000, 11_400, 12_100]) onInput(at);
    expect(reported).toEqual([10_000, 11_000, 12_100]);
  });

  it('reports again when the clock went backwards (the system time was changed)', () => {
    const reported: number[] = [];
    const onInput = throttleActivity((now) => reported.push(now), 1_000);
    onInput(50_000);
    onInput(20_000);
    onInput(20_500);
    expect(reported).toEqual([50_000, 20_000]);
  });

  it('reports more often than the lock writes, so a minute of use is never missed', () => {
    expect(ACTIVITY_REPORT_INTERVAL_MS).toBeLessThan(ACTIVITY_WRITE_INTERVAL_MS);
  });
});
