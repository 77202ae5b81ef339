import { describe, expect, it } from 'vitest';
import { includedIn } from './siblings';
import { deviceOfRev, joinVectors } from './version-vector';

const A = 'aaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbb';
const rev = (second: number, device: string) => `2026-12-06T08:00:${String(second).padStart(2, '0')}.000Z-0000-${device}`;

describe('version vectors', () => {
  it('order versions when one includes the other, and see concurrent ones', () => {
    const v = (at: number, device: string, vv: Record<string, string>, excl?: string[]) => ({ rev: rev(at, device), vv: { ...vv, [device]: rev(at, device) }, ...(excl ? { excl } : {}) });
    const a1 = v(1, A, {});
    const a2 = v(2, A, {});
    const b3 = v(3, B, { [A]: rev(1, A) });
    expect(includedIn(a1, a1)).toBe(false);
    expect(includedIn(a1, a2)).toBe(true);
    expect(includedIn(a2, a1)).toBe(false);
    expect(includedIn(a1, b3)).toBe(true);
    expect([includedIn(a2, b3), includedIn(b3, a2)]).toEqual([false, false]);
    // An edit of A that leaves out A's own earlier version: it reaches its stamp, and still does not include it.
    const a4 = v(4, A, { [B]: rev(3, B) }, [rev(2, A)]);
    expect([includedIn(a2, a4), includedIn(a4, a2)]).toEqual([false, false]);
    expect(includedIn(b3, a4)).toBe(true);
    expect(includedIn(a1, a4)).toBe(true);
  });

  it('join to each device’s later stamp, and name the device of a stamp', () => {
    expect(joinVectors({ [A]: rev(2, A) }, { [A]: rev(1, A), [B]: rev(3, B) })).toEqual({ [A]: rev(2, A), [B]: rev(3, B) });
    expect(deviceOfRev(rev(5, B))).toBe(B);
  });
});
