import { describe, expect, it } from 'vitest';
import { compareVectors, deviceOfRev, joinVectors } from './version-vector';

const A = 'aaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbb';
const rev = (second: number, device: string) => `2026-12-06T08:00:${String(second).padStart(2, '0')}.000Z-0000-${device}`;

describe('version vectors', () => {
  it('order versions when one includes the other, and see concurrent ones', () => {
    expect(compareVectors({ [A]: rev(1, A) }, { [A]: rev(1, A) })).toBe('equal');
    expect(compareVectors({ [A]: rev(1, A) }, { [A]: rev(2, A) })).toBe('before');
    expect(compareVectors({ [A]: rev(2, A), [B]: rev(1, B) }, { [A]: rev(2, A) })).toBe('after');
    expect(compareVectors({ [A]: rev(2, A) }, { [A]: rev(1, A), [B]: rev(3, B) })).toBe('concurrent');
    expect(compareVectors({}, { [B]: rev(3, B) })).toBe('before');
  });

  it('join to each device’s later stamp, and name the device of a stamp', () => {
    expect(joinVectors({ [A]: rev(2, A) }, { [A]: rev(1, A), [B]: rev(3, B) })).toEqual({ [A]: rev(2, A), [B]: rev(3, B) });
    expect(deviceOfRev(rev(5, B))).toBe(B);
  });
});
