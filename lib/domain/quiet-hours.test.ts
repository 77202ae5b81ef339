import { afterEach, describe, expect, it } from 'vitest';
import { localInstant } from './dates';
import { deferPastQuietHours, isMinuteInWindow, quietHoursEndAfter, quietHoursOf } from './quiet-hours';

const night = { startMinute: 22 * 60, endMinute: 8 * 60 };
const lunch = { startMinute: 12 * 60, endMinute: 13 * 60 + 30 };

describe('quiet hours', () => {
  it('wraps midnight: the evening part ends the next morning, the early part the same morning', () => {
    expect(quietHoursEndAfter(localInstant('2026-11-21', 22), night)).toBe(localInstant('2026-11-22', 8));
    expect(quietHoursEndAfter(localInstant('2026-11-21', 23, 59), night)).toBe(localInstant('2026-11-22', 8));
    expect(quietHoursEndAfter(localInstant('2026-11-22', 0), night)).toBe(localInstant('2026-11-22', 8));
    expect(quietHoursEndAfter(localInstant('2026-11-22', 7, 59), night)).toBe(localInstant('2026-11-22', 8));
  });

  it('is outside from the end minute until the start minute', () => {
    expect(quietHoursEndAfter(localInstant('2026-11-22', 8), night)).toBeNull();
    expect(quietHoursEndAfter(localInstant('2026-11-22', 9), night)).toBeNull();
    expect(quietHoursEndAfter(localInstant('2026-11-22', 21, 59), night)).toBeNull();
  });

  it('handles a window within one day', () => {
    expect(quietHoursEndAfter(localInstant('2026-11-22', 12, 30), lunch)).toBe(localInstant('2026-11-22', 13, 30));
    expect(quietHoursEndAfter(localInstant('2026-11-22', 13, 30), lunch)).toBeNull();
    expect(quietHoursEndAfter(localInstant('2026-11-22', 11, 59), lunch)).toBeNull();
  });

  it('defers an instant inside to their end and leaves one outside alone', () => {
    const evening = localInstant('2026-12-31', 22, 30);
    expect(deferPastQuietHours(evening, night)).toBe(localInstant('2027-01-01', 8));
    expect(deferPastQuietHours(localInstant('2026-12-31', 9), night)).toBe(localInstant('2026-12-31', 9));
    expect(deferPastQuietHours(evening, null)).toBe(evening);
  });

  it('is off when disabled or empty', () => {
    expect(quietHoursOf({ quietHoursEnabled: false, quietStartMinute: 1320, quietEndMinute: 480 })).toBeNull();
    expect(quietHoursOf({ quietHoursEnabled: true, quietStartMinute: 480, quietEndMinute: 480 })).toBeNull();
    expect(quietHoursOf({ quietHoursEnabled: true, quietStartMinute: 1320, quietEndMinute: 480 })).toEqual(night);
    expect(isMinuteInWindow(600, 600, 600)).toBe(false);
  });
});

describe('quiet hours across a DST change (local wall clock, not +8 h)', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = zone;
  });

  it('ends at 08:00 local on the morning after clocks went back or forward', () => {
    process.env.TZ = 'America/New_York';
    // 2026-11-01: clocks go back at 02:00, so that night has 11 hours between 22:00 and 08:00.
    const fallBack = quietHoursEndAfter(localInstant('2026-10-31', 23), night);
    expect(fallBack).toBe(localInstant('2026-11-01', 8));
    expect(new Date(fallBack ?? 0).getHours()).toBe(8);
    expect((fallBack ?? 0) - localInstant('2026-10-31', 23)).toBe(10 * 3_600_000);
    // 2026-03-08: clocks go forward at 02:00, a 9-hour night.
    const springForward = quietHoursEndAfter(localInstant('2026-03-07', 23), night);
    expect(new Date(springForward ?? 0).getHours()).toBe(8);
    expect((springForward ?? 0) - localInstant('2026-03-07', 23)).toBe(8 * 3_600_000);
  });
});
