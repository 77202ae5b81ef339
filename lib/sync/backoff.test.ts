import { describe, expect, it } from 'vitest';
import { createBudget, DEFAULT_BACKOFF, isRetryable, nextAttemptAt, remaining, spend, waitForBudget, type RequestBudget } from './backoff';

const NOW = Date.UTC(2026, 10, 20, 1, 0, 0);
const low = () => 0;
const high = () => 0.999_999;
const policy = { baseMs: 1_000, capMs: 60_000, maxRetryAfterMs: 3_600_000 };

describe('when to try again', () => {
  it('waits only after busy or network errors', () => {
    expect(isRetryable('busy')).toBe(true);
    expect(isRetryable('network')).toBe(true);
    for (const kind of ['auth', 'forbidden', 'not-found', 'conflict', 'precondition', 'insufficient-storage', 'truncated', 'origin', 'server'] as const) {
      expect(isRetryable(kind)).toBe(false);
      expect(nextAttemptAt({ kind }, 1, NOW, low, policy)).toBeNull();
    }
  });

  it('doubles the wait at each failure in a row, between half and all of it', () => {
    const waits = [1, 2, 3, 4].map((failures) => [nextAttemptAt({ kind: 'network' }, failures, NOW, low, policy)! - NOW, nextAttemptAt({ kind: 'network' }, failures, NOW, high, policy)! - NOW]);
    expect(waits).toEqual([
      [500, 1_000],
      [1_000, 2_000],
      [2_000, 4_000],
      [4_000, 8_000],
    ]);
  });

  it('stops growing at the cap, however many failures', () => {
    expect(nextAttemptAt({ kind: 'busy' }, 7, NOW, high, policy)! - NOW).toBe(60_000);
    expect(nextAttemptAt({ kind: 'busy' }, 10_000, NOW, high, policy)! - NOW).toBe(60_000);
    expect(nextAttemptAt({ kind: 'busy' }, 10_000, NOW, low, policy)! - NOW).toBe(30_000);
    expect(nextAttemptAt({ kind: 'busy' }, 1, NOW, low)! - NOW).toBe(DEFAULT_BACKOFF.baseMs / 2);
  });

  it('never comes back before the server’s Retry-After, and caps an absurd one', () => {
    expect(nextAttemptAt({ kind: 'busy', retryAfterMs: 120_000 }, 1, NOW, high, policy)! - NOW).toBe(120_000);
    // A short Retry-After does not shorten our own growing wait.
    expect(nextAttemptAt({ kind: 'busy', retryAfterMs: 10 }, 4, NOW, low, policy)! - NOW).toBe(4_000);
    expect(nextAttemptAt({ kind: 'busy', retryAfterMs: 86_400_000 * 7 }, 1, NOW, low, policy)! - NOW).toBe(3_600_000);
    expect(nextAttemptAt({ kind: 'busy', retryAfterMs: -5 }, 1, NOW, low, policy)! - NOW).toBe(500);
  });
});

describe('the request budget', () => {
  const limits = { requests: 3, windowMs: 60_000 };

  function spendAll(budget: RequestBudget, times: number[]): RequestBudget {
    return times.reduce((current, time) => {
      const next = spend(current, time);
      expect(next, `request at +${time - NOW}`).not.toBeNull();
      return next!;
    }, budget);
  }

  it('allows the limit within the window, then says how long until the oldest request leaves it', () => {
    const full = spendAll(createBudget(limits), [NOW, NOW + 10_000, NOW + 20_000]);
    expect(remaining(full, NOW + 20_000)).toBe(0);
    expect(spend(full, NOW + 30_000)).toBeNull();
    expect(waitForBudget(full, NOW + 30_000)).toBe(30_000);
    expect(waitForBudget(full, NOW + 60_000)).toBe(0);
    expect(remaining(full, NOW + 60_000)).toBe(1);
    expect(spend(full, NOW + 60_000)?.sent).toEqual([NOW + 10_000, NOW + 20_000, NOW + 60_000]);
  });

  it('comes back from a stored history, in any order, and forgets what left the window', () => {
    const restored = createBudget(limits, [NOW + 20_000, NOW - 90_000, NOW + 10_000]);
    expect(remaining(restored, NOW + 20_000)).toBe(1);
    expect(spend(restored, NOW + 25_000)?.sent).toEqual([NOW + 10_000, NOW + 20_000, NOW + 25_000]);
  });

  it('is not refilled by a clock moved back', () => {
    const full = spendAll(createBudget(limits), [NOW, NOW + 1, NOW + 2]);
    expect(spend(full, NOW - 3_600_000)).toBeNull();
    expect(waitForBudget(full, NOW - 3_600_000)).toBeGreaterThan(0);
  });

  it('has room for a long history (坚果云: hundreds of requests a window)', () => {
    const jianguoyun = { requests: 500, windowMs: 30 * 60_000 };
    let budget = createBudget(jianguoyun);
    for (let index = 0; index < 500; index += 1) budget = spend(budget, NOW + index * 1_000)!;
    expect(spend(budget, NOW + 500_000)).toBeNull();
    expect(waitForBudget(budget, NOW + 500_000)).toBe(30 * 60_000 - 500_000);
  });
});
