import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRev, isDeviceId, newDeviceId, parseRev, receive, tick, type ClockState } from './hlc';

const DEVICE_A = '0123456789abcdef';
const DEVICE_B = 'fedcba9876543210';
const T = Date.UTC(2026, 11, 6, 8, 0, 0);

describe('hybrid logical clock', () => {
  it('follows the wall clock, and counts events within one millisecond', () => {
    const first = tick(undefined, T);
    expect(first).toEqual({ wall: T, counter: 0 });
    expect(tick(first, T)).toEqual({ wall: T, counter: 1 });
    expect(tick(first, T + 5)).toEqual({ wall: T + 5, counter: 0 });
  });

  it('never goes back when the wall clock does', () => {
    const state = tick(tick(undefined, T), T);
    expect(tick(state, T - 60_000)).toEqual({ wall: T, counter: 2 });
  });

  it('stamps sort in the order they were made, whatever the wall clock does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4_000_000_000_000 }), { minLength: 1, maxLength: 60 }), (walls) => {
        let state: ClockState | undefined;
        const revs: string[] = [];
        for (const now of walls) {
          state = tick(state, now);
          revs.push(formatRev({ ...state, device: DEVICE_A }));
        }
        expect([...revs].sort()).toEqual(revs);
        expect(new Set(revs).size).toBe(revs.length);
      }),
    );
  });

  it('after receiving a remote stamp, the next local one is later than both', () => {
    const local = tick(undefined, T);
    const remote = { wall: T + 10_000, counter: 7 };
    const after = tick(receive(local, remote, T), T);
    expect(formatRev({ ...after, device: DEVICE_A }) > formatRev({ ...remote, device: DEVICE_B })).toBe(true);
  });

  it('writes and reads back a stamp, and refuses anything else', () => {
    const rev = formatRev({ wall: T, counter: 42, device: DEVICE_A });
    expect(rev).toBe('2026-12-06T08:00:00.000Z-002a-0123456789abcdef');
    expect(parseRev(rev)).toEqual({ wall: T, counter: 42, device: DEVICE_A });
    for (const bad of ['', 'x', 42, null, '2026-02-30T08:00:00.000Z-0000-0123456789abcdef', `${rev}0`]) expect(parseRev(bad)).toBeNull();
  });

  it('makes device ids of 16 hex digits, different each time', () => {
    const a = newDeviceId();
    expect(isDeviceId(a)).toBe(true);
    expect(a).not.toBe(newDeviceId());
    expect(isDeviceId('0123')).toBe(false);
  });
});
